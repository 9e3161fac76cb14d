//! Long lists render their first items only, with buttons for the rest, so
//! the first paint over hundreds of articles stays quick.

use yew::prelude::*;

/// Items a long list shows at first, and adds per "Show more".
pub const PAGE: usize = 50;

/// A list length limit that grows on request; reset when `key` changes
/// (a new result, another filter).
#[hook]
pub fn use_limit<K: PartialEq + 'static>(key: K) -> UseStateHandle<usize> {
    let limit = use_state_eq(|| PAGE);
    {
        let limit = limit.clone();
        use_effect_with(key, move |_| {
            limit.set(PAGE);
        });
    }
    limit
}

/// Props of [`ShowMore`].
#[derive(Properties, PartialEq)]
pub struct ShowMoreProps {
    /// How many items are shown now.
    pub shown: usize,
    /// How many there are.
    pub total: usize,
    /// What the items are, plural ("articles", "passages").
    pub what: AttrValue,
    /// `data-testid` of the bar (its buttons are `show-more` and `show-all`).
    pub testid: AttrValue,
    /// The limit handle to raise.
    pub limit: UseStateHandle<usize>,
}

/// "Showing 50 of 300 articles. [Show 50 more] [Show all 300]"; nothing
/// when everything is shown.
#[component]
pub fn ShowMore(props: &ShowMoreProps) -> Html {
    if props.shown >= props.total {
        return html! {};
    }
    let next = (props.total - props.shown).min(PAGE);
    let more = {
        let (limit, to) = (props.limit.clone(), props.shown + PAGE);
        Callback::from(move |_: MouseEvent| limit.set(to))
    };
    let all = {
        let (limit, to) = (props.limit.clone(), props.total);
        Callback::from(move |_: MouseEvent| limit.set(to))
    };
    html! {
        <div class="show-more" data-testid={props.testid.clone()}>
            <span class="muted">{ format!("Showing {} of {} {}.", props.shown, props.total, props.what) }</span>
            <button type="button" class="btn btn-small" data-testid="show-more" onclick={more}>
                { format!("Show {next} more") }
            </button>
            if next < props.total - props.shown {
                <button type="button" class="btn btn-small" data-testid="show-all" onclick={all}>
                    { format!("Show all {}", props.total) }
                </button>
            }
        </div>
    }
}
