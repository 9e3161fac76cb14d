//! Exports of a comparison: the result as JSON, the pair matrix and the
//! passage list as CSV, and a standalone HTML report (one file, its own
//! CSS, no scripts, every text escaped). Pure functions of the result and
//! the article texts, so they are tested natively.
//!
//! ```
//! use parallax::formats::export::{csv_field, escape_html};
//! assert_eq!(csv_field("a \"b\", c"), "\"a \"\"b\"\", c\"");
//! assert_eq!(escape_html("<b onclick='x'>&"), "&lt;b onclick=&#39;x&#39;&gt;&amp;");
//! ```

use std::fmt::Write as _;

use serde::Serialize;

use crate::formats::json::Writer;
use crate::model::{Comparison, Member, Span};
use crate::viewmodel::coverage::{share, Slicer};
use crate::viewmodel::intake::word_count;

/// One compared article as the exports need it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SourceDoc<'a> {
    /// Outlet label.
    pub label: &'a str,
    /// Full text (offsets in the result point into it).
    pub text: &'a str,
    /// Char ranges left out of the alignment.
    pub ignored: &'a [(usize, usize)],
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// File name or address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
}

/// A text with its char index ([`Slicer`]): char-offset slicing that never
/// panics (offsets past the end are clipped).
struct Chars<'a> {
    text: &'a str,
    at: Slicer,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Chars {
            text,
            at: Slicer::new(text),
        }
    }
    fn len(&self) -> usize {
        self.at.len()
    }
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.at.slice(self.text, start, end)
    }
}

/// The result as pretty JSON: the [`Comparison`] fields (documents, groups,
/// pairs, unique) at the top level, plus `format`, `version` and the
/// `articles` with their texts, so every offset can be resolved. The same
/// text as `serde_json` makes of the serde form of these types.
pub fn result_json(cmp: &Comparison, docs: &[SourceDoc<'_>]) -> String {
    result_json_with(cmp, docs, Writer::new(true))
}

/// [`result_json`] written by `w` (a pretty [`Writer`] with the floats of
/// the platform: the browser's own number formatting in the app).
pub fn result_json_with(cmp: &Comparison, docs: &[SourceDoc<'_>], mut w: Writer) -> String {
    fn span(w: &mut Writer, s: &Span) {
        w.key("start").usize(s.start);
        w.key("end").usize(s.end);
        w.key("start16").usize(s.start16);
        w.key("end16").usize(s.end16);
    }
    fn strings(w: &mut Writer, k: &str, list: &[String]) {
        w.key(k).arr(list, |w, s| w.str(s));
    }
    w.obj(|w| {
        w.key("format").str("parallax-result");
        w.key("version").uint(1u32);
        w.key("articles").arr(docs, |w, d| {
            w.obj(|w| {
                w.key("label").str(d.label);
                w.key("text").str(d.text);
                w.key("ignored").arr(d.ignored, |w, &(s, e)| {
                    w.arr([s, e], |w, n| w.usize(n));
                });
                for (k, v) in [("title", d.title), ("date", d.date), ("source", d.source)] {
                    if let Some(v) = v {
                        w.key(k).str(v);
                    }
                }
            });
        });
        w.key("documents").arr(&cmp.documents, |w, d| {
            w.obj(|w| {
                w.key("label").str(&d.label);
                w.key("chars").usize(d.chars);
            });
        });
        w.key("groups").arr(&cmp.groups, |w, g| {
            w.obj(|w| {
                w.key("id").usize(g.id);
                w.key("kind").str(g.kind.name());
                w.key("score").float(g.score);
                w.key("members").arr(&g.members, |w, m| {
                    w.obj(|w| {
                        w.key("doc").usize(m.doc);
                        span(w, &m.span);
                        w.key("words").arr(&m.words, |w, word| {
                            w.obj(|w| {
                                span(w, &word.span);
                                w.key("shared").bool(word.shared);
                            });
                        });
                    });
                });
                w.key("evidence").obj(|w| {
                    strings(w, "words", &g.evidence.words);
                    strings(w, "names", &g.evidence.names);
                    strings(w, "numbers", &g.evidence.numbers);
                });
            });
        });
        w.key("pairs").arr(&cmp.pairs, |w, p| {
            w.obj(|w| {
                w.key("a").usize(p.a);
                w.key("b").usize(p.b);
                w.key("a_in_b").float(p.a_in_b);
                w.key("b_in_a").float(p.b_in_a);
            });
        });
        w.key("unique").arr(&cmp.unique, |w, spans| {
            w.arr(spans, |w, s| w.obj(|w| span(w, s)));
        });
    });
    w.finish()
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote, line
/// break or surrounding space, quotes doubled. A text starting with `=`,
/// `+`, `@`, a tab, or `-` followed by no space is prefixed with `'` so
/// spreadsheets do not run it as a formula.
pub fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && !s.starts_with("- ") && s.len() > 1);
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_string()
    };
    let needs = s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_row(out: &mut String, fields: &[String]) {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

fn label_of<'a>(cmp: &'a Comparison, docs: &'a [SourceDoc<'a>], i: usize) -> &'a str {
    docs.get(i)
        .map(|d| d.label)
        .or_else(|| cmp.documents.get(i).map(|d| d.label.as_str()))
        .unwrap_or("?")
}

/// The pair matrix as CSV: one row and one column per article; a cell is
/// the percentage of the row article's words found in the column article.
pub fn matrix_csv(cmp: &Comparison, docs: &[SourceDoc<'_>]) -> String {
    let n = cmp.documents.len();
    let mut out = String::new();
    let mut head = vec!["% of row article's words found in column article".to_string()];
    head.extend((0..n).map(|i| label_of(cmp, docs, i).to_string()));
    csv_row(&mut out, &head);
    for r in 0..n {
        let mut row = vec![label_of(cmp, docs, r).to_string()];
        row.extend((0..n).map(|c| match share(cmp, r, c) {
            Some(v) => crate::formats::fixed::fixed(v * 100.0, 1),
            None => String::new(),
        }));
        csv_row(&mut out, &row);
    }
    out
}

/// The passage list as CSV: one row per article occurrence of each shared
/// passage (same `group` number = same passage), then the passages only
/// one article carries (`kind` = `unique`). Offsets are in chars.
pub fn passages_csv(cmp: &Comparison, docs: &[SourceDoc<'_>]) -> String {
    let texts: Vec<Chars> = docs.iter().map(|d| Chars::new(d.text)).collect();
    let text_of = |doc: usize, span: &Span| {
        texts
            .get(doc)
            .map(|c| c.slice(span.start, span.end).to_string())
            .unwrap_or_default()
    };
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "group", "kind", "score", "members", "article", "start", "end", "text",
        ]
        .map(String::from),
    );
    for g in &cmp.groups {
        for m in &g.members {
            csv_row(
                &mut out,
                &[
                    g.id.to_string(),
                    g.kind.name().to_string(),
                    crate::formats::fixed::fixed(g.score, 3),
                    g.members.len().to_string(),
                    label_of(cmp, docs, m.doc).to_string(),
                    m.span.start.to_string(),
                    m.span.end.to_string(),
                    text_of(m.doc, &m.span),
                ],
            );
        }
    }
    for (doc, spans) in cmp.unique.iter().enumerate() {
        for s in spans {
            csv_row(
                &mut out,
                &[
                    String::new(),
                    "unique".to_string(),
                    String::new(),
                    "1".to_string(),
                    label_of(cmp, docs, doc).to_string(),
                    s.start.to_string(),
                    s.end.to_string(),
                    text_of(doc, s),
                ],
            );
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A member's passage with each word marked shared (`<span class="s">`)
/// or differing (`<mark class="d">`) against its group.
/// Runs of words with the same mark share one element (with the spaces
/// between them), so underlines and highlights read as phrases.
fn marked_member(text: &Chars, m: &Member) -> String {
    // (start, end, shared) runs, in order, inside the member's span.
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = m.span.start;
    for w in &m.words {
        let (s, e) = (w.span.start.max(pos), w.span.end);
        if s >= e || e > m.span.end {
            continue;
        }
        match runs.last_mut() {
            Some(last)
                if last.2 == w.shared && text.slice(last.1, s).chars().all(char::is_whitespace) =>
            {
                last.1 = e;
            }
            _ => runs.push((s, e, w.shared)),
        }
        pos = e;
    }
    let mut out = String::new();
    let mut pos = m.span.start;
    for (s, e, shared) in runs {
        out.push_str(&escape_html(text.slice(pos, s)));
        let words = escape_html(text.slice(s, e));
        if shared {
            let _ = write!(out, "<span class=\"s\">{words}</span>");
        } else {
            let _ = write!(out, "<mark class=\"d\">{words}</mark>");
        }
        pos = e;
    }
    out.push_str(&escape_html(text.slice(pos, m.span.end)));
    out
}

/// The full text with ignored ranges wrapped as dimmed `<del>`.
fn text_with_ignored(text: &Chars, ignored: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for &(s, e) in ignored {
        let s = s.max(pos);
        if s >= e {
            continue;
        }
        out.push_str(&escape_html(text.slice(pos, s)));
        let _ = write!(
            out,
            "<del class=\"ign\" title=\"left out of the comparison\">{}</del>",
            escape_html(text.slice(s, e))
        );
        pos = e;
    }
    out.push_str(&escape_html(text.slice(pos, text.len())));
    out
}

const REPORT_CSS: &str = r#"
:root{color-scheme:light;--ink:#1d232b;--muted:#5b6672;--line:#d9dee4;--bg:#fff;--shared:#1f6f5c;--diff:#ffe08a;--accent:#2c5d8f}
*{box-sizing:border-box}
body{margin:0 auto;max-width:64rem;padding:2rem 1.25rem 4rem;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:2.5rem 0 .75rem;border-bottom:2px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:0 0 .5rem}
.sub,.note,.meta{color:var(--muted)}.note{font-size:.9rem}
ol.docs{padding-left:1.5rem}ol.docs li{margin:.35rem 0}
table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:.35rem .6rem;text-align:right}
th{background:#f3f5f7;text-align:left;font-weight:600}
td.l0{background:#fff}td.l1{background:#e4f0ec}td.l2{background:#bfdcd2}td.l3{background:#8cc2b0}td.l4{background:#4e9e85;color:#fff}
td.self{background:repeating-linear-gradient(45deg,#f3f5f7,#f3f5f7 4px,#fff 4px,#fff 8px)}
.group{border:1px solid var(--line);border-radius:8px;padding:.9rem 1rem;margin:1rem 0;break-inside:avoid}
.kind{display:inline-block;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;border-radius:4px;padding:.05rem .4rem;margin-right:.4rem;border:1px solid currentColor}
.kind.verbatim{color:#1f6f5c}.kind.near{color:#2c5d8f}.kind.paraphrase{color:#7a4a9a}
.member{display:grid;grid-template-columns:10rem 1fr;gap:.75rem;padding:.4rem 0;border-top:1px dashed var(--line)}
.who{font-weight:600;overflow-wrap:anywhere}
.member p{margin:0}
span.s{text-decoration:underline;text-decoration-color:var(--shared);text-decoration-thickness:2px;text-underline-offset:3px}
mark.d{background:var(--diff);color:inherit;border-radius:2px}
del.ign{text-decoration:none;color:#8a939c;background:#f3f5f7}
.evidence{font-size:.85rem;color:var(--muted);margin:.25rem 0 .5rem}
.unique li{margin:.4rem 0}
details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
.fulltext{white-space:pre-wrap;border-left:3px solid var(--line);padding-left:.75rem}
.legend span,.legend mark{padding:0 .2rem}
footer{margin-top:3rem;font-size:.85rem;color:var(--muted)}
@media (max-width:40rem){.member{grid-template-columns:1fr;gap:.2rem}}
@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit}details{display:block}details>*{display:block}
h2{break-after:avoid}.group{border-color:#999}mark.d{background:none;border-bottom:2px dotted #000}
td.l1,td.l2,td.l3,td.l4,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Shade 0..=4 of a matrix cell, relative to the largest share in the
/// matrix (the numbers are printed in every cell).
fn level(v: f64, max: f64) -> u8 {
    if v <= 0.0 || max <= 0.0 {
        0
    } else {
        ((v / max) * 4.0).ceil().clamp(1.0, 4.0) as u8
    }
}

/// A standalone HTML report: one file with its own CSS and no scripts,
/// readable offline and printable. Lists the articles (with their full
/// texts, left-out lines dimmed), the pair matrix, every shared passage
/// with word-level shared/different marks, and what each article alone
/// carries. `generated` is a date/time shown in the header.
pub fn html_report(cmp: &Comparison, docs: &[SourceDoc<'_>], generated: &str) -> String {
    let n = cmp.documents.len();
    let chars: Vec<Chars> = (0..n)
        .map(|i| Chars::new(docs.get(i).map(|d| d.text).unwrap_or("")))
        .collect();
    let label = |i: usize| escape_html(label_of(cmp, docs, i));
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Parallax report: {n} articles compared</title>\n<style>{REPORT_CSS}</style>\n</head>\n<body>\n\
         <header>\n<h1>Parallax report</h1>\n<p class=\"sub\">{n} articles compared · {} shared passages · generated {}</p>\n</header>\n",
        cmp.groups.len(),
        escape_html(generated)
    );

    // Articles.
    h.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n<ol class=\"docs\">\n");
    for (i, c) in chars.iter().enumerate() {
        let d = docs.get(i).copied().unwrap_or_default();
        let _ = write!(h, "<li><strong dir=\"auto\">{}</strong>", label(i));
        if let Some(t) = d.title {
            let _ = write!(h, " · <span dir=\"auto\">{}</span>", escape_html(t));
        }
        let mut meta = vec![format!("{} words", word_count(d.text))];
        if let Some(date) = d.date {
            meta.push(escape_html(date));
        }
        if let Some(src) = d.source {
            meta.push(escape_html(src));
        }
        if !d.ignored.is_empty() {
            meta.push(format!(
                "{} left out as not article text",
                crate::formats::fixed::plural(d.ignored.len(), "line")
            ));
        }
        let _ = write!(
            h,
            "<div class=\"meta\">{}</div>\n<details><summary>Full text</summary>\
             <div class=\"fulltext\" dir=\"auto\">{}</div></details></li>\n",
            meta.join(" · "),
            text_with_ignored(c, d.ignored)
        );
    }
    h.push_str("</ol>\n</section>\n");

    // Matrix.
    h.push_str(
        "<section id=\"matrix\">\n<h2>How much they share</h2>\n\
         <p class=\"note\">Each cell: the share of the row article's words found in the column article \
         (darker: closer to the largest share in this table).</p>\n\
         <table>\n<thead><tr><th scope=\"col\">Row in column</th>",
    );
    for c in 0..n {
        let _ = write!(h, "<th scope=\"col\" dir=\"auto\">{}</th>", label(c));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let max = (0..n)
        .flat_map(|r| (0..n).filter_map(move |c| share(cmp, r, c)))
        .fold(0.0f64, f64::max);
    for r in 0..n {
        let _ = write!(h, "<tr><th scope=\"row\" dir=\"auto\">{}</th>", label(r));
        for c in 0..n {
            match share(cmp, r, c) {
                Some(v) => {
                    let _ = write!(
                        h,
                        "<td class=\"l{}\">{}%</td>",
                        level(v, max),
                        crate::formats::fixed::fixed((v * 100.0).clamp(0.0, 100.0), 0)
                    );
                }
                None if r == c => h.push_str("<td class=\"self\"></td>"),
                None => h.push_str("<td>–</td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</section>\n");

    // Passages.
    let _ = write!(
        h,
        "<section id=\"passages\">\n<h2>Shared passages ({})</h2>\n\
         <p class=\"note legend\"><span class=\"s\">underlined</span>: wording shared with the other \
         version(s); <mark class=\"d\">highlighted</mark>: wording that differs.</p>\n",
        cmp.groups.len()
    );
    if cmp.groups.is_empty() {
        h.push_str("<p>No passage is shared by two or more of these articles.</p>\n");
    }
    for g in &cmp.groups {
        let _ = write!(
            h,
            "<article class=\"group\" id=\"g{}\">\n<h3><span class=\"kind {k}\">{k}</span>Passage {} · \
             in {} articles · similarity {}%</h3>\n",
            g.id,
            g.id + 1,
            g.members.len(),
            crate::formats::fixed::fixed((g.score * 100.0).clamp(0.0, 100.0), 0),
            k = g.kind.name()
        );
        let ev: Vec<String> = g
            .evidence
            .names
            .iter()
            .chain(&g.evidence.numbers)
            .chain(&g.evidence.words)
            .take(12)
            .map(|s| escape_html(s))
            .collect();
        if !ev.is_empty() {
            let _ = writeln!(h, "<p class=\"evidence\">Evidence: {}</p>", ev.join(", "));
        }
        for m in &g.members {
            let text = chars
                .get(m.doc)
                .map(|c| marked_member(c, m))
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<div class=\"member\"><div class=\"who\" dir=\"auto\">{}</div><p dir=\"auto\">{text}</p></div>",
                label(m.doc)
            );
        }
        h.push_str("</article>\n");
    }
    h.push_str("</section>\n");

    // Unique passages.
    h.push_str("<section id=\"unique\">\n<h2>Only in one article</h2>\n");
    for (doc, spans) in cmp.unique.iter().enumerate() {
        if spans.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<h3 dir=\"auto\">{} ({})</h3>\n<ul class=\"unique\">\n",
            label(doc),
            spans.len()
        );
        for s in spans {
            let text = chars
                .get(doc)
                .map(|c| c.slice(s.start, s.end))
                .unwrap_or("");
            let _ = writeln!(h, "<li dir=\"auto\">{}</li>", escape_html(text));
        }
        h.push_str("</ul>\n");
    }
    if cmp.unique.iter().all(Vec::is_empty) {
        h.push_str("<p>Nothing is found in one article only.</p>\n");
    }
    h.push_str(
        "</section>\n<footer>Made with Parallax, which compares articles entirely in the reader's \
         browser. Offsets and the full result are in the JSON export.</footer>\n</body>\n</html>\n",
    );
    h
}

/// A file name for an export: `parallax-<what>-<stamp>.<ext>`, with the
/// stamp reduced to digits and dashes.
pub fn file_name(what: &str, stamp: &str, ext: &str) -> String {
    let stamp: String = stamp
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stamp.is_empty() {
        format!("parallax-{what}.{ext}")
    } else {
        format!("parallax-{what}-{stamp}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Evidence, Group, Kind, PairShare};
    use crate::viewmodel::coverage::tests::{span, word};

    const A: &str = "Rebels took the city, officials said.";
    const B: &str = "<b>Rebels</b> captured the city, \"officials\" said, 1,000.";

    fn sample() -> Comparison {
        Comparison {
            documents: vec![
                Document {
                    label: "Outlet, \"A\"".into(),
                    chars: A.chars().count(),
                },
                Document {
                    label: "<script>B</script>".into(),
                    chars: B.chars().count(),
                },
            ],
            groups: vec![Group {
                id: 0,
                kind: Kind::Near,
                score: 0.8,
                members: vec![
                    Member {
                        doc: 0,
                        span: span(0, 37),
                        words: vec![
                            word(0, 6, true),
                            word(7, 11, false),
                            word(12, 15, true),
                            word(16, 20, true),
                        ],
                    },
                    Member {
                        doc: 1,
                        span: span(0, 58),
                        words: vec![word(3, 9, true), word(14, 22, false), word(999, 1000, true)],
                    },
                ],
                evidence: Evidence {
                    words: vec!["city".into()],
                    names: vec![],
                    numbers: vec!["1,000".into()],
                },
            }],
            pairs: vec![PairShare {
                a: 0,
                b: 1,
                a_in_b: 0.5,
                b_in_a: 0.25,
            }],
            unique: vec![vec![], vec![span(40, 58)]],
        }
    }

    fn docs() -> Vec<SourceDoc<'static>> {
        vec![
            SourceDoc {
                label: "Outlet, \"A\"",
                text: A,
                ignored: &[],
                title: None,
                date: Some("2024-12-08"),
                source: None,
            },
            SourceDoc {
                label: "<script>B</script>",
                text: B,
                ignored: &[(40, 58)],
                ..Default::default()
            },
        ]
    }

    /// A minimal RFC 4180 reader, to check the CSV round-trips.
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut field = String::new();
        let mut quoted = false;
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            match (quoted, c) {
                (true, '"') if it.peek() == Some(&'"') => {
                    field.push('"');
                    it.next();
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    #[test]
    fn csv_fields_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field(" pad"), "\" pad\"");
        assert_eq!(csv_field("=1+2"), "'=1+2");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("- Join Now -"), "- Join Now -");
    }

    #[test]
    fn matrix_csv_reads_back() {
        let rows = parse_csv(&matrix_csv(&sample(), &docs()));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][1], "Outlet, \"A\"");
        assert_eq!(rows[1], ["Outlet, \"A\"", "", "50.0"]);
        assert_eq!(rows[2], ["<script>B</script>", "25.0", ""]);
    }

    #[test]
    fn passages_csv_reads_back() {
        let rows = parse_csv(&passages_csv(&sample(), &docs()));
        assert_eq!(rows[0][0], "group");
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][..5], ["0", "near", "0.800", "2", "Outlet, \"A\""]);
        assert_eq!(rows[1][7], A);
        assert_eq!(rows[2][7], B.chars().take(58).collect::<String>());
        assert_eq!(rows[3][1], "unique");
        assert_eq!(rows[3][7], B.chars().skip(40).take(18).collect::<String>());
    }

    #[test]
    fn json_is_the_serde_form_byte_for_byte() {
        #[derive(Serialize)]
        struct ResultFile<'a> {
            format: &'static str,
            version: u32,
            articles: &'a [SourceDoc<'a>],
            #[serde(flatten)]
            comparison: &'a Comparison,
        }
        let mut c = sample();
        c.pairs[0].a_in_b = 1.0 / 3.0;
        c.pairs[0].b_in_a = 0.0;
        c.groups[0].score = 1.0;
        c.groups[0].evidence.names = vec!["a \"b\"\n\u{1}".into()];
        let mut d = docs();
        d[0].title = Some("Title");
        d[1].source = Some("https://example.org/?a=1&b=<2>");
        let want = serde_json::to_string_pretty(&ResultFile {
            format: "parallax-result",
            version: 1,
            articles: &d,
            comparison: &c,
        })
        .unwrap();
        assert_eq!(result_json(&c, &d), want);
        assert_eq!(
            result_json(&Comparison::default(), &[]),
            serde_json::to_string_pretty(&ResultFile {
                format: "parallax-result",
                version: 1,
                articles: &[],
                comparison: &Comparison::default(),
            })
            .unwrap()
        );
    }

    #[test]
    fn json_has_result_and_texts() {
        let v: serde_json::Value = serde_json::from_str(&result_json(&sample(), &docs())).unwrap();
        assert_eq!(v["format"], "parallax-result");
        assert_eq!(v["groups"][0]["kind"], "near");
        assert_eq!(v["articles"][1]["text"], B);
        // The Comparison itself reads back from the same file.
        let back: Comparison = serde_json::from_str(&result_json(&sample(), &docs())).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn html_report_is_escaped_and_marked() {
        let h = html_report(&sample(), &docs(), "2024-12-08 10:00 <now>");
        assert!(!h.contains("<script"), "no script element may appear");
        assert!(h.contains("&lt;script&gt;B&lt;/script&gt;"));
        assert!(h.contains("&lt;now&gt;"));
        assert!(h.contains("<span class=\"s\">Rebels</span> <mark class=\"d\">took</mark> <span class=\"s\">the city</span>"));
        assert!(h.contains(
            "<span class=\"s\">Rebels</span>&lt;/b&gt; <mark class=\"d\">captured</mark>"
        ));
        assert!(h.contains("<td class=\"l4\">50%</td>"));
        assert!(h.contains("<td class=\"l2\">25%</td>"));
        assert!(h.contains("<del class=\"ign\""));
        assert!(h.contains("<style>"));
        assert_eq!(h.matches("<article class=\"group\"").count(), 1);
        // No attribute carries page text unescaped.
        assert!(!h.contains("onerror") && !h.contains("onclick"));
    }

    #[test]
    fn exports_never_panic_on_bad_offsets() {
        let mut c = sample();
        c.groups[0].members[0].span = span(500, 10);
        c.unique = vec![vec![span(3, 1)], vec![], vec![span(0, 5)]];
        c.groups[0].members.push(Member {
            doc: 9,
            span: span(0, 3),
            words: vec![],
        });
        let _ = html_report(&c, &docs(), "");
        let _ = passages_csv(&c, &docs());
        let _ = matrix_csv(&c, &[]);
        let _ = html_report(&Comparison::default(), &[], "");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name("report", "2024-12-08T10:05:03.123Z", "html"),
            "parallax-report-2024-12-08-10-05-03-123.html"
        );
        assert_eq!(file_name("x", "", "csv"), "parallax-x.csv");
    }
}
