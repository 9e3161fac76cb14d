//! The key to the colours and marks.

use yew::prelude::*;

use crate::viewmodel::analysis::{kind_class, kind_help, kind_label};
use crate::viewmodel::coverage::coverage_ranges;
use crate::viewmodel::viewstate::KINDS;

/// Kinds of shared passage and word marks.
pub fn legend() -> Html {
    html! {
        <div class="legend" data-testid="legend" aria-label="Legend">
            { for KINDS.iter().map(|&k| html! {
                <span class="legend-item">
                    <mark class={classes!("pg", "legend-swatch", kind_class(k))}>{ kind_label(k) }</mark>
                    <span class="legend-help">{ kind_help(k) }</span>
                </span>
            }) }
            <span class="legend-item">
                <span class="w-same legend-word">{ "same" }</span>
                <span class="w-diff legend-word">{ "differs" }</span>
                <span class="legend-help">{ "words inside a shared passage" }</span>
            </span>
        </div>
    }
}

/// Key to the coverage strips: one entry per colour, with the counts of
/// other outlets it stands for (`max`: most other outlets any part can
/// have).
pub fn coverage_legend(max: usize) -> Html {
    html! {
        <div class="legend coverage-legend" aria-label="Coverage colours">
            { for coverage_ranges(max).into_iter().map(|(level, first, last)| {
                let label = match (first, last) {
                    (0, _) => "only here".to_string(),
                    (1, 1) => "1 other outlet".to_string(),
                    (a, b) if a == b => format!("{a} others"),
                    (a, b) => format!("{a}–{b} others"),
                };
                html! {
                    <span class="legend-item">
                        <svg class="legend-box" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                            <rect class={format!("cov-{level}")} width="12" height="12" rx="2" />
                        </svg>
                        <span class="legend-help">{ label }</span>
                    </span>
                }
            }) }
        </div>
    }
}

/// Colour of a share in 0..=1 of the largest share shown, for the matrix
/// (ColorBrewer "YlGnBu", colour-blind safe).
pub fn share_fill(t: f64) -> &'static str {
    const SCALE: [&str; 8] = [
        "#f7fcc8", "#d9f0b3", "#a8dcb5", "#6cc4bc", "#3aa7c6", "#1f80b8", "#24529f", "#1f2f80",
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    SCALE[((t * (SCALE.len() - 1) as f64).round() as usize).min(SCALE.len() - 1)]
}

/// Whether text on [`share_fill`]`(t)` should be light.
pub fn share_text_light(t: f64) -> bool {
    t.is_finite() && t.clamp(0.0, 1.0) > 0.55
}

/// Key to the matrix colours (`top`: the largest share shown, the
/// darkest colour).
pub fn share_legend(top: f64) -> Html {
    let stops = [0.0, 0.25, 0.5, 0.75, 1.0];
    html! {
        <div class="legend share-legend" aria-label="Matrix colours: share of the row article found in the column article">
            { for stops.iter().map(|&t| html! {
                <span class="legend-item">
                    <svg class="legend-box" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                        <rect width="12" height="12" rx="2" fill={share_fill(t)} />
                    </svg>
                    <span class="legend-help">{ format!("{}%", crate::formats::fixed::fixed(t * top * 100.0, 0)) }</span>
                </span>
            }) }
        </div>
    }
}
