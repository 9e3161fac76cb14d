//! Everything the comparison views derive from one result, computed once per
//! result (never per render): labels, char slicers, cited sources, passage
//! titles. The cited sources are found when a view first asks for them
//! (the overview, the first view, does not).

use std::cell::OnceCell;
use std::rc::Rc;

use yew::AttrValue;

use crate::coverage::{self, Citations, Slicer};
use crate::model::{Comparison, Group, Kind};
use crate::state::Article;

/// One article as the views need it.
pub struct DocView {
    /// Outlet label.
    pub label: AttrValue,
    /// Original text (shared with the state, never copied).
    pub text: Rc<str>,
    /// Char → byte index of `text`, built when first needed (a view of
    /// many long articles slices few of them).
    pub slicer: OnceCell<Slicer>,
    /// Char ranges left out of the alignment (boilerplate).
    pub ignored: Vec<(usize, usize)>,
}

impl DocView {
    /// The text of chars `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.slicer
            .get_or_init(|| Slicer::new(&self.text))
            .slice(&self.text, start, end)
    }
}

/// A cited source across the articles.
pub struct SourceInfo {
    /// Filter key (lowercase).
    pub key: String,
    /// Name as most often written.
    pub name: AttrValue,
    /// Citations per article.
    pub per_doc: Vec<usize>,
}

impl SourceInfo {
    /// How often article `d` cites it (0 for an article it does not know).
    pub fn count(&self, d: usize) -> usize {
        self.per_doc.get(d).copied().unwrap_or(0)
    }

    /// How many articles cite it.
    pub fn outlets(&self) -> usize {
        self.per_doc.iter().filter(|&&n| n > 0).count()
    }
}

/// A result with everything derived from it.
pub struct Analysis {
    /// The result.
    pub cmp: Rc<Comparison>,
    /// The articles, in result order.
    pub docs: Vec<DocView>,
    /// Sources cited (per article and per passage group), and the sources,
    /// most widely cited first: see [`Analysis::cites`], [`Analysis::sources`].
    cited: OnceCell<(Citations, Vec<SourceInfo>)>,
}

/// The reader-facing name of a kind.
pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Verbatim => "Verbatim",
        Kind::Near => "Edited copy",
        Kind::Paraphrase => "Paraphrase",
    }
}

/// A short explanation of a kind.
pub fn kind_help(k: Kind) -> &'static str {
    match k {
        Kind::Verbatim => "the same words in the same order",
        Kind::Near => "one source sentence, lightly edited",
        Kind::Paraphrase => "the same fact or quote in other words",
    }
}

/// The CSS class of a kind.
pub fn kind_class(k: Kind) -> &'static str {
    match k {
        Kind::Verbatim => "k-verbatim",
        Kind::Near => "k-near",
        Kind::Paraphrase => "k-paraphrase",
    }
}

/// Percent, rounded.
pub fn pct(x: f64) -> String {
    format!("{}%", crate::fixed::fixed((x * 100.0).clamp(0.0, 100.0), 0))
}

impl Analysis {
    /// Derives what the views need from `cmp` over `articles`.
    pub fn new(cmp: Rc<Comparison>, articles: &[Article]) -> Self {
        let n = cmp.documents.len().min(articles.len());
        let docs: Vec<DocView> = articles[..n]
            .iter()
            .map(|a| DocView {
                label: AttrValue::from(a.label.clone()),
                text: a.text.clone(),
                slicer: OnceCell::new(),
                ignored: a.ignored.clone(),
            })
            .collect();
        Analysis {
            cmp,
            docs,
            cited: OnceCell::new(),
        }
    }

    /// Sources cited, per article and per passage group.
    pub fn cites(&self) -> &Citations {
        &self.cited().0
    }

    /// Sources, most widely cited first.
    pub fn sources(&self) -> &[SourceInfo] {
        &self.cited().1
    }

    fn cited(&self) -> &(Citations, Vec<SourceInfo>) {
        self.cited.get_or_init(|| {
            let n = self.n();
            let texts: Vec<&str> = self.docs.iter().map(|d| &*d.text).collect();
            let cites = coverage::citations(&self.cmp, &texts);
            let mut sources: Vec<SourceInfo> = Vec::new();
            for (d, attrs) in cites.by_doc.iter().enumerate() {
                for a in attrs {
                    let i = match sources.iter().position(|s| s.key == a.key) {
                        Some(i) => i,
                        None => {
                            sources.push(SourceInfo {
                                key: a.key.clone(),
                                name: AttrValue::from(a.name.clone()),
                                per_doc: vec![0; n],
                            });
                            sources.len() - 1
                        }
                    };
                    sources[i].per_doc[d] += 1;
                }
            }
            crate::sort::sort_by(&mut sources, |a, b| {
                b.outlets()
                    .cmp(&a.outlets())
                    .then(b.per_doc.iter().sum::<usize>().cmp(&a.per_doc.iter().sum()))
                    .then(a.key.cmp(&b.key))
            });
            (cites, sources)
        })
    }

    /// Number of articles.
    pub fn n(&self) -> usize {
        self.docs.len()
    }

    /// Label of article `d`.
    pub fn label(&self, d: usize) -> AttrValue {
        self.docs.get(d).map_or_else(
            || AttrValue::from(format!("Article {}", d + 1)),
            |x| x.label.clone(),
        )
    }

    /// A one-line description of group `g` for tooltips and screen readers.
    pub fn describe(&self, g: &Group, hidden: &[usize]) -> String {
        let outlets: Vec<String> = coverage::visible_members(g, hidden)
            .map(|m| self.label(m.doc).to_string())
            .collect();
        let mut s = format!(
            "{} ({}), {} similar, in {}",
            kind_label(g.kind),
            kind_help(g.kind),
            pct(g.score),
            outlets.join(", ")
        );
        let ev = evidence_list(g);
        if !ev.is_empty() {
            s.push_str(". Shared: ");
            s.push_str(&ev.join(", "));
        }
        s
    }
}

/// The evidence of a group as one list: names, numbers, then words.
pub fn evidence_list(g: &Group) -> Vec<String> {
    let e = &g.evidence;
    let mut out: Vec<String> = Vec::new();
    for w in e.names.iter().chain(&e.numbers).chain(&e.words) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(w)) {
            out.push(w.clone());
        }
    }
    out
}
