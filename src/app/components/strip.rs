//! The coverage strip: an article as a bar, coloured by how many other
//! outlets carry each part. Clicking a part picks that place.

use yew::prelude::*;

use crate::viewmodel::analysis::Analysis;
use crate::viewmodel::coverage::{coverage_level, segments, thin_parts};

const W: f64 = 1000.0;
/// The most parts one bar draws.
pub const MAX_PARTS: usize = 200;

/// Shares of article `doc` carried elsewhere: (shared chars, all chars).
pub fn shared_share(parts: &[(usize, usize, usize)]) -> f64 {
    let all: usize = parts.iter().map(|p| p.1 - p.0).sum();
    let shared: usize = parts.iter().filter(|p| p.2 > 0).map(|p| p.1 - p.0).sum();
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// The coverage strip of article `doc` (with the visible groups and the
/// hidden articles), whose parts are `parts` ([`crate::viewmodel::coverage::coverage`]);
/// `on_pick` is called with (char offset, passage group there) on a click.
pub fn coverage_strip(
    a: &Analysis,
    visible: &[bool],
    hidden: &[usize],
    doc: usize,
    parts: &[(usize, usize, usize)],
    on_pick: &Callback<(usize, Option<usize>)>,
) -> Html {
    let segs = segments(&a.cmp, doc, visible);
    let len = parts.last().map_or(0, |p| p.1).max(1) as f64;
    let max = a.n().saturating_sub(1 + hidden.len()).max(1);
    let label = a.label(doc);
    let share = shared_share(parts);
    let aria = format!(
        "{label}: {}% carried by at least one other outlet. Click a part to read it.",
        crate::formats::fixed::fixed(share * 100.0, 0)
    );
    // A bar cannot show more parts than it has pixels: a long article's
    // thousands of parts are drawn as at most `MAX_PARTS`.
    let mut seg = segs.iter().peekable();
    html! {
        <svg class="strip" data-testid="coverage-strip" viewBox={format!("0 0 {} 20", crate::formats::fixed::short(W))}
            preserveAspectRatio="none" role="img" aria-label={aria}>
            { for thin_parts(parts, MAX_PARTS).into_iter().map(|(s, e, n, at)| {
                let x = s as f64 / len * W;
                let w = ((e - s) as f64 / len * W).max(0.8);
                while seg.next_if(|g| g.end <= at).is_some() {}
                let group = seg.peek().filter(|g| g.start <= at).and_then(|g| g.group);
                let pick = on_pick.clone();
                let onclick = Callback::from(move |_: MouseEvent| pick.emit((at, group)));
                let title = match n {
                    0 => "Only in this article".to_string(),
                    1 => "Also in 1 other article".to_string(),
                    _ => format!("Also in {n} other articles"),
                };
                let level = coverage_level(n, max);
                html! {
                    // The colour comes from the style sheet (`.cov-N`).
                    <rect class={format!("strip-part cov-{level}")} x={crate::formats::fixed::fixed(x, 1)} width={crate::formats::fixed::fixed(w, 1)} height="20" {onclick}>
                        <title>{ title }</title>
                    </rect>
                }
            }) }
        </svg>
    }
}
