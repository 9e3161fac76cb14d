//! Everything the comparison views derive from one result, computed once per
//! result (never per render): labels, char slicers, cited sources, passage
//! titles. The cited sources are found when a view first asks for them
//! (the overview, the first view, does not). Pure: no web imports, tested
//! natively.

use std::cell::OnceCell;
use std::rc::Rc;

use crate::model::{Comparison, Group, Kind};
use crate::viewmodel::coverage::{self, Citations, Slicer};
use crate::viewmodel::state::Article;

/// One article as the views need it.
pub struct DocView {
    /// Outlet label.
    pub label: Rc<str>,
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
    pub name: Rc<str>,
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
    format!(
        "{}%",
        crate::formats::fixed::fixed((x * 100.0).clamp(0.0, 100.0), 0)
    )
}

impl Analysis {
    /// Derives what the views need from `cmp` over `articles`.
    pub fn new(cmp: Rc<Comparison>, articles: &[Article]) -> Self {
        let n = cmp.documents.len().min(articles.len());
        let docs: Vec<DocView> = articles[..n]
            .iter()
            .map(|a| DocView {
                label: Rc::from(a.label.as_str()),
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
                                name: Rc::from(a.name.as_str()),
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
    pub fn label(&self, d: usize) -> Rc<str> {
        self.docs.get(d).map_or_else(
            || Rc::from(format!("Article {}", d + 1)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewmodel::state::ArticleMeta;

    /// The demo set compared, as the articles the app holds.
    fn demo() -> (Rc<Comparison>, Vec<Article>) {
        let articles: Vec<Article> = crate::viewmodel::demo::demo_set()
            .into_iter()
            .enumerate()
            .map(|(i, (label, text))| Article {
                id: i as u32,
                label,
                text: text.into(),
                ignored: Vec::new(),
                meta: ArticleMeta::default(),
            })
            .collect();
        let docs: Vec<crate::engine::InputDoc> = articles
            .iter()
            .map(|a| crate::engine::InputDoc::new(a.label.clone(), a.text.to_string()))
            .collect();
        (Rc::new(crate::engine::compare(&docs)), articles)
    }

    #[test]
    fn sources_count_each_articles_citations_most_widely_cited_first() {
        let (cmp, articles) = demo();
        let a = Analysis::new(cmp, &articles);
        assert_eq!(a.n(), 5);
        let sources = a.sources();
        assert!(!sources.is_empty(), "the demo articles cite sources");
        // Every citation of every article is counted once, under its key.
        for (d, attrs) in a.cites().by_doc.iter().enumerate() {
            for s in sources {
                let n = attrs.iter().filter(|x| x.key == s.key).count();
                assert_eq!(s.count(d), n, "{} in article {d}", s.key);
            }
        }
        let listed: usize = sources
            .iter()
            .map(|s| s.per_doc.iter().sum::<usize>())
            .sum();
        let cited: usize = a.cites().by_doc.iter().map(Vec::len).sum();
        assert_eq!(listed, cited);
        // Keys are unique and the order is by outlets, then citations.
        for w in sources.windows(2) {
            let total = |s: &SourceInfo| s.per_doc.iter().sum::<usize>();
            assert_ne!(w[0].key, w[1].key);
            assert!(
                (w[0].outlets(), total(&w[0])) >= (w[1].outlets(), total(&w[1])),
                "{} before {}",
                w[0].key,
                w[1].key
            );
        }
        assert_eq!(sources[0].count(99), 0);
        // One source under two names: "Russian MFA" and "the Russian
        // Foreign Ministry" (articles 4 and 0).
        let mfa = sources.iter().find(|s| s.key == "russian mfa");
        assert!(mfa.is_some_and(|s| s.count(0) > 0 && s.count(4) > 0));
        assert!(!sources.iter().any(|s| s.key.contains("foreign ministry")));
    }

    #[test]
    fn labels_and_descriptions_follow_the_hidden_articles() {
        let (cmp, articles) = demo();
        let a = Analysis::new(cmp.clone(), &articles[..4]);
        // A result over more articles than known: only the known ones.
        assert_eq!(a.n(), 4);
        assert_eq!(&*a.label(0), "dailymail.co.uk");
        assert_eq!(&*a.label(7), "Article 8");
        assert_eq!(
            a.docs[1].slice(0, 5),
            articles[1].text.chars().take(5).collect::<String>()
        );
        let g = cmp
            .groups
            .iter()
            .find(|g| g.members.iter().any(|m| m.doc == 0) && g.members.len() >= 2)
            .expect("a group with article 0");
        let all = a.describe(g, &[]);
        assert!(all.contains("dailymail.co.uk"), "{all}");
        assert!(all.starts_with(kind_label(g.kind)), "{all}");
        let without = a.describe(g, &[0]);
        assert!(!without.contains("dailymail.co.uk"), "{without}");
    }

    #[test]
    fn percentages_are_rounded_and_clamped() {
        assert_eq!(pct(0.456), "46%");
        assert_eq!(pct(1.7), "100%");
        assert_eq!(pct(-0.2), "0%");
    }
}
