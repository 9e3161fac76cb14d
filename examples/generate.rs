//! Writes a generated cross-outlet corpus to a folder: one `.txt` per
//! article, and `truth.json` with the wire sentences and, per article, each
//! sentence's char range, wire source and origin.
//!
//! `cargo run --release --example generate -- --seed 1 --articles 20 [--words 700] OUT_DIR`

use std::path::PathBuf;

use parallax_gen::{generate, GenConfig};

fn main() {
    let mut cfg = GenConfig::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> usize {
            let v = args.next().unwrap_or_default();
            v.parse().unwrap_or_else(|_| {
                eprintln!("{name} needs a number, got {v:?}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--seed" => cfg.seed = num("--seed") as u64,
            "--articles" => cfg.articles = num("--articles"),
            "--words" => cfg.words = num("--words"),
            "--wire-stories" => cfg.wire_stories = num("--wire-stories"),
            "--wire-sentences" => cfg.wire_sentences = num("--wire-sentences"),
            "-h" | "--help" => {
                println!("usage: generate [--seed N] [--articles N] [--words N] [--wire-stories N] [--wire-sentences N] OUT_DIR");
                return;
            }
            other if !other.starts_with('-') && out.is_none() => out = Some(other.into()),
            other => {
                eprintln!("unknown argument {other:?} (try --help)");
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("missing OUT_DIR (try --help)");
        std::process::exit(2);
    };
    let corpus = generate(&cfg);
    if let Err(e) = write(&corpus, &out) {
        eprintln!("cannot write to {}: {e}", out.display());
        std::process::exit(1);
    }
    eprintln!(
        "wrote {} articles ({} words, {} wire sentences) to {}",
        corpus.articles.len(),
        corpus.total_words(),
        corpus.wire.len(),
        out.display()
    );
}

fn write(corpus: &parallax_gen::Corpus, out: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let mut truth = Vec::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        let name = format!("{i:03}.txt");
        std::fs::write(out.join(&name), &a.text)?;
        let sentences: Vec<_> = a
            .sentences
            .iter()
            .map(|s| {
                serde_json::json!({
                    "start": s.start, "end": s.end, "source": s.source,
                    "origin": format!("{:?}", s.origin).to_lowercase(),
                })
            })
            .collect();
        truth.push(serde_json::json!({ "file": name, "label": a.label, "sentences": sentences }));
    }
    let wire: Vec<_> = corpus
        .wire
        .iter()
        .map(|w| serde_json::json!({ "story": w.story, "text": w.text }))
        .collect();
    let json = serde_json::json!({ "wire": wire, "articles": truth });
    std::fs::write(out.join("truth.json"), serde_json::to_string_pretty(&json)?)
}
