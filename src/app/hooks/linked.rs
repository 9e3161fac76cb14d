//! Linked highlighting and keyboard navigation of passages, and scrolling a
//! column to a passage: class changes and scrolling in plain JS
//! (`parallaxIo.linked` in `www/io.js`), so a hover never re-renders
//! anything and the module carries no DOM walk.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::app::services::io;

/// What `parallaxIo.linked` returns for one root: repaint, step, stop; and
/// the focus callback it calls, kept alive as long as it.
struct Linked {
    calls: Array,
    _focused: Closure<dyn Fn(JsValue)>,
}

impl Linked {
    fn call(&self, i: u32, arg: &JsValue) {
        if let Ok(f) = self.calls.get(i).dyn_into::<Function>() {
            let _ = f.call1(&JsValue::NULL, arg);
        }
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
    let linked: Rc<RefCell<Option<Linked>>> = use_mut_ref(|| None);
    let on_focus = use_mut_ref_value(on_focus);
    {
        // The view may have re-rendered the passages: paint the light again.
        let linked = linked.clone();
        use_effect(move || {
            if let Some(l) = &*linked.borrow() {
                l.call(0, &JsValue::UNDEFINED);
            }
        });
    }
    let step = {
        let linked = linked.clone();
        use_callback((), move |dir: i32, _| {
            if let Some(l) = &*linked.borrow() {
                l.call(1, &JsValue::from(dir));
            }
        })
    };
    use_effect_with((), move |_| {
        if let Some(el) = root.cast::<Element>() {
            let focused = Closure::<dyn Fn(JsValue)>::new(move |g: JsValue| {
                let g = g.as_f64().map(|g| g as usize);
                on_focus.borrow().emit(g);
            });
            let calls = io::linked(&el, &focused);
            *linked.borrow_mut() = Some(Linked {
                calls,
                _focused: focused,
            });
        }
        move || {
            if let Some(l) = linked.borrow_mut().take() {
                l.call(2, &JsValue::UNDEFINED);
            }
        }
    });
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

/// Brings the lit passage into view in every column of `root` (after a
/// column was shown).
pub fn reveal_focused(root: &NodeRef) {
    if let Some(root) = root.cast::<Element>() {
        io::reveal_lit(&root);
    }
}

/// Focuses the first element of group `g` (preferring the first column)
/// unless focus is already on that group.
pub fn focus_group(root: &NodeRef, g: usize) {
    if let Some(root) = root.cast::<Element>() {
        io::focus_group(&root, g as u32);
    }
}

/// Scrolls column `col` (0-based) of `root` to the passage or text segment
/// containing char offset `at`.
pub fn scroll_column_to(root: &NodeRef, col: usize, at: usize) {
    if let Some(root) = root.cast::<Element>() {
        io::scroll_column(&root, col as u32, at as f64);
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
