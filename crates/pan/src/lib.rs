//! PAN mode of Parallax: pairwise alignment of two long documents
//! ([`pair`]), the XML form of cases and detections, the detection measure
//! (Potthast et al., COLING 2010) and the corpus runner behind `parallax pan`
//! and `parallax pan-eval`. It uses the engine's word normalization and sorts;
//! the web app does not link it.
//!
//! A case or detection ties a range of a suspicious document to a range of
//! a source document. Offsets and lengths count chars (Unicode scalar
//! values) of the file text.

use std::fmt::Write as _;

pub mod pair;

/// One reused passage: a range of the suspicious document and the range of
/// the source document it was taken from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// Start of the passage in the suspicious document, in chars.
    pub this_offset: usize,
    /// Length in the suspicious document, in chars.
    pub this_length: usize,
    /// File name of the source document.
    pub source_reference: String,
    /// Start in the source document, in chars.
    pub source_offset: usize,
    /// Length in the source document, in chars.
    pub source_length: usize,
}

impl Feature {
    fn this_end(&self) -> usize {
        self.this_offset + self.this_length
    }
    fn source_end(&self) -> usize {
        self.source_offset + self.source_length
    }
}

/// A parsed PAN XML file: the suspicious document's name and its features.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PanXml {
    /// `reference` attribute of `<document>`.
    pub reference: String,
    /// Features that carry a source passage (`plagiarism` or
    /// `detected-plagiarism`); other features (about, md5) are skipped.
    pub features: Vec<Feature>,
}

/// Reads the attributes of one XML tag body (`name="v" other='w'`).
fn attributes(tag: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Attribute name.
        while i < b.len() && !(b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
            i += 1;
        }
        let name = &tag[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || (b[i] != b'"' && b[i] != b'\'') {
            continue;
        }
        let q = b[i];
        i += 1;
        let vs = i;
        while i < b.len() && b[i] != q {
            i += 1;
        }
        let value = unescape(&tag[vs..i.min(b.len())]);
        i += 1;
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Parses a PAN XML file (truth or detections). Lenient: malformed
/// features are skipped, never a panic.
pub fn parse_xml(xml: &str) -> PanXml {
    let mut out = PanXml::default();
    let mut rest = xml;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        if let Some(body) = tag.strip_prefix("document") {
            for (k, v) in attributes(body) {
                if k == "reference" {
                    out.reference = v;
                }
            }
        } else if let Some(body) = tag.strip_prefix("feature") {
            let attrs = attributes(body);
            let get = |k: &str| attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
            let num = |k: &str| get(k).and_then(|v| v.trim().parse::<usize>().ok());
            let name = get("name").unwrap_or("");
            if name != "plagiarism" && name != "detected-plagiarism" {
                continue;
            }
            if let (Some(to), Some(tl), Some(sr), Some(so), Some(sl)) = (
                num("this_offset"),
                num("this_length"),
                get("source_reference"),
                num("source_offset"),
                num("source_length"),
            ) {
                out.features.push(Feature {
                    this_offset: to,
                    this_length: tl,
                    source_reference: sr.to_string(),
                    source_offset: so,
                    source_length: sl,
                });
            }
        }
    }
    out
}

/// Writes detections in the PAN form (`name="detected-plagiarism"`).
pub fn write_xml(reference: &str, detections: &[Feature]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "<document reference=\"{}\">", escape(reference));
    for d in detections {
        let _ = writeln!(
            s,
            "<feature name=\"detected-plagiarism\" this_offset=\"{}\" this_length=\"{}\" source_reference=\"{}\" source_offset=\"{}\" source_length=\"{}\" />",
            d.this_offset,
            d.this_length,
            escape(&d.source_reference),
            d.source_offset,
            d.source_length
        );
    }
    s.push_str("</document>\n");
    s
}

/// Cases and detections of one document pair.
#[derive(Clone, Debug, Default)]
pub struct PairAnnotations {
    /// True reused passages.
    pub cases: Vec<Feature>,
    /// Passages reported by a detector.
    pub detections: Vec<Feature>,
}

/// The detection measure over a set of pairs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Number of true cases.
    pub cases: usize,
    /// Number of detections.
    pub detections: usize,
    /// Macro-averaged precision; `None` when there is no detection.
    pub precision: Option<f64>,
    /// Macro-averaged recall; `None` when there is no case.
    pub recall: Option<f64>,
    /// Mean number of detections per detected case (1.0 when none detected).
    pub granularity: f64,
    /// F1(precision, recall) / log2(1 + granularity); `None` when precision
    /// or recall is undefined.
    pub plagdet: Option<f64>,
}

/// A detection detects a case when they overlap in the suspicious AND in
/// the source document (same source file).
fn detects(r: &Feature, s: &Feature) -> bool {
    r.source_reference == s.source_reference
        && r.this_offset < s.this_end()
        && s.this_offset < r.this_end()
        && r.source_offset < s.source_end()
        && s.source_offset < r.source_end()
}

/// Chars of `[lo, hi)` covered by the union of `ranges`.
fn covered(lo: usize, hi: usize, ranges: &mut [(usize, usize)]) -> usize {
    parallax_engine::sort::sort_unstable(ranges);
    let mut total = 0;
    let mut cur = lo;
    for &(a, b) in ranges.iter() {
        let a = a.max(cur);
        let b = b.min(hi);
        if b > a {
            total += b - a;
            cur = b;
        }
    }
    total
}

/// Share of `x`'s chars (both documents) covered by the union of `others`.
fn coverage(x: &Feature, others: &[&Feature]) -> f64 {
    let size = x.this_length + x.source_length;
    if size == 0 {
        return 0.0;
    }
    let mut t: Vec<(usize, usize)> = others
        .iter()
        .map(|o| (o.this_offset, o.this_end()))
        .collect();
    let mut s: Vec<(usize, usize)> = others
        .iter()
        .map(|o| (o.source_offset, o.source_end()))
        .collect();
    let c = covered(x.this_offset, x.this_end(), &mut t)
        + covered(x.source_offset, x.source_end(), &mut s);
    c as f64 / size as f64
}

/// Computes precision, recall, granularity and plagdet over `pairs`.
pub fn evaluate<'a>(pairs: impl IntoIterator<Item = &'a PairAnnotations>) -> Scores {
    let mut rec_sum = 0.0;
    let mut prec_sum = 0.0;
    let mut n_cases = 0usize;
    let mut n_dets = 0usize;
    let mut detected_cases = 0usize;
    let mut dets_on_detected = 0usize;
    for p in pairs {
        n_cases += p.cases.len();
        n_dets += p.detections.len();
        for s in &p.cases {
            let rs: Vec<&Feature> = p.detections.iter().filter(|r| detects(r, s)).collect();
            if !rs.is_empty() {
                detected_cases += 1;
                dets_on_detected += rs.len();
                rec_sum += coverage(s, &rs);
            }
        }
        for r in &p.detections {
            let ss: Vec<&Feature> = p.cases.iter().filter(|s| detects(r, s)).collect();
            if !ss.is_empty() {
                prec_sum += coverage(r, &ss);
            }
        }
    }
    let recall = (n_cases > 0).then(|| rec_sum / n_cases as f64);
    let precision = (n_dets > 0).then(|| prec_sum / n_dets as f64);
    let granularity = if detected_cases == 0 {
        1.0
    } else {
        dets_on_detected as f64 / detected_cases as f64
    };
    let plagdet = match (precision, recall) {
        (Some(p), Some(r)) => {
            let f1 = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            Some(f1 / (1.0 + granularity).log2())
        }
        _ => None,
    };
    Scores {
        cases: n_cases,
        detections: n_dets,
        precision,
        recall,
        granularity,
        plagdet,
    }
}

/// Turns aligned passages into PAN detections for one pair.
pub fn detections_for(src_name: &str, passages: &[crate::pair::PairPassage]) -> Vec<Feature> {
    passages
        .iter()
        .map(|p| Feature {
            this_offset: p.susp.start,
            this_length: p.susp.end.saturating_sub(p.susp.start),
            source_reference: src_name.to_string(),
            source_offset: p.src.start,
            source_length: p.src.end.saturating_sub(p.src.start),
        })
        .collect()
}

/// Output file name of a pair: `suspicious-documentX-source-documentY.xml`.
pub fn pair_file_name(susp: &str, src: &str) -> String {
    let strip = |s: &str| s.strip_suffix(".txt").unwrap_or(s).to_string();
    format!("{}-{}.xml", strip(susp), strip(src))
}

/// Parses a pairs file: one `suspicious-… source-…` a line.
pub fn parse_pairs(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?.to_string(), it.next()?.to_string()))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
pub use cli::{run_pan, run_pan_eval};

/// Exit code of a command result; prints the error, if any, to stderr.
pub fn exit_code(r: Result<(), String>) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("parallax: {e}");
            1
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn read_text(p: &Path) -> Result<String, String> {
        let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    /// Splits `--threads N` and `--set NAME=VALUE` out of `args`.
    fn take_options(
        args: &[String],
    ) -> Result<(Vec<String>, usize, crate::pair::AlignConfig), String> {
        let mut cfg = crate::pair::AlignConfig::default();
        let mut rest = Vec::new();
        let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "--threads" {
                let v = it.next().ok_or("--threads needs a number")?;
                threads = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--threads: not a positive number: {v}"))?;
            } else if a == "--set" {
                let v = it.next().ok_or("--set needs NAME=VALUE")?;
                let (k, v) = v.split_once('=').ok_or("--set needs NAME=VALUE")?;
                cfg.set(k, v)?;
            } else if let Some(v) = a.strip_prefix("--threads=") {
                threads = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--threads: not a positive number: {v}"))?;
            } else {
                rest.push(a.clone());
            }
        }
        Ok((rest, threads, cfg))
    }

    /// `parallax pan [--threads N] [--set NAME=VALUE]... PAIRS SRC_DIR SUSP_DIR OUT_DIR`.
    pub fn run_pan(args: &[String]) -> Result<(), String> {
        let (args, threads, cfg) = take_options(args)?;
        let [pairs, src_dir, susp_dir, out_dir] = args.as_slice() else {
            return Err(
                "usage: parallax pan [--threads N] [--set NAME=VALUE]... PAIRS SRC_DIR SUSP_DIR OUT_DIR"
                    .into(),
            );
        };
        let pairs = parse_pairs(&read_text(Path::new(pairs))?);
        let (src_dir, susp_dir, out_dir) = (
            PathBuf::from(src_dir),
            PathBuf::from(susp_dir),
            PathBuf::from(out_dir),
        );
        std::fs::create_dir_all(&out_dir)
            .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
        let next = AtomicUsize::new(0);
        let work = || -> Result<usize, String> {
            let mut found = 0;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((susp, src)) = pairs.get(i) else {
                    return Ok(found);
                };
                let s_text = read_text(&src_dir.join(src))?;
                let p_text = read_text(&susp_dir.join(susp))?;
                let passages = crate::pair::align_pair_with(&s_text, &p_text, &cfg);
                found += passages.len();
                let xml = write_xml(susp, &detections_for(src, &passages));
                let out = out_dir.join(pair_file_name(susp, src));
                std::fs::write(&out, xml)
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            }
        };
        let threads = threads.min(pairs.len().max(1));
        let results: Vec<Result<usize, String>> = if threads <= 1 {
            vec![work()]
        } else {
            std::thread::scope(|sc| {
                let hs: Vec<_> = (0..threads).map(|_| sc.spawn(work)).collect();
                hs.into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err("worker failed".into())))
                    .collect()
            })
        };
        let mut total = 0;
        for r in results {
            total += r?;
        }
        eprintln!(
            "parallax pan: {} pairs, {} detections written to {}",
            pairs.len(),
            total,
            out_dir.display()
        );
        Ok(())
    }

    /// Which pairs of each subset to score, by 1-based line number.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Half {
        All,
        Odd,
        Even,
    }

    fn load_subset(dir: &Path, det: &Path, half: Half) -> Result<Vec<PairAnnotations>, String> {
        let pairs = parse_pairs(&read_text(&dir.join("pairs"))?);
        let mut out = Vec::new();
        for (i, (susp, src)) in pairs.iter().enumerate() {
            let line = i + 1;
            match half {
                Half::Odd if line % 2 == 0 => continue,
                Half::Even if line % 2 == 1 => continue,
                _ => {}
            }
            let name = pair_file_name(susp, src);
            let load = |p: PathBuf| -> Vec<Feature> {
                std::fs::read_to_string(p)
                    .map(|t| parse_xml(&t).features)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|f| f.source_reference == *src)
                    .collect()
            };
            out.push(PairAnnotations {
                cases: load(dir.join(&name)),
                detections: load(det.join(&name)),
            });
        }
        Ok(out)
    }

    fn fmt(x: Option<f64>) -> String {
        x.map_or("-".into(), |v| format!("{v:.4}"))
    }

    fn line(name: &str, s: &Scores) -> String {
        format!(
            "{name:<28} {:>9} {:>9} {:>9} {:>11.4} {:>6} {:>6}",
            fmt(s.plagdet),
            fmt(s.precision),
            fmt(s.recall),
            s.granularity,
            s.cases,
            s.detections
        )
    }

    /// `parallax pan-eval [--half odd|even] TRUTH_DIR DET_DIR`: TRUTH_DIR is
    /// the corpus root (subsets scored one by one and together) or one subset.
    pub fn run_pan_eval(args: &[String]) -> Result<(), String> {
        let mut half = Half::All;
        let mut rest = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "--half" {
                half = match it.next().map(String::as_str) {
                    Some("odd") => Half::Odd,
                    Some("even") => Half::Even,
                    Some("all") => Half::All,
                    _ => return Err("--half takes odd, even or all".into()),
                };
            } else {
                rest.push(a.clone());
            }
        }
        let [truth, det] = rest.as_slice() else {
            return Err("usage: parallax pan-eval [--half odd|even] TRUTH_DIR DET_DIR".into());
        };
        let (truth, det) = (PathBuf::from(truth), PathBuf::from(det));
        if !det.is_dir() {
            return Err(format!("not a directory: {}", det.display()));
        }
        let mut subsets: Vec<PathBuf> = Vec::new();
        if truth.join("pairs").is_file() && has_xml(&truth) {
            subsets.push(truth.clone());
        } else {
            let rd = std::fs::read_dir(&truth)
                .map_err(|e| format!("cannot read {}: {e}", truth.display()))?;
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() && p.join("pairs").is_file() {
                    subsets.push(p);
                }
            }
            subsets.sort();
        }
        if subsets.is_empty() {
            return Err(format!(
                "{}: no subset with a pairs file found",
                truth.display()
            ));
        }
        println!(
            "{:<28} {:>9} {:>9} {:>9} {:>11} {:>6} {:>6}",
            "subset", "plagdet", "precision", "recall", "granularity", "cases", "dets"
        );
        let mut all = Vec::new();
        for s in &subsets {
            let anns = load_subset(s, &det, half)?;
            let name = s
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            println!("{}", line(&name, &evaluate(&anns)));
            all.extend(anns);
        }
        if subsets.len() > 1 {
            println!("{}", line("whole", &evaluate(&all)));
        }
        Ok(())
    }

    fn has_xml(dir: &Path) -> bool {
        // A subset dir holds a pairs file and (maybe) truth XML files, and no
        // subset dirs of its own.
        std::fs::read_dir(dir).is_ok_and(|rd| {
            !rd.flatten()
                .any(|e| e.path().is_dir() && e.path().join("pairs").is_file())
        })
    }
}
