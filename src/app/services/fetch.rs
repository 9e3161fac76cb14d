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

fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

const OFFLINE: &str = "This browser is offline, so the page could not be fetched. Connect and \
    try again, or save the page and drop the file here.";

/// Fetches `url`, reading at most [`MAX_FILE_BYTES`] (whatever the site
/// declares) and for at most [`TIMEOUT_MS`]; `stop` cancels it. Errors are
/// messages for the reader.
pub async fn fetch(url: &str, stop: &web_sys::AbortController) -> Result<Fetched, String> {
    let window = web_sys::window().ok_or("No browser window.")?;
    if offline() {
        return Err(OFFLINE.to_string());
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let _timer = {
        let (stop, timed_out) = (stop.clone(), timed_out.clone());
        gloo::timers::callback::Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            stop.abort();
        })
    };
    let failed = |what: &str| {
        if timed_out.get() {
            format!(
                "The site did not answer within {} seconds, so fetching was given up. Try \
                 again later, or save the page and drop the file here.",
                TIMEOUT_MS / 1000
            )
        } else if stop.signal().aborted() {
            "Fetching was stopped; nothing was added.".to_string()
        } else if offline() {
            OFFLINE.to_string()
        } else {
            what.to_string()
        }
    };
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_signal(Some(&stop.signal()));
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| failed(BLOCKED))?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| failed(BLOCKED))?;
    let response: Response = response.dyn_into().map_err(|_| failed(BLOCKED))?;
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
    // Read piece by piece, stopping past the limit (whatever length the
    // site declares, if any).
    let mut bytes = Vec::new();
    if let Some(body) = response.body() {
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        loop {
            let part = JsFuture::from(reader.read())
                .await
                .map_err(|_| failed("The page could not be read to the end."))?;
            let get = |k: &str| js_sys::Reflect::get(&part, &k.into()).unwrap_or_default();
            if get("done").is_truthy() {
                break;
            }
            let chunk = js_sys::Uint8Array::new(&get("value"));
            if (bytes.len() + chunk.length() as usize) as u64 > MAX_FILE_BYTES {
                let _ = reader.cancel();
                stop.abort();
                return Err(format!(
                    "This page was not loaded: it is larger than {}, the limit; a news \
                     article is far smaller, so this is probably not an article (copy the \
                     article's text and paste it instead).",
                    intake::human_bytes(MAX_FILE_BYTES)
                ));
            }
            bytes.extend(chunk.to_vec());
        }
    }
    Ok(Fetched {
        url: response.url(),
        content_type,
        bytes,
    })
}
