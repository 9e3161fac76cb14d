//! The overview matrix: row article's share found in the column article.

use yew::prelude::*;

use super::legend::{share_fill, share_text_light, ShareLegend};
use crate::app::analysis::{pct, Analysis};
use crate::app::store::{Shared, ViewDispatch};
use crate::coverage::share;
use crate::viewstate::ViewAction;

/// Props of [`Matrix`].
#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

const CELL: f64 = 58.0;
const LEFT: f64 = 150.0;
const TOP: f64 = 104.0;

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

fn cell_id(r: usize, c: usize) -> String {
    format!("mx-{r}-{c}")
}

/// The N×N heat map; each cell opens the pair side by side.
#[component]
pub fn Matrix(props: &MatrixProps) -> Html {
    let a = &props.analysis;
    let shown: Vec<usize> = (0..a.n()).filter(|d| !props.hidden.contains(d)).collect();
    let k = shown.len();
    let active = use_state(|| None::<(usize, usize)>);
    // Colours run from 0 to the largest share shown, so small overlaps
    // stay apart; the legend gives the numbers.
    let top = shown
        .iter()
        .flat_map(|&r| shown.iter().filter(move |&&c| c != r).map(move |&c| (r, c)))
        .filter_map(|(r, c)| share(&a.cmp, r, c))
        .fold(0.0f64, f64::max)
        .max(0.01);
    let width = LEFT + k as f64 * CELL + 90.0;
    let height = TOP + k as f64 * CELL + 4.0;

    let detail = match *active {
        Some((r, c)) => {
            let ab = share(&a.cmp, r, c).unwrap_or(0.0);
            let ba = share(&a.cmp, c, r).unwrap_or(0.0);
            html! {
                <>
                    <strong>{ pct(ab) }</strong>{ " of " }<strong>{ a.label(r) }</strong>
                    { " is found in " }<strong>{ a.label(c) }</strong>
                    { format!("; {} the other way. Press Enter to read them side by side.", pct(ba)) }
                </>
            }
        }
        None => {
            html! { { "Point at or focus a cell for its numbers; click it to read the two articles side by side." } }
        }
    };

    let cells = shown.iter().enumerate().flat_map(|(ri, &r)| {
        let shown = &shown;
        shown.iter().enumerate().map(move |(ci, &c)| (ri, r, ci, c))
    });

    html! {
        <div class="matrix-wrap">
            <svg class="matrix" data-testid="matrix" viewBox={format!("0 0 {width} {height}")}
                width={format!("{width}")} role="group"
                aria-label="Share of each row article found in each column article">
                // Column labels.
                { for shown.iter().enumerate().map(|(ci, &c)| {
                    let x = LEFT + ci as f64 * CELL + CELL / 2.0;
                    html! {
                        <text class="mx-label mx-col" x={format!("{x}")} y={format!("{}", TOP - 8.0)}
                            transform={format!("rotate(-35 {x} {})", TOP - 8.0)}>
                            <title>{ a.label(c) }</title>
                            { short(&a.label(c), 16) }
                        </text>
                    }
                }) }
                // Row labels.
                { for shown.iter().enumerate().map(|(ri, &r)| {
                    let y = TOP + ri as f64 * CELL + CELL / 2.0;
                    html! {
                        <text class="mx-label mx-row" x={format!("{}", LEFT - 8.0)} y={format!("{y}")}>
                            <title>{ a.label(r) }</title>
                            { short(&a.label(r), 18) }
                        </text>
                    }
                }) }
                { for cells.map(|(ri, r, ci, c)| {
                    let x = LEFT + ci as f64 * CELL;
                    let y = TOP + ri as f64 * CELL;
                    if r == c {
                        return html! {
                            <rect class="mx-diag" x={format!("{}", x + 1.0)} y={format!("{}", y + 1.0)}
                                width={format!("{}", CELL - 2.0)} height={format!("{}", CELL - 2.0)} rx="4" />
                        };
                    }
                    let v = share(&a.cmp, r, c).unwrap_or(0.0);
                    let label = format!("{} of {} is found in {}", pct(v), a.label(r), a.label(c));
                    let open = {
                        let d = props.dispatch.clone();
                        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::OpenPair(r, c)))
                    };
                    let onkeydown = {
                        let d = props.dispatch.clone();
                        let shown = shown.clone();
                        Callback::from(move |e: KeyboardEvent| {
                            let (mut ri2, mut ci2) = (ri as i64, ci as i64);
                            match e.key().as_str() {
                                "Enter" | " " => {
                                    e.prevent_default();
                                    d.dispatch(ViewAction::OpenPair(r, c));
                                    return;
                                }
                                "ArrowRight" => ci2 += 1,
                                "ArrowLeft" => ci2 -= 1,
                                "ArrowDown" => ri2 += 1,
                                "ArrowUp" => ri2 -= 1,
                                _ => return,
                            }
                            e.prevent_default();
                            let kk = k as i64;
                            if ri2 == ci2 {
                                // Skip the diagonal in the direction of travel.
                                if ci2 != ci as i64 { ci2 += ci2 - ci as i64; } else { ri2 += ri2 - ri as i64; }
                            }
                            if (0..kk).contains(&ri2) && (0..kk).contains(&ci2) {
                                let id = cell_id(shown[ri2 as usize], shown[ci2 as usize]);
                                if let Some(el) = gloo::utils::document().get_element_by_id(&id) {
                                    use wasm_bindgen::JsCast;
                                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                        let _ = el.focus();
                                    }
                                }
                            }
                        })
                    };
                    let enter = {
                        let active = active.clone();
                        Callback::from(move |_| active.set(Some((r, c))))
                    };
                    let focus = {
                        let active = active.clone();
                        Callback::from(move |_: FocusEvent| active.set(Some((r, c))))
                    };
                    html! {
                        <g class="mx-cell" id={cell_id(r, c)} tabindex="0" role="button" aria-label={label.clone()}
                            data-testid="matrix-cell" data-row={r.to_string()} data-col={c.to_string()}
                            onclick={open} {onkeydown} onmouseenter={enter} onfocus={focus}>
                            <title>{ label }</title>
                            <rect x={format!("{}", x + 1.0)} y={format!("{}", y + 1.0)} width={format!("{}", CELL - 2.0)}
                                height={format!("{}", CELL - 2.0)} rx="4" fill={share_fill(v / top)} />
                            <text class={classes!("mx-num", share_text_light(v / top).then_some("light"))}
                                x={format!("{}", x + CELL / 2.0)} y={format!("{}", y + CELL / 2.0)}>{ pct(v) }</text>
                        </g>
                    }
                }) }
            </svg>
            <p class="matrix-detail" aria-live="polite">{ detail }</p>
            <ShareLegend {top} />
        </div>
    }
}
