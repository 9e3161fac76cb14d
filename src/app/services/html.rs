//! The article in a saved web page: its main text, title, outlet and date,
//! read with the browser's own `DOMParser`. A parsed document runs no
//! script and loads nothing; only `textContent` and attribute values are
//! read, and nothing from the page is ever inserted as markup.

use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, Node, SupportedType};

/// What was read from a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// Headline.
    pub title: Option<String>,
    /// Outlet: `og:site_name`, or the page's host.
    pub outlet: Option<String>,
    /// Publication date as the page gives it.
    pub date: Option<String>,
    /// The article text, one paragraph per line group (headline first).
    pub text: String,
}

/// Elements that never hold article text.
const NEVER_TEXT: &str = "script,style,noscript,template,iframe,svg,button,select,input,\
    textarea,object,embed,canvas,video,audio,picture,link,meta";

/// Elements that hold page furniture, unless a page wraps its whole
/// content in one (some sites put everything in a `<form>`).
const FURNITURE_TAGS: &str = "nav,aside,footer,form,dialog,menu,figure";

/// class/id words (split at spaces, `-` and `_`) of page furniture.
const FURNITURE: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "comments",
    "comment",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "banner",
    "popup",
    "modal",
    "paywall",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "whatsapp",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "skip",
    "byline",
];

/// Roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "dialog",
    "alertdialog",
    "search",
    "menu",
];

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figcaption",
    "hr",
    "br",
    "address",
    "details",
    "summary",
];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_len(n: &Node) -> usize {
    n.text_content()
        .map(|t| t.split_whitespace().map(|w| w.chars().count() + 1).sum())
        .unwrap_or(0)
}

fn meta(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        let el = doc.query_selector(sel).ok().flatten()?;
        let v = el
            .get_attribute("content")
            .or_else(|| el.get_attribute("datetime"))
            .or_else(|| el.text_content())?;
        let v = collapse(&v);
        (!v.is_empty()).then_some(v)
    })
}

/// The host of an address, without a leading `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let u = web_sys::Url::new(url).ok()?;
    let host = u.hostname();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

fn is_furniture(el: &Element) -> bool {
    let words = |v: Option<String>| {
        crate::text::lowercase(&v.unwrap_or_default())
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|w| FURNITURE.contains(&w))
    };
    let role = crate::text::lowercase(&el.get_attribute("role").unwrap_or_default());
    FURNITURE_ROLES.contains(&role.as_str())
        || el.has_attribute("hidden")
        || el.get_attribute("aria-hidden").as_deref() == Some("true")
        || words(el.get_attribute("class"))
        || words(el.get_attribute("id"))
}

fn remove_all(root: &Element, selector: &str) {
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
}

/// Removes page furniture (cookie banners, share bars, related links...),
/// sparing any element that holds most of the page's text.
fn remove_furniture(body: &Element) {
    let total = text_len(body).max(1);
    let selector = format!("{FURNITURE_TAGS},[class],[id],[role],[hidden],[aria-hidden]");
    let Ok(list) = body.query_selector_all(&selector) else {
        return;
    };
    let furniture_tags: Vec<&str> = FURNITURE_TAGS.split(',').collect();
    let mut doomed = Vec::new();
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let tag = el.local_name();
            let furniture = furniture_tags.contains(&tag.as_str()) || is_furniture(&el);
            if furniture && text_len(&el) * 10 < total * 4 {
                doomed.push(el);
            }
        }
    }
    for el in doomed {
        el.remove();
    }
}

/// The element holding the article: the one whose paragraphs carry the
/// most text (each paragraph counts fully for its parent and half for its
/// grandparent).
fn main_container(body: &Element) -> Element {
    let mut scores: Vec<(Element, usize)> = Vec::new();
    let mut add = |el: Element, s: usize| match scores.iter_mut().find(|(e, _)| *e == el) {
        Some(p) => p.1 += s,
        None => scores.push((el, s)),
    };
    if let Ok(ps) = body.query_selector_all("p, pre, blockquote") {
        for i in 0..ps.length() {
            let Some(p) = ps.item(i) else { continue };
            let len = text_len(&p);
            if len < 25 {
                continue;
            }
            if let Some(parent) = p.parent_element() {
                if let Some(gp) = parent.parent_element() {
                    add(gp, len / 2);
                }
                add(parent, len);
            }
        }
    }
    scores
        .into_iter()
        .max_by_key(|(_, s)| *s)
        .map(|(e, _)| e)
        .or_else(|| {
            body.query_selector("article, main, [role=main]")
                .ok()
                .flatten()
        })
        .unwrap_or_else(|| body.clone())
}

/// Collects the text of `node` as lines: block elements end a line.
fn walk(node: &Node, lines: &mut Vec<String>, cur: &mut String) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE => {
                if let Some(t) = child.text_content() {
                    cur.push_str(&t);
                }
            }
            Node::ELEMENT_NODE => {
                let tag = child
                    .dyn_ref::<Element>()
                    .map(|e| e.local_name())
                    .unwrap_or_default();
                if BLOCK_TAGS.contains(&tag.as_str()) {
                    flush(lines, cur);
                    walk(&child, lines, cur);
                    flush(lines, cur);
                } else {
                    walk(&child, lines, cur);
                }
            }
            _ => {}
        }
    }
}

fn flush(lines: &mut Vec<String>, cur: &mut String) {
    let t = collapse(cur);
    if !t.is_empty() {
        lines.push(t);
    }
    cur.clear();
}

/// Cuts " | Outlet" or " - Outlet" off a page title.
fn clean_title(title: &str, outlet: Option<&str>) -> String {
    let t = collapse(title);
    if let Some(o) = outlet {
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some((head, tail)) = t.rsplit_once(sep) {
                if tail.eq_ignore_ascii_case(o) || o.contains(&crate::text::lowercase(tail)) {
                    return head.trim().to_string();
                }
            }
        }
    }
    t
}

/// Reads the article in `html`. `url` is where the page came from, if
/// known (for the outlet when the page does not name itself).
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    let parser =
        DomParser::new().map_err(|_| "This browser cannot read HTML pages.".to_string())?;
    let html = crate::viewmodel::intake::defuse_html(html);
    let doc = parser
        .parse_from_string(&html, SupportedType::TextHtml)
        .map_err(|_| "The page could not be read as HTML.".to_string())?;

    let page_url =
        meta(&doc, &["meta[property='og:url']", "link[rel='canonical']"]).or_else(|| {
            doc.query_selector("link[rel='canonical']")
                .ok()
                .flatten()
                .and_then(|l| l.get_attribute("href"))
        });
    let outlet = meta(
        &doc,
        &[
            "meta[property='og:site_name']",
            "meta[name='application-name']",
            "meta[name='publisher']",
        ],
    )
    .or_else(|| page_url.as_deref().and_then(host_of))
    .or_else(|| url.and_then(host_of));
    let date = meta(
        &doc,
        &[
            "meta[property='article:published_time']",
            "meta[name='article:published_time']",
            "meta[itemprop='datePublished']",
            "meta[name='date']",
            "meta[name='pubdate']",
            "meta[name='publish-date']",
            "meta[name='dc.date']",
            "meta[name='DC.date.issued']",
            "time[datetime]",
        ],
    );
    let h1 = doc
        .query_selector("h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty());
    let title = meta(
        &doc,
        &["meta[property='og:title']", "meta[name='twitter:title']"],
    )
    .or(h1)
    .or_else(|| Some(doc.title()).filter(|t| !t.trim().is_empty()))
    .map(|t| clean_title(&t, outlet.as_deref()));

    let body = doc
        .body()
        .map(Element::from)
        .ok_or_else(|| "The page has no body text.".to_string())?;
    remove_all(&body, NEVER_TEXT);
    remove_furniture(&body);
    let container = main_container(&body);
    let mut lines = Vec::new();
    let mut cur = String::new();
    walk(&container, &mut lines, &mut cur);
    flush(&mut lines, &mut cur);
    if let Some(t) = &title {
        if lines.first() != Some(t) {
            lines.retain(|l| l != t);
            lines.insert(0, t.clone());
        }
    }
    let text = lines.join("\n\n");
    let body_lines = lines.len() - usize::from(title.is_some());
    if text.trim().is_empty() || body_lines == 0 {
        return Err(
            "No article text was found in this page. Open it in your browser, select \
                    the article text, copy it and paste it here instead."
                .to_string(),
        );
    }
    Ok(Extracted {
        title,
        outlet,
        date,
        text,
    })
}
