//! `parallax compare FILE... [--json]`: compares articles from files.

use parallax::engine::{explain, Aligner, Explained, InputDoc, Trace};
use parallax::model::Comparison;
use parallax::viewmodel::coverage::share;

/// Usage text.
pub const USAGE: &str = "usage: parallax compare FILE... [--json] [--all] [--trace] [--explain]
  Compares news articles (UTF-8 text files) and lists the passages they share.
  --json     print the comparison as JSON (schema in README, \"Command line\")
  --all      also the weaker links (below the default probability)
  --trace    also print the comparison's phases, times and links (to stderr)
  --explain  print every candidate pair of sentences with its verdict instead";

/// Writes to standard output. A reader that has gone away (`| head`) ends
/// the program quietly rather than with a panic; another error ends it with
/// a message.
pub fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("parallax: cannot write: {e}");
        std::process::exit(1);
    }
}

/// Reads one article file, with a one-line reason when it is not usable text.
pub fn read_article(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    if bytes.contains(&0) {
        return Err(format!("{path}: binary file (NUL bytes), not text"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if total > 0 && control * 10 > total {
        return Err(format!(
            "{path}: binary file (mostly control characters), not text"
        ));
    }
    Ok(text)
}

/// The label for a file: the outlet the text names, else the file name stem.
pub fn label(path: &str, text: &str) -> String {
    parallax::viewmodel::labels::named_outlet(text).unwrap_or_else(|| {
        std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| path.to_string())
    })
}

/// `parallax compare`: returns the exit code.
pub fn compare(args: &[String]) -> i32 {
    let mut json = false;
    let mut explain_pairs = false;
    let mut trace = false;
    let mut all = false;
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "--explain" => explain_pairs = true,
            "--trace" => trace = true,
            "--all" => all = true,
            s if s.starts_with("--") => {
                eprintln!("parallax: unknown option {s}\n{USAGE}");
                return 2;
            }
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        eprintln!("parallax: no files given\n{USAGE}");
        return 2;
    }
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        match read_article(f) {
            Ok(text) => docs.push(InputDoc::new(label(f, &text), text)),
            Err(msg) => {
                eprintln!("parallax: {msg}");
                return 1;
            }
        }
    }
    if explain_pairs {
        for e in explain(&docs) {
            emit(&format!("{}\n", explained(&docs, &e)));
        }
        return 0;
    }
    let (mut cmp, steps) = Aligner::new().compare_traced(&docs);
    if trace {
        eprint!("{}", traced(&steps));
    }
    if !all {
        cmp.groups
            .retain(|g| g.score >= f64::from(parallax::engine::LINK_DEFAULT));
        for (k, g) in cmp.groups.iter_mut().enumerate() {
            g.id = k;
        }
    }
    if json {
        match serde_json::to_string_pretty(&cmp) {
            Ok(s) => emit(&format!("{s}\n")),
            Err(e) => {
                eprintln!("parallax: cannot write JSON: {e}");
                return 1;
            }
        }
    } else {
        emit(&summary(&docs, &cmp));
    }
    0
}

/// The phases and links of a comparison, one a line.
fn traced(t: &Trace) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    for p in &t.phases {
        let _ = writeln!(o, "{} {} at {:?}", p.name, p.count, p.at);
    }
    let _ = writeln!(o, "candidates {}, links {}", t.candidates, t.links.len());
    for l in &t.links {
        let _ = writeln!(
            o,
            "link {}:{} {}:{} {:?} {:.2}",
            l.a, l.i, l.b, l.j, l.kind, l.score
        );
    }
    o
}

/// One candidate pair of `--explain`: its verdict and figures, then the
/// two sentences (at most 400 chars each).
fn explained(docs: &[InputDoc], e: &Explained) -> String {
    let f = &e.figures;
    let unit = |d: usize, (s, end): (usize, usize)| -> String {
        docs[d]
            .text
            .chars()
            .skip(s)
            .take(end.saturating_sub(s).min(400))
            .collect()
    };
    format!(
        "{}:{} {}:{} {} sh={:.2} pred={:.2} names={:.2} strong={} bi={} dens={:.2} m={} r3={} rw={:.2} span={}/{} len={}/{}{}\n  A: {}\n  B: {}",
        e.a,
        e.i,
        e.b,
        e.j,
        match e.link {
            Some((kind, score)) => format!("LINK {kind:?} {score:.2}"),
            None => "----".to_string(),
        },
        f.shared,
        f.predicate,
        f.names,
        f.strong,
        f.bigrams,
        f.density,
        f.matched,
        f.run3,
        f.run_weight,
        f.span_a,
        f.span_b,
        f.len_a,
        f.len_b,
        match (f.other_speakers, f.split_clauses) {
            (true, _) => format!(
                " other-speakers {}/{}",
                e.speakers_a.join("+"),
                e.speakers_b.join("+")
            ),
            (_, true) => " split-clauses".to_string(),
            _ => String::new(),
        },
        unit(e.a, e.span_a),
        unit(e.b, e.span_b),
    )
}

fn excerpt(text: &str, start: usize, end: usize, max: usize) -> String {
    let s: String = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let n = s.chars().count();
    if n <= max {
        s
    } else {
        let head: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", head.trim_end())
    }
}

/// A readable summary of a comparison.
pub fn summary(docs: &[InputDoc], cmp: &Comparison) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "Documents");
    for (i, d) in cmp.documents.iter().enumerate() {
        let _ = writeln!(o, "  [{}] {} ({} chars)", i + 1, d.label, d.chars);
    }
    let _ = writeln!(o, "\nShared passages: {}", cmp.groups.len());
    for g in &cmp.groups {
        let _ = writeln!(
            o,
            "\n#{} {} {:.2}, {} articles",
            g.id,
            g.kind.name(),
            g.score,
            g.members.len()
        );
        let ev = &g.evidence;
        let mut parts = Vec::new();
        if !ev.names.is_empty() {
            parts.push(format!("names: {}", ev.names.join(", ")));
        }
        if !ev.numbers.is_empty() {
            parts.push(format!("numbers: {}", ev.numbers.join(", ")));
        }
        if !ev.words.is_empty() {
            parts.push(format!("words: {}", ev.words.join(", ")));
        }
        if !parts.is_empty() {
            let _ = writeln!(o, "   evidence: {}", parts.join("; "));
        }
        for m in &g.members {
            let label = &cmp.documents[m.doc].label;
            let text = &docs[m.doc].text;
            let _ = writeln!(
                o,
                "   [{}] {}: \"{}\"",
                m.doc + 1,
                label,
                excerpt(text, m.span.start, m.span.end, 110)
            );
        }
    }
    let n = cmp.documents.len();
    if n >= 2 {
        let _ = writeln!(
            o,
            "\nShare of the row article's words found in the column article"
        );
        let _ = write!(o, "      ");
        for j in 0..n {
            let _ = write!(o, "{:>6}", format!("[{}]", j + 1));
        }
        let _ = writeln!(o);
        for i in 0..n {
            let _ = write!(o, "{:>6}", format!("[{}]", i + 1));
            for j in 0..n {
                match share(cmp, i, j) {
                    Some(v) => {
                        let _ = write!(o, "{:>5.0}%", v * 100.0);
                    }
                    None => {
                        let _ = write!(o, "{:>6}", "-");
                    }
                }
            }
            let _ = writeln!(o);
        }
    }
    let _ = writeln!(o, "\nPassages only one article carries");
    for (i, u) in cmp.unique.iter().enumerate() {
        let chars: usize = u.iter().map(|s| s.end - s.start).sum();
        let _ = writeln!(
            o,
            "  [{}] {}: {} passages, {} chars",
            i + 1,
            cmp.documents[i].label,
            u.len(),
            chars
        );
    }
    o
}
