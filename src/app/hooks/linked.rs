//! Linked highlighting and keyboard navigation of passages (class changes
//! through web-sys, so a hover never re-renders anything), and scrolling a
//! column to a passage.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Class given to every element of the lit passage group.
const LIT: &str = "lit";

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// The passage group of the element `target` is in, if any.
fn group_of(target: Option<web_sys::EventTarget>) -> Option<(Element, usize)> {
    let el = target?.dyn_into::<Element>().ok()?;
    let pg = el.closest("[data-group]").ok()??;
    let g = pg.get_attribute("data-group")?.parse().ok()?;
    Some((pg, g))
}

/// Scrolls `col` (a scrolling column) so `el` is in view, when it is not.
fn reveal_in(col: &HtmlElement, el: &HtmlElement) {
    let top = el.offset_top();
    let bottom = top + el.offset_height();
    let view_top = col.scroll_top();
    let view_bottom = view_top + col.client_height();
    if top < view_top || bottom > view_bottom {
        col.set_scroll_top((top - col.client_height() / 4).max(0));
    }
}

struct Linked {
    root: NodeRef,
    lit: Cell<Option<usize>>,
    hover: Cell<Option<usize>>,
    focus: Cell<Option<usize>>,
    last: RefCell<Option<HtmlElement>>,
}

impl Linked {
    fn apply(&self) {
        self.paint(false);
    }

    /// Marks the wanted group's elements; `force` repaints even when the
    /// group is unchanged (after a re-render replaced or reused elements).
    fn paint(&self, force: bool) {
        let want = self.hover.get().or(self.focus.get());
        if want == self.lit.get() && !force {
            return;
        }
        self.lit.set(want);
        let Some(root) = self.root.cast::<Element>() else {
            return;
        };
        if let Ok(list) = root.query_selector_all(&format!(".{LIT}")) {
            for i in 0..list.length() {
                if let Some(el) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_1(LIT);
                }
            }
        }
        match want {
            Some(g) => {
                let _ = root.set_attribute("data-lit", &g.to_string());
                if let Ok(list) = root.query_selector_all(&format!("[data-group=\"{g}\"]")) {
                    for i in 0..list.length() {
                        if let Some(el) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                            let _ = el.class_list().add_1(LIT);
                        }
                    }
                }
            }
            None => {
                let _ = root.remove_attribute("data-lit");
            }
        }
    }

    /// Brings group `g` into view in every scrolling column but `own`.
    fn reveal(&self, g: usize, own: Option<&Element>) {
        if let Some(root) = self.root.cast::<Element>() {
            reveal_group(&root, g, own);
        }
    }
}

/// Brings group `g` into view in every scrolling column (`.col-body`) of
/// `root` but `own`.
fn reveal_group(root: &Element, g: usize, own: Option<&Element>) {
    let Ok(cols) = root.query_selector_all(".col-body") else {
        return;
    };
    for i in 0..cols.length() {
        let Some(col) = cols.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if own.is_some_and(|o| o.is_same_node(Some(&col))) {
            continue;
        }
        if let Ok(Some(el)) = col.query_selector(&format!("[data-group=\"{g}\"]")) {
            if let Ok(el) = el.dyn_into::<HtmlElement>() {
                reveal_in(&col, &el);
            }
        }
    }
}

/// Brings the lit passage into view in every column of `root` (after a
/// column was shown).
pub fn reveal_focused(root: &NodeRef) {
    let Some(root) = root.cast::<Element>() else {
        return;
    };
    if let Some(g) = root.get_attribute("data-lit").and_then(|g| g.parse().ok()) {
        reveal_group(&root, g, None);
    }
}

/// Linked highlighting and passage navigation inside the element `root`:
/// pointing at or focusing an element with `data-group="N"` gives every
/// element of group N the class `lit` and scrolls it into view in the other
/// columns (`.col-body`); `on_focus` hears of keyboard focus changes.
/// Returns a callback moving focus to the next (`1`) or previous (`-1`)
/// passage; `j`/`n` and `k`/`p` do the same, Escape clears.
#[hook]
pub fn use_linked_passages(root: NodeRef, on_focus: Callback<Option<usize>>) -> Callback<i32> {
    let linked = use_memo((), {
        let root = root.clone();
        move |_| {
            Rc::new(Linked {
                root,
                lit: Cell::new(None),
                hover: Cell::new(None),
                focus: Cell::new(None),
                last: RefCell::new(None),
            })
        }
    });
    let on_focus = use_mut_ref_value(on_focus);
    {
        // The view may have re-rendered the passages: paint the light again.
        let linked = (*linked).clone();
        use_effect(move || linked.paint(true));
    }
    let step = {
        let linked = (*linked).clone();
        use_callback((), move |dir: i32, _| step_passage(&linked, dir))
    };
    {
        let linked = (*linked).clone();
        let step = step.clone();
        use_effect_with((), move |_| {
            let mut listeners = Vec::new();
            if let Some(el) = linked.root.cast::<Element>() {
                let l = linked.clone();
                listeners.push(EventListener::new(&el, "pointerover", move |e| {
                    let hit = group_of(e.target());
                    let g = hit.as_ref().map(|h| h.1);
                    if g != l.hover.get() {
                        l.hover.set(g);
                        l.apply();
                        if let Some((pg, g)) = hit {
                            let own = pg.closest(".col-body").ok().flatten();
                            l.reveal(g, own.as_ref());
                        }
                    }
                }));
                let l = linked.clone();
                listeners.push(EventListener::new(&el, "pointerleave", move |_| {
                    l.hover.set(None);
                    l.apply();
                }));
                let l = linked.clone();
                let on_focus = on_focus.clone();
                listeners.push(EventListener::new(&el, "focusin", move |e| {
                    if let Some((pg, g)) = group_of(e.target()) {
                        l.focus.set(Some(g));
                        *l.last.borrow_mut() = pg.clone().dyn_into::<HtmlElement>().ok();
                        l.apply();
                        let own = pg.closest(".col-body").ok().flatten();
                        l.reveal(g, own.as_ref());
                        on_focus.borrow().emit(Some(g));
                    }
                }));
            }
            let l = linked.clone();
            let on_focus = on_focus.clone();
            let active = EventListenerOptions::enable_prevent_default();
            listeners.push(EventListener::new_with_options(
                &document(),
                "keydown",
                active,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                        .is_some_and(|t| {
                            matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                                || t.closest("[contenteditable]").ok().flatten().is_some()
                        });
                    if typing {
                        return;
                    }
                    match e.key().as_str() {
                        "j" | "n" => {
                            e.prevent_default();
                            step.emit(1);
                        }
                        "k" | "p" => {
                            e.prevent_default();
                            step.emit(-1);
                        }
                        "Escape" if l.focus.get().is_some() || l.hover.get().is_some() => {
                            l.focus.set(None);
                            l.hover.set(None);
                            l.apply();
                            on_focus.borrow().emit(None);
                        }
                        _ => {}
                    }
                },
            ));
            move || drop(listeners)
        });
    }
    step
}

/// A ref that always holds the latest value (for listeners set up once).
#[hook]
fn use_mut_ref_value<T: 'static + Clone>(value: T) -> Rc<RefCell<T>> {
    let r = use_mut_ref({
        let value = value.clone();
        move || value
    });
    *r.borrow_mut() = value;
    r
}

fn step_passage(l: &Linked, dir: i32) {
    let Some(root) = l.root.cast::<Element>() else {
        return;
    };
    let active = document()
        .active_element()
        .filter(|a| a.has_attribute("data-group") && root.contains(Some(a)));
    let current: Option<HtmlElement> = active
        .and_then(|a| a.dyn_into::<HtmlElement>().ok())
        .or_else(|| {
            l.last
                .borrow()
                .clone()
                .filter(|e| e.is_connected() && root.contains(Some(e)))
        });
    let col = current
        .as_ref()
        .and_then(|c| c.closest(".col-body").ok().flatten())
        .or_else(|| root.query_selector(".col-body").ok().flatten());
    let Some(col) = col else { return };
    let Ok(list) = col.query_selector_all("[data-group]") else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()))
        .collect();
    if items.is_empty() {
        return;
    }
    let group = |e: &HtmlElement| e.get_attribute("data-group");
    let pos = current
        .as_ref()
        .and_then(|c| items.iter().position(|e| e.is_same_node(Some(c))));
    let next = match pos {
        None if dir > 0 => Some(0),
        None => Some(items.len() - 1),
        Some(p) => {
            let g = group(&items[p]);
            if dir > 0 {
                (p + 1..items.len()).find(|&i| group(&items[i]) != g)
            } else {
                (0..p).rev().find(|&i| group(&items[i]) != g).map(|i| {
                    // The first element of that passage.
                    let gi = group(&items[i]);
                    let mut j = i;
                    while j > 0 && group(&items[j - 1]) == gi {
                        j -= 1;
                    }
                    j
                })
            }
        }
    };
    if let Some(i) = next {
        let _ = items[i].focus();
    }
}

/// Focuses the first element of group `g` (preferring the first column)
/// unless focus is already on that group.
pub fn focus_group(root: &NodeRef, g: usize) {
    let Some(root) = root.cast::<Element>() else {
        return;
    };
    let already = document()
        .active_element()
        .and_then(|a| a.get_attribute("data-group"))
        .is_some_and(|a| a == g.to_string());
    if already {
        return;
    }
    if let Ok(Some(el)) = root.query_selector(&format!(".col-body [data-group=\"{g}\"]")) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Scrolls column `col` (0-based) of `root` to the passage or text segment
/// containing char offset `at`.
pub fn scroll_column_to(root: &NodeRef, col: usize, at: usize) {
    let Some(root) = root.cast::<Element>() else {
        return;
    };
    let Ok(cols) = root.query_selector_all(".col-body") else {
        return;
    };
    let Some(body) = cols
        .get(col as u32)
        .and_then(|n| n.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let Ok(segs) = body.query_selector_all("[data-s]") else {
        return;
    };
    let mut best: Option<HtmlElement> = None;
    for i in 0..segs.length() {
        let Some(el) = segs.get(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let s: usize = el
            .get_attribute("data-s")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if s <= at {
            best = Some(el);
        } else {
            break;
        }
    }
    if let Some(el) = best {
        body.set_scroll_top((el.offset_top() - 8).max(0));
        if el.has_attribute("data-group") {
            let _ = el.focus();
        }
    }
}

thread_local! {
    static PENDING_SCROLL: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

/// Asks the reading view to scroll article `doc` to char offset `at` once it
/// shows it.
pub fn request_scroll(doc: usize, at: usize) {
    PENDING_SCROLL.with(|p| p.set(Some((doc, at))));
}

/// The pending scroll request, if any, left pending.
pub fn peek_scroll() -> Option<(usize, usize)> {
    PENDING_SCROLL.with(|p| p.get())
}

/// Takes the pending scroll request, if any.
pub fn take_scroll() -> Option<(usize, usize)> {
    PENDING_SCROLL.with(|p| p.take())
}
