//! The overview matrix: row article's share found in the column article.

use std::fmt::Write as _;
use std::rc::Rc;

use yew::prelude::*;

use super::legend::{share_fill, share_legend, share_text_light};
use crate::app::store::{Shared, ViewDispatch};
use crate::viewmodel::analysis::{pct, Analysis};
use crate::viewmodel::viewstate::{shown_docs, ViewAction};

/// Props of [`FullMatrix`] and [`HeatMatrix`].
#[derive(Properties, PartialEq)]
pub struct MatrixProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// Shares under the filters ([`crate::viewmodel::coverage::visible_shares`]).
    pub shares: Shared<Vec<f64>>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// Share of article `r` found in article `c` under the filters.
fn at(shares: &[f64], n: usize, r: usize, c: usize) -> f64 {
    shares.get(r * n + c).copied().unwrap_or(0.0)
}

use crate::formats::fixed::short as short_num;

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

/// The matrix: labelled squares with numbers for up to [`FULL_UP_TO`]
/// articles shown, a compact heat map above that.
pub fn matrix(
    analysis: &Shared<Analysis>,
    hidden: &[usize],
    shares: &Shared<Vec<f64>>,
    dispatch: &ViewDispatch,
) -> Html {
    let k = shown_docs(analysis.n(), hidden).len();
    let (analysis, hidden, shares, dispatch) = (
        analysis.clone(),
        hidden.to_vec(),
        shares.clone(),
        dispatch.clone(),
    );
    if k <= FULL_UP_TO {
        html! { <FullMatrix {analysis} {hidden} {shares} {dispatch} /> }
    } else {
        html! { <HeatMatrix {analysis} {hidden} {shares} {dispatch} /> }
    }
}

/// The N×N heat map; each cell opens the pair side by side.
#[component]
fn FullMatrix(props: &MatrixProps) -> Html {
    let a = &props.analysis;
    let n = a.n();
    let sh = &props.shares;
    let shown = shown_docs(n, &props.hidden);
    let k = shown.len();
    let active = use_state(|| None::<(usize, usize)>);
    // Colours run from 0 to the largest share shown, so small overlaps
    // stay apart; the legend gives the numbers.
    let top = shown
        .iter()
        .flat_map(|&r| shown.iter().filter(move |&&c| c != r).map(move |&c| (r, c)))
        .map(|(r, c)| at(sh, n, r, c))
        .fold(0.0f64, f64::max)
        .max(0.01);
    let width = LEFT + k as f64 * CELL + 90.0;
    let height = TOP + k as f64 * CELL + 4.0;

    let detail = match *active {
        Some((r, c)) => {
            let (ab, ba) = (at(sh, n, r, c), at(sh, n, c, r));
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

    // One Tab stop for the whole matrix (roving): the cell last focused or
    // pointed at, else the first; the arrow keys move between cells.
    let stop = active
        .filter(|(r, c)| shown.contains(r) && shown.contains(c))
        .or_else(|| Some((*shown.first()?, *shown.get(1)?)));

    // The arrow keys move focus from the focused cell; Enter or Space opens it.
    let onkeydown = {
        let (d, shown) = (props.dispatch.clone(), shown.clone());
        Callback::from(move |e: KeyboardEvent| {
            let target = e.target_dyn_into::<web_sys::Element>();
            let cell = |k| target.as_ref()?.get_attribute(k)?.parse().ok();
            let (Some(r), Some(c)) = (cell("data-row"), cell("data-col")) else {
                return;
            };
            let pos = |x| shown.iter().position(|&s| s == x).unwrap_or(0);
            match step_cell(&e.key(), (pos(r), pos(c)), k) {
                Some(Step::Open) => d.dispatch(ViewAction::OpenPair(r, c)),
                Some(Step::To(r2, c2)) => {
                    if let Some(el) =
                        gloo::utils::document().get_element_by_id(&cell_id(shown[r2], shown[c2]))
                    {
                        // An SVG element: `focus` without the HTML element check.
                        use wasm_bindgen::JsCast;
                        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                }
                None => return,
            }
            e.prevent_default();
        })
    };

    let cells = shown.iter().enumerate().flat_map(|(ri, &r)| {
        let shown = &shown;
        shown.iter().enumerate().map(move |(ci, &c)| (ri, r, ci, c))
    });

    html! {
        <div class="matrix-wrap">
            <svg class="matrix" data-testid="matrix" viewBox={format!("0 0 {} {}", short_num(width), short_num(height))}
                width={short_num(width)} role="group" {onkeydown}
                aria-label="Share of each row article found in each column article">
                // Column labels.
                { for shown.iter().enumerate().map(|(ci, &c)| {
                    let x = LEFT + ci as f64 * CELL + CELL / 2.0;
                    html! {
                        <text class="mx-label mx-col" x={short_num(x)} y={short_num(TOP - 8.0)}
                            transform={format!("rotate(-35 {} {})", short_num(x), short_num(TOP - 8.0))}>
                            <title>{ a.label(c) }</title>
                            { short(&a.label(c), 16) }
                        </text>
                    }
                }) }
                // Row labels.
                { for shown.iter().enumerate().map(|(ri, &r)| {
                    let y = TOP + ri as f64 * CELL + CELL / 2.0;
                    html! {
                        <text class="mx-label mx-row" x={short_num(LEFT - 8.0)} y={short_num(y)}>
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
                            <rect class="mx-diag" x={short_num(x + 1.0)} y={short_num(y + 1.0)}
                                width={short_num(CELL - 2.0)} height={short_num(CELL - 2.0)} rx="4" />
                        };
                    }
                    let v = at(sh, n, r, c);
                    let label = format!("{} of {} is found in {}", pct(v), a.label(r), a.label(c));
                    let open = {
                        let d = props.dispatch.clone();
                        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::OpenPair(r, c)))
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
                        <g class="mx-cell" id={cell_id(r, c)} tabindex={if stop == Some((r, c)) { "0" } else { "-1" }} role="button" aria-label={label.clone()}
                            data-testid="matrix-cell" data-row={r.to_string()} data-col={c.to_string()}
                            onclick={open} onmouseenter={enter} onfocus={focus}>
                            <title>{ label }</title>
                            <rect x={short_num(x + 1.0)} y={short_num(y + 1.0)} width={short_num(CELL - 2.0)}
                                height={short_num(CELL - 2.0)} rx="4" fill={share_fill(v / top)} />
                            <text class={classes!("mx-num", share_text_light(v / top).then_some("light"))}
                                x={short_num(x + CELL / 2.0)} y={short_num(y + CELL / 2.0)}>{ pct(v) }</text>
                        </g>
                    }
                }) }
            </svg>
            <p class="matrix-detail" aria-live="polite">{ detail }</p>
            { share_legend(top) }
        </div>
    }
}

/// What a key does in a matrix of `k` articles from the cell at (row,
/// column) positions `at`.
enum Step {
    /// Open the pair side by side (Enter, Space).
    Open,
    /// Move to these positions (the arrows, Page Up/Down, Home, End; the
    /// diagonal is stepped over in the direction of travel).
    To(usize, usize),
}

fn step_cell(key: &str, (ri, ci): (usize, usize), k: usize) -> Option<Step> {
    let last = k.saturating_sub(1);
    let (mut r, mut c) = (ri, ci);
    match key {
        "Enter" | " " => return Some(Step::Open),
        "ArrowRight" => c = (c + 1).min(last),
        "ArrowLeft" => c = c.saturating_sub(1),
        "ArrowDown" => r = (r + 1).min(last),
        "ArrowUp" => r = r.saturating_sub(1),
        "PageDown" => r = (r + 10).min(last),
        "PageUp" => r = r.saturating_sub(10),
        "Home" => c = 0,
        "End" => c = last,
        _ => return None,
    }
    if r == c {
        if c != ci {
            c = if c > ci {
                (c + 1).min(last)
            } else {
                c.saturating_sub(1)
            };
        } else {
            r = if r > ri {
                (r + 1).min(last)
            } else {
                r.saturating_sub(1)
            };
        }
    }
    // On the diagonal still (at an edge): stay.
    Some(if r == c {
        Step::To(ri, ci)
    } else {
        Step::To(r, c)
    })
}

/// Most articles shown as labelled squares with numbers; more get the
/// compact heat map.
pub const FULL_UP_TO: usize = 30;

/// The compact heat map, computed once per result and set of shown
/// articles.
struct Heat {
    /// Articles shown, in order.
    shown: Vec<usize>,
    /// Largest share between two shown articles.
    top: f64,
    /// SVG path data per fill colour (cells of one colour in one path),
    /// then the diagonal.
    paths: Vec<(&'static str, String)>,
    diag: String,
}

impl Heat {
    fn new(a: &Analysis, hidden: &[usize], all: &[f64]) -> Self {
        let n = a.n();
        let shown = shown_docs(n, hidden);
        let k = shown.len();
        let mut shares = vec![0.0f64; k * k];
        let mut top = 0.0f64;
        for (ri, &r) in shown.iter().enumerate() {
            for (ci, &c) in shown.iter().enumerate() {
                if r != c {
                    let v = at(all, n, r, c);
                    shares[ri * k + ci] = v;
                    top = top.max(v);
                }
            }
        }
        let top = top.max(0.01);
        let mut paths: Vec<(&'static str, String)> = Vec::new();
        let mut diag = String::new();
        // One rectangle per run of cells of one colour in a row; a cell is
        // one unit of the viewBox.
        let mut flush = |fill: Option<&'static str>, ri: usize, from: usize, to: usize| {
            let d = match fill {
                Some(f) => match paths.iter().position(|p| p.0 == f) {
                    Some(i) => &mut paths[i].1,
                    None => {
                        paths.push((f, String::new()));
                        &mut paths.last_mut().expect("just pushed").1
                    }
                },
                None => &mut diag,
            };
            let w = to - from;
            let _ = write!(d, "M{from} {ri}h{w}v1h-{w}z");
        };
        for ri in 0..k {
            let mut run: Option<(Option<&'static str>, usize)> = None;
            for ci in 0..k {
                let fill = (ri != ci).then(|| share_fill(shares[ri * k + ci] / top));
                match run {
                    Some((f, _)) if f == fill => {}
                    Some((f, from)) => {
                        flush(f, ri, from, ci);
                        run = Some((fill, ci));
                    }
                    None => run = Some((fill, ci)),
                }
            }
            if let Some((f, from)) = run {
                flush(f, ri, from, k);
            }
        }
        Heat {
            shown,
            top,
            paths,
            diag,
        }
    }

    fn k(&self) -> usize {
        self.shown.len()
    }
}

/// Props of [`HeatCells`].
#[derive(Properties, PartialEq)]
struct HeatCellsProps {
    heat: Shared<Heat>,
}

/// The cells of the heat map: a few paths, drawn again only for a new
/// result (not when the pointer moves).
#[component]
fn HeatCells(props: &HeatCellsProps) -> Html {
    html! {
        <g class="mx-heat-cells">
            <path class="mx-diag" d={props.heat.diag.clone()} />
            { for props.heat.paths.iter().map(|(fill, d)| html! { <path fill={*fill} d={d.clone()} /> }) }
        </g>
    }
}

/// Tick step for the article numbers along the heat map's edges.
fn tick_step(k: usize) -> usize {
    match k {
        0..=60 => 5,
        61..=120 => 10,
        121..=240 => 20,
        _ => 50,
    }
}

/// The heat map for many articles: small squares without text, one path
/// per colour. The pointer or the arrow keys pick a cell (its numbers show
/// below); a click or Enter opens the pair side by side.
#[component]
fn HeatMatrix(props: &MatrixProps) -> Html {
    let heat = use_memo(
        (
            props.analysis.clone(),
            props.hidden.clone(),
            props.shares.clone(),
        ),
        |(a, hidden, shares)| Heat::new(a, hidden, shares),
    );
    // (row, column) positions among the shown articles.
    let active = use_state_eq(|| None::<(usize, usize)>);
    let a = &props.analysis;
    let k = heat.k();
    let margin = (k as f64 * 0.07).ceil();
    let span = k as f64 + margin;
    let font = span / 62.0;

    // The cell under the pointer, from its place in the picture (the
    // picture's parts ignore the pointer, so offsets are the picture's).
    let svg_ref = use_node_ref();
    let cell_at = {
        let k = k as f64;
        let svg_ref = svg_ref.clone();
        move |e: &MouseEvent| -> Option<(usize, usize)> {
            let el = svg_ref.cast::<web_sys::Element>()?;
            let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
            if w <= 0.0 || h <= 0.0 {
                return None;
            }
            let x = f64::from(e.offset_x()) / w * span - margin;
            let y = f64::from(e.offset_y()) / h * span - margin;
            (x >= 0.0 && y >= 0.0 && x < k && y < k).then_some((y as usize, x as usize))
        }
    };
    let onmousemove = {
        let active = active.clone();
        let cell_at = cell_at.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((ri, ci)) = cell_at(&e) {
                if ri != ci {
                    active.set(Some((ri, ci)));
                }
            }
        })
    };
    let onclick = {
        let (d, heat, active) = (props.dispatch.clone(), heat.clone(), active.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((ri, ci)) = cell_at(&e) {
                if ri != ci {
                    active.set(Some((ri, ci)));
                    d.dispatch(ViewAction::OpenPair(heat.shown[ri], heat.shown[ci]));
                }
            }
        })
    };
    let onfocus = {
        let active = active.clone();
        Callback::from(move |_: FocusEvent| {
            if active.is_none() && k > 1 {
                active.set(Some((0, 1)));
            }
        })
    };
    let onkeydown = {
        let (d, heat, active) = (props.dispatch.clone(), heat.clone(), active.clone());
        Callback::from(move |e: KeyboardEvent| {
            let (ri, ci) = active.unwrap_or((0, 1));
            match step_cell(&e.key(), (ri, ci), k) {
                Some(Step::Open) if ri != ci && ci < k && ri < k => {
                    d.dispatch(ViewAction::OpenPair(heat.shown[ri], heat.shown[ci]))
                }
                Some(Step::To(r, c)) => active.set(Some((r, c))),
                Some(_) => {}
                None => return,
            }
            e.prevent_default();
        })
    };

    let detail = match *active {
        Some((ri, ci)) if ri < k && ci < k => {
            let (r, c) = (heat.shown[ri], heat.shown[ci]);
            let (ab, ba) = (
                at(&props.shares, a.n(), r, c),
                at(&props.shares, a.n(), c, r),
            );
            html! {
                <>
                    <span class="muted">{ format!("Row {}, column {}: ", r + 1, c + 1) }</span>
                    <strong>{ pct(ab) }</strong>{ " of " }<strong>{ a.label(r) }</strong>
                    { " is found in " }<strong>{ a.label(c) }</strong>
                    { format!("; {} the other way. Click or press Enter to read them side by side.", pct(ba)) }
                </>
            }
        }
        _ => html! {
            { format!("{k} articles, numbered as in your list. Point at a square or focus the map and use the arrow keys for its numbers; click it or press Enter to read the two articles side by side.") }
        },
    };
    let step = tick_step(k);
    let ticks: Vec<usize> = (0..k).filter(|&i| i == 0 || (i + 1) % step == 0).collect();
    let marks = match *active {
        Some((ri, ci)) if ri < k && ci < k => html! {
            <g class="mx-marks">
                <rect class="mx-band" x="0" y={ri.to_string()} width={k.to_string()} height="1" />
                <rect class="mx-band" x={ci.to_string()} y="0" width="1" height={k.to_string()} />
                <rect class="mx-focus" data-testid="matrix-active" data-row={heat.shown[ri].to_string()}
                    data-col={heat.shown[ci].to_string()} x={ci.to_string()} y={ri.to_string()} width="1" height="1" />
            </g>
        },
        _ => html! {},
    };
    let vb = format!(
        "{} {} {s} {s}",
        short_num(-margin),
        short_num(-margin),
        s = short_num(span)
    );
    html! {
        <div class="matrix-wrap mx-heat-wrap">
            <div class="mx-heat-box" tabindex="0" role="application" data-testid="matrix-heat-box"
                aria-label={format!("Share of each row article found in each column article, {k} by {k}. Arrow keys move, Enter opens the pair.")}
                aria-describedby="matrix-readout" {onfocus} {onkeydown}>
                <svg ref={svg_ref} class="matrix mx-heat" data-testid="matrix-heat" data-size={k.to_string()} viewBox={vb}
                    preserveAspectRatio="none" shape-rendering="crispEdges" aria-hidden="true"
                    {onmousemove} {onclick}>
                    { for ticks.iter().map(|&i| {
                        let at = short_num(i as f64 + 0.5);
                        let n = (heat.shown[i] + 1).to_string();
                        html! {
                            <>
                                <text class="mx-tick mx-tick-col" x={at.clone()} y={short_num(-margin * 0.3)}
                                    font-size={crate::formats::fixed::fixed(font, 2)}>{ n.clone() }</text>
                                <text class="mx-tick mx-tick-row" x={short_num(-margin * 0.2)} y={at}
                                    font-size={crate::formats::fixed::fixed(font, 2)}>{ n }</text>
                            </>
                        }
                    }) }
                    <HeatCells heat={Shared(Rc::clone(&heat))} />
                    { marks }
                </svg>
            </div>
            <p class="matrix-detail" id="matrix-readout" data-testid="matrix-readout" aria-live="polite">{ detail }</p>
            { share_legend(heat.top) }
        </div>
    }
}
