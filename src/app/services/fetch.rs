//! Fetches a page the reader names by its address, where the site allows
//! other pages to read it (CORS). Most news sites do not; the reader is
//! then told how to save the page or paste its text. The request sends no
//! cookies and no referrer.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReferrerPolicy, Request, RequestCredentials, RequestInit, RequestMode, Response};

use crate::intake::{self, MAX_FILE_BYTES};

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

/// Checks that `input` is an http(s) address; returns it normalized.
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
    match url.protocol().as_str() {
        "https:" | "http:" => Ok(url.href()),
        p => Err(format!(
            "Only web addresses (https://…) can be fetched, not “{p}” addresses."
        )),
    }
}

/// Fetches `url`. Errors are messages for the reader.
pub async fn fetch(url: &str) -> Result<Fetched, String> {
    let window = web_sys::window().ok_or("No browser window.")?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| BLOCKED.to_string())?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| BLOCKED.to_string())?;
    let response: Response = response.dyn_into().map_err(|_| BLOCKED.to_string())?;
    if !response.ok() {
        return Err(format!(
            "The site answered with an error ({} {}). Check the address, or save the page \
             and drop the file here.",
            response.status(),
            response.status_text()
        ));
    }
    let headers = response.headers();
    let content_type = headers
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if let Some(len) = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<u64>().ok())
    {
        intake::check_size(len).map_err(|r| format!("This page was not loaded: {r}."))?;
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| BLOCKED.to_string())?)
        .await
        .map_err(|_| "The page could not be read to the end.".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "This page was not loaded: {}.",
            intake::Refusal::TooLarge {
                bytes: bytes.len() as u64
            }
        ));
    }
    Ok(Fetched {
        url: response.url(),
        content_type,
        bytes,
    })
}
