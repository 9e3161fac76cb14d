//! Rendering a stretch of a passage: shared words and differing words
//! marked, everything as text (never markup).

use yew::prelude::*;

use crate::model::Member;
use crate::viewmodel::analysis::DocView;
use crate::viewmodel::coverage::runs;

/// Chars `start..end` of member `m` (in article `doc`) as marked runs.
pub fn marked(doc: &DocView, m: &Member, start: usize, end: usize) -> Html {
    html! {
        { for runs(m, start, end).into_iter().map(|r| {
            let text = doc.slice(r.start, r.end).to_string();
            match r.shared {
                Some(true) => html! { <span class="w-same">{ text }</span> },
                Some(false) => html! { <span class="w-diff">{ text }</span> },
                None => html! { { text } },
            }
        }) }
    }
}
