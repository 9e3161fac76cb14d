//! Files in and out: reading dropped or picked files into articles (or a
//! workspace file), and saving exports as downloads (a Blob and an object
//! URL: nothing goes over the network).

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use super::io;
use crate::formats::workspace::Workspace;
use crate::viewmodel::intake::{self, FileKind};
use crate::viewmodel::state::{ArticleMeta, NewArticle};

/// What one input became.
pub enum Loaded {
    /// An article.
    Article(NewArticle),
    /// A workspace file.
    Workspace(Workspace),
}

/// The outcome for one input (a file, a page, a paste).
pub struct Outcome {
    /// The file name or address, for messages.
    pub name: String,
    /// The article, or why nothing was added.
    pub result: Result<Loaded, String>,
    /// Something the reader should know even though it worked.
    pub warning: Option<String>,
}

/// Turns text into an article: checks it, labels it (the outlet a page
/// names, else [`crate::viewmodel::labels::label_for`]: a `Source:` line, the file name
/// `stem` when it names something, the headline) and finds its
/// boilerplate.
pub fn article_from_text(
    text: &str,
    stem: Option<&str>,
    meta: ArticleMeta,
    outlet: Option<String>,
) -> Result<NewArticle, String> {
    let text = intake::normalize(text);
    intake::check_text(&text).map_err(|r| format!("Not added: {r}."))?;
    let label = outlet.unwrap_or_else(|| crate::viewmodel::labels::label_for(&text, stem, 0));
    Ok(NewArticle::cleaned(label, Rc::<str>::from(text), meta))
}

/// Turns the bytes of a file or page into an article or a workspace.
/// `source` is the file name or address; `url` is set for fetched pages.
pub fn from_bytes(source: &str, mime: &str, bytes: &[u8], url: Option<&str>) -> Outcome {
    let name = source.to_string();
    let fail = |msg: String| Outcome {
        name: source.to_string(),
        result: Err(msg),
        warning: None,
    };
    let decoded = match intake::decode(bytes) {
        Ok(d) => d,
        Err(r) => return fail(format!("Not added: {r}.")),
    };
    let warning = decoded.replaced.then(|| {
        "Some bytes were not valid UTF-8 text and show as “\u{fffd}”. If many words look \
         wrong, save the file as UTF-8 and load it again."
            .to_string()
    });
    let stem = match url {
        Some(u) => io::host_of(u).unwrap_or_else(|| u.to_string()),
        None => intake::file_stem(source).to_string(),
    };
    let mut meta = ArticleMeta {
        source: Some(source.to_string()),
        ..ArticleMeta::default()
    };
    let result = match intake::file_kind(source, mime, bytes) {
        FileKind::Workspace => Workspace::from_json(&decoded.text)
            .map(Loaded::Workspace)
            .map_err(|e| format!("Not loaded: {e}.")),
        FileKind::Html => io::extract(&decoded.text, url).and_then(|page| {
            meta.title = page.title;
            meta.date = page.date;
            article_from_text(&page.text, Some(&stem), meta, page.outlet).map(Loaded::Article)
        }),
        FileKind::Markdown => article_from_text(
            &intake::markdown_to_text(&decoded.text),
            Some(&stem),
            meta,
            None,
        )
        .map(Loaded::Article),
        FileKind::Text => {
            article_from_text(&decoded.text, Some(&stem), meta, None).map(Loaded::Article)
        }
    };
    Outcome {
        name,
        result,
        warning,
    }
}

/// Reads one file (refusing, before reading, one over the size limit).
pub async fn read(file: File) -> Outcome {
    let name = file.name();
    let size = file.size() as u64;
    if let Err(r) = intake::check_size(size) {
        return Outcome {
            name,
            result: Err(format!("Not added: {r}.")),
            warning: None,
        };
    }
    let buffer = match JsFuture::from(file.array_buffer()).await {
        Ok(b) => b,
        Err(_) => {
            return Outcome {
                name,
                result: Err("Not added: the browser could not read this file.".to_string()),
                warning: None,
            }
        }
    };
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    from_bytes(&name, &file.type_(), &bytes, None)
}

/// Reads every file of a list, one after the other.
pub async fn read_all(files: Vec<File>) -> Vec<Outcome> {
    let mut out = Vec::with_capacity(files.len());
    let mut since = js_sys::Date::now();
    for f in files {
        out.push(read(f).await);
        // Hundreds of files: let the page handle input and paint between
        // them rather than read them all in one long task.
        if js_sys::Date::now() - since > SLICE_MS {
            super::perf::next_task().await;
            since = js_sys::Date::now();
        }
    }
    out
}

/// How long reading files may hold the page before it lets other work in.
const SLICE_MS: f64 = 30.0;

/// The files of a `FileList` (from a picker or a drop).
pub fn list(files: Option<web_sys::FileList>) -> Vec<File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Offers `content` as a download named `name`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    if super::io::download(name, mime, content) {
        Ok(())
    } else {
        Err("The browser refused to save the file.".to_string())
    }
}
