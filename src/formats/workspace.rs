//! The reader's workspace (articles, the lines left out of each, settings)
//! as a JSON document for the browser's storage and workspace files, and as
//! a compact share code for the URL fragment (key [`FRAGMENT_KEY`]):
//! compact JSON, DEFLATE-compressed (raw DEFLATE, RFC 1951), base64url.
//! Compressing is left to the caller (the browser's `CompressionStream`;
//! natively `miniz_oxide`, see `share_code_at`); reading a code is done
//! here ([`crate::formats::inflate`]).
//!
//! ```
//! use parallax::formats::workspace::{Workspace, WsArticle};
//! let ws = Workspace::new(vec![WsArticle::new("Outlet A", "Same words."), WsArticle::new("B", "Other.")]);
//! let code = ws.share_code().unwrap();
//! assert_eq!(Workspace::from_share_code(&code).unwrap(), ws);
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use crate::formats::json::{Value, Writer};
use crate::viewmodel::intake::{MAX_ARTICLES, MAX_ARTICLE_CHARS};
use crate::viewmodel::state::{AppState, Article, ArticleMeta, NewArticle};

/// The fragment key carrying a shared workspace.
pub const FRAGMENT_KEY: &str = "ws";

/// Longest share code put in a link, in characters. Links this long open
/// in every current browser; longer workspaces are shared as files.
pub const SHARE_LIMIT: usize = 32 * 1024;

/// Largest workspace accepted when decompressing a share code, in bytes.
const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

/// Marks a Parallax workspace document.
pub const FORMAT: &str = "parallax-workspace";

/// Format version written.
pub const VERSION: u32 = 1;

/// One article of a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WsArticle {
    /// Outlet label.
    pub label: String,
    /// Text.
    pub text: String,
    /// Char ranges left out of the alignment (may be absent in JSON).
    pub ignored: Vec<(usize, usize)>,
    /// Headline (absent or null in JSON when unknown).
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<String>,
    /// File name or address it came from.
    pub source: Option<String>,
}

impl WsArticle {
    /// The workspace form of an article of the app state.
    pub fn of(a: &Article) -> Self {
        WsArticle {
            label: a.label.clone(),
            text: a.text.to_string(),
            ignored: a.ignored.clone(),
            title: a.meta.title.clone(),
            date: a.meta.date.clone(),
            source: a.meta.source.clone(),
        }
    }

    /// An article with nothing left out.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        WsArticle {
            label: label.into(),
            text: text.into(),
            ignored: Vec::new(),
            title: None,
            date: None,
            source: None,
        }
    }
}

/// A whole workspace.
///
/// JSON: `{"format", "version", "articles": [{"label", "text", "ignored":
/// [[start, end], ...], "title"?, "date"?, "source"?}], "settings": {name:
/// value}}`; `ignored` and `settings` may be absent, unknown members are
/// ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    /// Always [`FORMAT`].
    pub format: String,
    /// Format version.
    pub version: u32,
    /// The articles, in display order.
    pub articles: Vec<WsArticle>,
    /// Settings by name (such as the view, as its fragment value).
    pub settings: BTreeMap<String, String>,
}

/// Why a workspace could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WsError {
    /// Not JSON, or not a workspace.
    NotAWorkspace(String),
    /// Written by a newer Parallax.
    TooNew(u32),
    /// A share code that is damaged (cut short when copied, most often).
    BadCode,
    /// More than the limits allow.
    TooBig,
}

impl fmt::Display for WsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WsError::NotAWorkspace(why) => write!(f, "this is not a Parallax workspace ({why})"),
            WsError::TooNew(v) => write!(
                f,
                "this workspace was written by a newer Parallax (format {v}); update the page"
            ),
            WsError::BadCode => f.write_str(
                "the shared workspace in this link is damaged; it was probably cut short \
                 when copied. Ask for the link again, or for the workspace file",
            ),
            WsError::TooBig => write!(
                f,
                "the workspace is larger than Parallax accepts (at most {MAX_ARTICLES} \
                 articles, each up to {MAX_ARTICLE_CHARS} characters)"
            ),
        }
    }
}

impl Workspace {
    /// A workspace of `articles` with no settings.
    pub fn new(articles: Vec<WsArticle>) -> Self {
        Workspace {
            format: FORMAT.to_string(),
            version: VERSION,
            articles,
            settings: BTreeMap::new(),
        }
    }

    /// The workspace of the app state.
    pub fn from_state(state: &AppState) -> Self {
        Workspace::new(state.articles.iter().map(WsArticle::of).collect())
    }

    /// The articles, ready for `Action::ReplaceArticles`.
    pub fn to_new_articles(&self) -> Vec<NewArticle> {
        self.articles
            .iter()
            .map(|a| NewArticle {
                label: a.label.clone(),
                text: Rc::from(a.text.as_str()),
                ignored: a.ignored.clone(),
                meta: ArticleMeta {
                    title: a.title.clone(),
                    date: a.date.clone(),
                    source: a.source.clone(),
                },
            })
            .collect()
    }

    /// Pretty JSON, for workspace files.
    pub fn to_json_pretty(&self) -> String {
        self.write(true)
    }

    /// Compact JSON, for the browser's storage.
    pub fn to_json(&self) -> String {
        self.write(false)
    }

    fn write(&self, pretty: bool) -> String {
        let mut w = Writer::new(pretty);
        w.obj(|w| {
            w.key("format").str(&self.format);
            w.key("version").uint(self.version);
            w.key("articles").arr(&self.articles, |w, a| {
                w.obj(|w| {
                    w.key("label").str(&a.label);
                    w.key("text").str(&a.text);
                    w.key("ignored").arr(&a.ignored, |w, &(s, e)| {
                        w.arr([s, e], |w, n| w.usize(n));
                    });
                    for (k, v) in [
                        ("title", &a.title),
                        ("date", &a.date),
                        ("source", &a.source),
                    ] {
                        if let Some(v) = v {
                            w.key(k).str(v);
                        }
                    }
                });
            });
            w.key("settings").obj(|w| {
                for (k, v) in &self.settings {
                    w.key(k).str(v);
                }
            });
        });
        w.finish()
    }

    /// The workspace in a parsed JSON document, or what is wrong with it.
    fn from_value(v: &Value) -> Result<Self, String> {
        fn field<'a>(o: &'a Value, k: &str) -> Result<&'a Value, String> {
            o.get(k).ok_or_else(|| format!("missing field `{k}`"))
        }
        fn wrong(k: &str, v: &Value, want: &str) -> String {
            format!("invalid type: {}, expected {want} in `{k}`", v.kind())
        }
        fn text(o: &Value, k: &str) -> Result<String, String> {
            let v = field(o, k)?;
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| wrong(k, v, "a string"))
        }
        fn opt_text(o: &Value, k: &str) -> Result<Option<String>, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(_) => text(o, k).map(Some),
            }
        }
        fn index(v: &Value) -> Result<usize, String> {
            v.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| wrong("ignored", v, "a character offset"))
        }
        fn article(a: &Value) -> Result<WsArticle, String> {
            if !matches!(a, Value::Obj(_)) {
                return Err(wrong("articles", a, "an article"));
            }
            // Plain loops rather than collecting into a Result: less code
            // in WebAssembly.
            let mut ignored = Vec::new();
            if let Some(r) = a.get("ignored") {
                for pair in r.items().ok_or_else(|| wrong("ignored", r, "an array"))? {
                    match pair.items() {
                        Some([s, e]) => ignored.push((index(s)?, index(e)?)),
                        _ => return Err(wrong("ignored", pair, "a [start, end] pair")),
                    }
                }
            }
            Ok(WsArticle {
                label: text(a, "label")?,
                text: text(a, "text")?,
                ignored,
                title: opt_text(a, "title")?,
                date: opt_text(a, "date")?,
                source: opt_text(a, "source")?,
            })
        }
        if !matches!(v, Value::Obj(_)) {
            return Err(wrong("the document", v, "an object"));
        }
        let format = text(v, "format")?;
        let version = field(v, "version")?;
        let version = version
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| wrong("version", version, "a version number"))?;
        let list = field(v, "articles")?;
        let mut articles = Vec::new();
        for a in list
            .items()
            .ok_or_else(|| wrong("articles", list, "an array"))?
        {
            articles.push(article(a)?);
        }
        let mut settings = BTreeMap::new();
        match v.get("settings") {
            None => {}
            // Inserted one by one: collecting would sort with the standard
            // stable sort, kilobytes of WebAssembly.
            Some(Value::Obj(m)) => {
                for (k, v) in m {
                    let v = v.as_str().ok_or_else(|| wrong(k, v, "a string"))?;
                    settings.insert(k.clone(), v.to_string());
                }
            }
            Some(o) => return Err(wrong("settings", o, "an object")),
        }
        Ok(Workspace {
            format,
            version,
            articles,
            settings,
        })
    }

    /// Reads a workspace document, checking it: unknown formats and newer
    /// versions are refused, blank labels get a neutral one, ignored ranges
    /// are clipped to their text.
    pub fn from_json(json: &str) -> Result<Self, WsError> {
        let json = json.trim_start_matches('\u{feff}');
        let v = crate::formats::json::parse(json)
            .map_err(|_| WsError::NotAWorkspace("the file is not valid JSON".to_string()))?;
        Workspace::from_value(&v)
            .map_err(|e| WsError::NotAWorkspace(format!("unexpected content: {e}")))?
            .checked()
    }

    fn checked(mut self) -> Result<Self, WsError> {
        if self.format != FORMAT {
            // Quoted as text (not `{:?}`: Debug formatting of strings is
            // code the module otherwise does without).
            return Err(WsError::NotAWorkspace(format!(
                "its format is \"{}\"",
                self.format
            )));
        }
        if self.version > VERSION {
            return Err(WsError::TooNew(self.version));
        }
        if self.articles.len() > MAX_ARTICLES
            || self
                .articles
                .iter()
                .any(|a| a.text.chars().count() > MAX_ARTICLE_CHARS)
        {
            return Err(WsError::TooBig);
        }
        for (i, a) in self.articles.iter_mut().enumerate() {
            let label = a.label.trim();
            a.label = if label.is_empty() {
                crate::viewmodel::labels::label_for(&a.text, None, i)
            } else {
                label.to_string()
            };
            a.ignored = crate::viewmodel::boilerplate::sanitize(&a.ignored, a.text.chars().count());
        }
        Ok(self)
    }

    /// What a share code carries before compression: the compact JSON.
    pub fn share_payload(&self) -> Vec<u8> {
        self.to_json().into_bytes()
    }

    /// The share code of a compressed [`Workspace::share_payload`] (raw
    /// DEFLATE): base64url without padding.
    pub fn share_code_of(packed: &[u8]) -> String {
        base64url(packed)
    }

    /// Whether a share code fits in a link ([`SHARE_LIMIT`]).
    pub fn fits_link(code: &str) -> bool {
        code.len() <= SHARE_LIMIT
    }

    /// The share code: compact JSON, DEFLATE (level 9), base64url without
    /// padding. `None` when it is longer than [`SHARE_LIMIT`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn share_code(&self) -> Option<String> {
        let code = self.share_code_unlimited();
        Workspace::fits_link(&code).then_some(code)
    }

    /// The share code whatever its length.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn share_code_unlimited(&self) -> String {
        self.share_code_at(9)
    }

    /// The share code made at compression `level` (1 fastest .. 9
    /// smallest); every level reads back with [`Workspace::from_share_code`].
    /// Natively only: in the browser the page compresses.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn share_code_at(&self, level: u8) -> String {
        let packed =
            miniz_oxide::deflate::compress_to_vec(&self.share_payload(), level.clamp(1, 9));
        Workspace::share_code_of(&packed)
    }

    /// Reads a share code (whitespace, padding and standard base64
    /// characters tolerated, since links get re-wrapped and re-encoded).
    pub fn from_share_code(code: &str) -> Result<Self, WsError> {
        Workspace::from_json(&Workspace::share_json(code)?)
    }

    /// The JSON a share code carries, decoded and decompressed (read with
    /// [`Workspace::from_json`]; the page does the two in separate tasks).
    pub fn share_json(code: &str) -> Result<String, WsError> {
        let clean: String = code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                c => c,
            })
            .collect();
        if clean.len() > MAX_JSON_BYTES {
            return Err(WsError::TooBig);
        }
        let packed = from_base64url(clean.as_bytes()).ok_or(WsError::BadCode)?;
        let json =
            crate::formats::inflate::inflate(&packed, MAX_JSON_BYTES).map_err(|e| match e {
                crate::formats::inflate::InflateError::TooBig => WsError::TooBig,
                crate::formats::inflate::InflateError::Damaged => WsError::BadCode,
            })?;
        String::from_utf8(json).map_err(|_| WsError::BadCode)
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url (RFC 4648 section 5) without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Reads unpadded base64url; `None` for a character outside the alphabet,
/// a length no encoding has, or stray bits in the last character.
fn from_base64url(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = BASE64URL.iter().position(|&a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        let keep = match chunk.len() {
            4 => 3,
            3 => 2,
            2 => 1,
            _ => return None,
        };
        // The bits past the last whole byte must be zero (canonical form).
        if n & ((1 << (8 * (3 - keep))) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&bytes[1..=keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viewmodel::state::{reduce, Action};

    fn sample() -> Workspace {
        let mut a = WsArticle::new(
            "Outlet «A»",
            "مرحبا بالعالم\n東京 🙂 \"quoted\"\nRead more: x",
        );
        a.ignored = vec![(20, 32)];
        a.date = Some("2024-12-08".into());
        a.source = Some("https://example.org/a?x=1&y=2".into());
        let mut ws = Workspace::new(vec![a, WsArticle::new("B", "Second.")]);
        ws.settings.insert("view".into(), "reading;c=1.0".into());
        ws
    }

    #[test]
    fn json_round_trip() {
        let ws = sample();
        assert_eq!(Workspace::from_json(&ws.to_json()).unwrap(), ws);
        assert_eq!(Workspace::from_json(&ws.to_json_pretty()).unwrap(), ws);
    }

    /// The serde form the workspace files had before: the JSON written
    /// now is the same text, compact and pretty.
    #[test]
    fn json_is_the_earlier_serde_form() {
        #[derive(serde::Serialize)]
        struct Article<'a> {
            label: &'a str,
            text: &'a str,
            ignored: &'a [(usize, usize)],
            #[serde(skip_serializing_if = "Option::is_none")]
            title: &'a Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            date: &'a Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            source: &'a Option<String>,
        }
        #[derive(serde::Serialize)]
        struct Serde<'a> {
            format: &'a str,
            version: u32,
            articles: Vec<Article<'a>>,
            settings: &'a BTreeMap<String, String>,
        }
        let mut ws = sample();
        ws.articles[1].title = Some("T\u{7}\"".into());
        ws.settings.insert("z\n".into(), String::new());
        let mirror = Serde {
            format: &ws.format,
            version: ws.version,
            articles: ws
                .articles
                .iter()
                .map(|a| Article {
                    label: &a.label,
                    text: &a.text,
                    ignored: &a.ignored,
                    title: &a.title,
                    date: &a.date,
                    source: &a.source,
                })
                .collect(),
            settings: &ws.settings,
        };
        assert_eq!(ws.to_json(), serde_json::to_string(&mirror).unwrap());
        assert_eq!(
            ws.to_json_pretty(),
            serde_json::to_string_pretty(&mirror).unwrap()
        );
        let empty = Workspace::new(vec![]);
        assert_eq!(
            empty.to_json_pretty(),
            "{\n  \"format\": \"parallax-workspace\",\n  \"version\": 1,\n  \"articles\": [],\n  \"settings\": {}\n}"
        );
    }

    #[test]
    fn lenient_where_serde_was() {
        // Absent optional members, null strings, unknown members.
        let ws = Workspace::from_json(
            r#"{"format":"parallax-workspace","version":1,"extra":[1,{"a":null}],
                "articles":[{"label":"A","text":"x","title":null,"more":true}]}"#,
        )
        .unwrap();
        assert_eq!(ws.articles[0].title, None);
        assert!(ws.articles[0].ignored.is_empty() && ws.settings.is_empty());
        for bad in [
            r#"{"format":"parallax-workspace","version":1}"#,
            r#"{"format":"parallax-workspace","version":1.5,"articles":[]}"#,
            r#"{"format":"parallax-workspace","version":1,"articles":[{"label":"A"}]}"#,
            r#"{"format":"parallax-workspace","version":1,"articles":[{"label":"A","text":"x","ignored":[[1]]}]}"#,
            r#"{"format":"parallax-workspace","version":1,"articles":[],"settings":{"view":1}}"#,
            r#"[]"#,
        ] {
            let e = Workspace::from_json(bad).unwrap_err();
            assert!(
                matches!(&e, WsError::NotAWorkspace(why) if why.starts_with("unexpected content")),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn state_round_trip() {
        let s = reduce(
            &AppState::default(),
            Action::ReplaceArticles(NewArticle::demo_set()),
        );
        let ws = Workspace::from_state(&s);
        let back = Workspace::from_json(&ws.to_json()).unwrap();
        let s2 = reduce(
            &AppState::default(),
            Action::ReplaceArticles(back.to_new_articles()),
        );
        let strip = |s: &AppState| {
            s.articles
                .iter()
                .map(|a| {
                    (
                        a.label.clone(),
                        a.text.clone(),
                        a.ignored.clone(),
                        a.meta.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&s), strip(&s2));
    }

    #[test]
    fn share_round_trip_and_size() {
        let ws = sample();
        let code = ws.share_code().unwrap();
        assert!(code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(Workspace::from_share_code(&code).unwrap(), ws);
        // Through the fragment helper, as in a link.
        let mut f = crate::formats::fragment::Fragment::parse("#view=overview");
        f.set(FRAGMENT_KEY, &code);
        let f = crate::formats::fragment::Fragment::parse(&format!("#{f}"));
        assert_eq!(
            Workspace::from_share_code(f.get(FRAGMENT_KEY).unwrap()).unwrap(),
            ws
        );

        // The five demo articles fit in a link.
        let s = reduce(
            &AppState::default(),
            Action::ReplaceArticles(NewArticle::demo_set()),
        );
        let demo = Workspace::from_state(&s);
        let code = demo.share_code().expect("demo set fits");
        assert!(code.len() * 4 < demo.to_json().len() * 3, "{}", code.len());
    }

    #[test]
    fn too_large_for_a_link() {
        // Text that does not compress well.
        let mut x: u64 = 1;
        let noise: String = (0..60_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((x >> 33) % 26) as u8)
            })
            .collect();
        let ws = Workspace::new(vec![WsArticle::new("A", noise)]);
        assert!(ws.share_code().is_none());
        assert!(ws.share_code_unlimited().len() > SHARE_LIMIT);
    }

    #[test]
    fn damaged_and_foreign_input() {
        let code = sample().share_code().unwrap();
        assert_eq!(
            Workspace::from_share_code(&code[..code.len() / 2]),
            Err(WsError::BadCode)
        );
        assert_eq!(Workspace::from_share_code("!!!"), Err(WsError::BadCode));
        assert_eq!(Workspace::from_share_code(""), Err(WsError::BadCode));
        assert!(matches!(
            Workspace::from_json("{not json"),
            Err(WsError::NotAWorkspace(_))
        ));
        assert!(matches!(
            Workspace::from_json(r#"{"format":"other","version":1,"articles":[]}"#),
            Err(WsError::NotAWorkspace(_))
        ));
        assert_eq!(
            Workspace::from_json(r#"{"format":"parallax-workspace","version":9,"articles":[]}"#),
            Err(WsError::TooNew(9))
        );
        // Blank labels and out-of-range ranges are repaired, not refused.
        let ws = Workspace::from_json(
            r#"{"format":"parallax-workspace","version":1,"articles":[{"label":" ","text":"abc","ignored":[[2,99],[5,1]]}]}"#,
        )
        .unwrap();
        assert_eq!(ws.articles[0].label, "abc", "named by its headline");
        assert_eq!(ws.articles[0].ignored, [(2, 3)]);
    }

    #[test]
    fn more_articles_than_the_limit_are_refused_with_the_limit_named() {
        let at_limit: Vec<WsArticle> = (0..MAX_ARTICLES)
            .map(|i| WsArticle::new(format!("L{i}"), format!("Text {i}.")))
            .collect();
        let ws = Workspace::new(at_limit.clone());
        assert_eq!(
            Workspace::from_json(&ws.to_json()).unwrap().articles.len(),
            MAX_ARTICLES
        );
        let mut over = at_limit;
        over.push(WsArticle::new("One more", "Text."));
        let big = Workspace::new(over);
        let err = Workspace::from_json(&big.to_json()).unwrap_err();
        assert_eq!(err, WsError::TooBig);
        assert!(err
            .to_string()
            .contains(&format!("at most {MAX_ARTICLES} articles")));
        // A share link of the same is refused the same way.
        assert_eq!(
            Workspace::from_share_code(&big.share_code_unlimited()),
            Err(WsError::TooBig)
        );
    }

    #[test]
    fn decompression_bomb_is_refused() {
        let json = format!(
            r#"{{"format":"parallax-workspace","version":1,"articles":[{{"label":"A","text":"{}"}}]}}"#,
            "a".repeat(MAX_JSON_BYTES + 10)
        );
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        let code = Workspace::share_code_of(&packed);
        assert!(code.len() < 100_000);
        assert_eq!(Workspace::from_share_code(&code), Err(WsError::TooBig));
    }

    #[test]
    fn base64url_as_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(from_base64url(coded.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
        for bad in ["Z", "Zh", "Zm9", "Zm9vY", "Zm+v", "Zm9v=", "Zm9\u{e9}"] {
            assert_eq!(from_base64url(bad.as_bytes()), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn base64url_round_trips(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            proptest::prop_assert_eq!(from_base64url(base64url(&bytes).as_bytes()), Some(bytes));
        }

        #[test]
        fn hostile_codes_and_json_never_panic(s in "\\PC{0,300}") {
            let _ = Workspace::from_share_code(&s);
            let _ = Workspace::from_json(&s);
        }

        #[test]
        fn any_workspace_round_trips(texts in proptest::collection::vec("\\PC{1,80}", 0..5)) {
            let ws = Workspace::new(
                texts.iter().enumerate().map(|(i, t)| WsArticle::new(format!("L{i}"), t.clone())).collect(),
            );
            let back = Workspace::from_share_code(&ws.share_code_unlimited()).unwrap();
            proptest::prop_assert_eq!(&back, &ws);
            let fast = Workspace::from_share_code(&ws.share_code_at(1)).unwrap();
            proptest::prop_assert_eq!(fast, ws);
        }
    }
}
