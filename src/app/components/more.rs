//! Long lists render their first items only, with buttons for the rest, so
//! the first paint over hundreds of articles stays quick.

use std::cell::RefCell;

use yew::prelude::*;

use crate::app::services::perf::after;
use crate::app::store::Shared;
use crate::viewmodel::analysis::Analysis;
use gloo::timers::callback::Timeout;

/// Items a long list shows at first, and adds per "Show more".
pub const PAGE: usize = 50;

/// What a list's limit depends on: the result, the visible groups, the
/// hidden articles (each where the list has them).
pub type LimitKey = (
    Option<Shared<Analysis>>,
    Option<Shared<Vec<bool>>>,
    Vec<usize>,
);

/// A list length limit that grows on request; reset when `key` changes
/// (a new result, another filter). One key type for every list: one copy
/// of the hook in the module.
#[hook]
pub fn use_limit(key: LimitKey) -> UseStateHandle<usize> {
    let limit = use_state_eq(|| PAGE);
    {
        let limit = limit.clone();
        use_effect_with(key, move |_| {
            limit.set(PAGE);
        });
    }
    limit
}

/// "Showing 50 of 300 articles. [Show 50 more] [Show all 300]"; nothing
/// when everything is shown. `shown` of `total` items are shown; `what`
/// is what they are, plural ("articles", "passages"); `testid` is the
/// `data-testid` of the bar (its buttons are `show-more` and `show-all`);
/// `limit` is the limit handle to raise.
pub fn show_more(
    shown: usize,
    total: usize,
    what: &'static str,
    testid: &'static str,
    limit: &UseStateHandle<usize>,
) -> Html {
    if shown >= total {
        return html! {};
    }
    let next = (total - shown).min(PAGE);
    let more = {
        let (limit, to) = (limit.clone(), shown + PAGE);
        Callback::from(move |_: MouseEvent| limit.set(to))
    };
    let all = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(total))
    };
    html! {
        <div class="show-more" data-testid={testid}>
            <span class="muted">{ format!("Showing {shown} of {total} {what}.") }</span>
            <button type="button" class="btn btn-small" data-testid="show-more" onclick={more}>
                { format!("Show {next} more") }
            </button>
            if next < total - shown {
                <button type="button" class="btn btn-small" data-testid="show-all" onclick={all}>
                    { format!("Show all {total}") }
                </button>
            }
        </div>
    }
}

/// How many of `total` chunks of a long drawing to show: `first` at once,
/// then one more per task (the page answers clicks and paints between
/// them), until all; from `first` again when `key` changes.
#[hook]
pub fn use_drawn(key: LimitKey, total: usize, first: usize) -> usize {
    let state = use_memo(key, |_| RefCell::new((0, None::<Timeout>)));
    let update = use_force_update();
    let mut s = state.borrow_mut();
    s.0 = s.0.max(first).min(total);
    let now = s.0;
    // The next chunk's timer lives in the state: a new key, or leaving the
    // page, cancels it.
    // (The timer holds the state until it runs, or is dropped with it.)
    let st = state.clone();
    s.1 = (now < total).then(|| {
        after(
            0,
            Box::new(move || {
                st.borrow_mut().0 = now + 1;
                update.force_update();
            }),
        )
    });
    now
}
