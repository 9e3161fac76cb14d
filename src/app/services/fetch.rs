//! Fetches a page the reader names by its address, where the site allows
//! other pages to read it (CORS). Most news sites do not; the reader is
//! then told how to save the page or paste its text. The request sends no
//! cookies and no referrer.

use wasm_bindgen_futures::JsFuture;

use super::io;
use crate::viewmodel::intake::{self, MAX_FILE_BYTES};

/// What a fetch brought back.
pub struct Fetched {
    /// The address finally read (after redirects).
    pub url: String,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The body.
    pub bytes: Vec<u8>,
}

/// The message when a site cannot be read from here.
pub const BLOCKED: &str = "The site did not let Parallax read this page (most news sites only \
    allow their own pages to read them). Open the article in your browser and either save it \
    (Ctrl+S or ⌘S, “Webpage, HTML only”) and drop the saved file here, or select the article \
    text, copy it and paste it in the box above.";

/// How long a fetch may take, start to end, before it is given up.
pub const TIMEOUT_MS: u32 = 15_000;

/// Checks that `input` is an http(s) address the page may fetch; returns
/// it normalized.
pub fn check_url(input: &str) -> Result<String, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err("Type or paste the address of an article first.".to_string());
    }
    // "example.com/story" is taken as https; "javascript:..." or
    // "file:..." keep their scheme (and are refused below).
    let url = web_sys::Url::new(input)
        .or_else(|_| web_sys::Url::new(&format!("https://{input}")))
        .map_err(|_| format!("“{input}” is not a web address."))?;
    let own = web_sys::window().and_then(|w| w.location().origin().ok());
    match url.protocol().as_str() {
        "https:" => Ok(url.href()),
        // The page's security policy lets it read secure addresses only
        // (and its own server).
        "http:" if own.as_deref() == Some(url.origin().as_str()) => Ok(url.href()),
        "http:" => Err(format!(
            "Parallax fetches only secure addresses (https://), so that what it reads cannot be \
             changed on the way; “{input}” is not one. Try the same address with https://, or \
             save the page and drop the file here."
        )),
        p => Err(format!(
            "Only web addresses (https://…) can be fetched, not “{p}” addresses."
        )),
    }
}

const OFFLINE: &str = "This browser is offline, so the page could not be fetched. Connect and \
    try again, or save the page and drop the file here.";

/// Fetches `url` (in `www/io.js`), reading at most [`MAX_FILE_BYTES`]
/// (whatever the site declares) and for at most [`TIMEOUT_MS`]; [`stop`]
/// cancels it. Errors are messages for the reader.
pub async fn fetch(url: &str) -> Result<Fetched, String> {
    let got = JsFuture::from(io::fetch(url, MAX_FILE_BYTES as f64, TIMEOUT_MS)).await;
    let got: js_sys::Array = got
        .map_err(|e| {
            let Some(why) = e.as_string() else {
                let e: js_sys::Array = e.into();
                return format!(
                    "The site answered with an error ({} {}). Check the address, or save the page \
                 and drop the file here.",
                    e.get(0).as_f64().unwrap_or_default() as u16,
                    e.get(1).as_string().unwrap_or_default()
                );
            };
            match why.as_str() {
                "offline" => OFFLINE.to_string(),
                "time" => format!(
                    "The site did not answer within {} seconds, so fetching was given up. Try \
                 again later, or save the page and drop the file here.",
                    TIMEOUT_MS / 1000
                ),
                "stop" => "Fetching was stopped; nothing was added.".to_string(),
                "big" => format!(
                    "This page was not loaded: it is larger than {}, the limit; a news \
                 article is far smaller, so this is probably not an article (copy the \
                 article's text and paste it instead).",
                    intake::human_bytes(MAX_FILE_BYTES)
                ),
                "read" => "The page could not be read to the end.".to_string(),
                _ => BLOCKED.to_string(),
            }
        })?
        .into();
    Ok(Fetched {
        url: got.get(0).as_string().unwrap_or_default(),
        content_type: got.get(1).as_string().unwrap_or_default(),
        bytes: js_sys::Uint8Array::new(&got.get(2)).to_vec(),
    })
}

/// Stops the fetch under way, if any.
pub fn stop() {
    io::stop();
}
