//! The comparison area: progress and messages, then the tabs, the filters
//! and the current view.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::controls::{tabs, Controls};
use super::legend::{coverage_legend, legend};
use super::matrix::{matrix, FULL_UP_TO};
use super::more::{show_more, use_drawn, use_limit};
use super::reading::ReadingView;
use super::sources::SourcesView;
use super::story::StoryView;
use super::strip::{coverage_strip, shared_share, MAX_PARTS};
use crate::app::hooks::request_scroll;
use crate::app::services::perf::mark_once;
use crate::app::store::{AppCtx, Shared, ViewCtx, ViewDispatch};
use crate::model::Comparison;
use crate::viewmodel::analysis::{kind_label, pct, Analysis};
use crate::viewmodel::coverage::{
    chunk_ends, coverage, kind_counts, shared_core, visible_groups, visible_members, visible_shares,
};
use crate::viewmodel::state::{Article, Compute};
use crate::viewmodel::viewstate::{shown_docs, View, ViewAction, KINDS};

/// Everything below the page header once articles are loaded.
#[component]
pub fn Results() -> Html {
    let app = use_context::<AppCtx>().expect("AppCtx provided by App");
    let view = use_context::<ViewCtx>().expect("ViewCtx provided by App");
    let st = &app.0;
    let vs = &view.0;
    // Exact, or provisional while the exact result is computed.
    let done: Option<Rc<Comparison>> = st.compute.result().cloned();
    let analysis = use_memo(
        (done.clone().map(Shared), Shared(st.articles.clone())),
        |(done, articles): &(Option<Shared<Comparison>>, Shared<Vec<Article>>)| {
            done.as_ref()
                .map(|c| Shared::new(Analysis::new(c.0.clone(), &articles.0)))
        },
    );
    let visible = use_memo(
        (
            (*analysis).clone(),
            vs.min_score,
            vs.kinds,
            vs.hidden.clone(),
            vs.source.clone(),
        ),
        |(a, ..)| {
            a.as_ref()
                .map(|a| Shared::new(visible_groups(&a.cmp, &view.0, || a.cites())))
        },
    );
    use_effect_with((*analysis).clone(), |a| {
        if a.is_some() {
            mark_once("parallax:results-rendered");
        }
    });

    let n = st.articles.len();
    if n < 2 {
        return html! {
            <section class="status-panel" data-testid="compare-needs-two" role="status">
                <h2>{ if n == 0 { "No articles yet" } else { "One article so far" } }</h2>
                <p>{ "Comparing needs at least two articles about the same event. Add another one to see which passages they share." }</p>
            </section>
        };
    }
    let (Some(a), Some(visible)) = ((*analysis).clone(), (*visible).clone()) else {
        return match &st.compute {
            Compute::Failed(msg) => html! {
                <section class="status-panel error" data-testid="compute-failed" role="alert">
                    <h2>{ "The comparison did not finish" }</h2>
                    <p>{ msg.clone() }</p>
                    <p class="muted">{ "Your articles are still here; nothing was lost." }</p>
                </section>
            },
            Compute::Stopped => {
                let resume = app
                    .dispatcher()
                    .to_callback()
                    .reform(|_| crate::viewmodel::state::Action::Resume);
                html! {
                    <section class="status-panel" data-testid="compute-stopped" role="status">
                        <h2>{ "Comparison stopped" }</h2>
                        <p>{ format!("The {n} articles are kept as they are. Remove some to compare fewer, or compare them all again.") }</p>
                        { super::button("btn btn-primary", "compute-resume", "Compare again", false, resume) }
                    </section>
                }
            }
            Compute::Running(p) => progress(n, Some(*p), &app),
            _ => progress(n, None, &app),
        };
    };
    let dispatch = view.dispatcher();
    let counts = kind_counts(&a.cmp, &visible);
    let columns = vs.columns_for(a.n());
    let body = match vs.view {
        View::Overview => html! {
            <Overview analysis={a.clone()} visible={visible.clone()} hidden={vs.hidden.clone()} dispatch={dispatch.clone()} />
        },
        View::Reading => html! {
            <>
                { legend() }
                <ReadingView analysis={a.clone()} visible={visible.clone()} hidden={vs.hidden.clone()}
                    {columns} group={vs.group} dispatch={dispatch.clone()} />
            </>
        },
        View::Story => html! {
            <>
                { legend() }
                <StoryView analysis={a.clone()} visible={visible.clone()} hidden={vs.hidden.clone()}
                    source={vs.source.clone()} dispatch={dispatch.clone()} />
            </>
        },
        View::Sources => html! {
            <SourcesView analysis={a.clone()} hidden={vs.hidden.clone()} source={vs.source.clone()} dispatch={dispatch.clone()} />
        },
    };
    html! {
        <section class="results" data-testid="results" data-view={vs.view.slug()}>
            if let Compute::Refining(_, p) = &st.compute {
                <p class="refining" data-testid="refining" role="status">
                    <progress max="1" value={crate::formats::fixed::fixed(*p, 4)} aria-label="Refining"></progress>
                    { " A first result: links of the changed article are in; the exact comparison is finishing." }
                </p>
            }
            { tabs(vs.view, &dispatch) }
            <Controls analysis={a.clone()} view={vs.clone()} {counts} dispatch={dispatch.clone()} />
            <div class="view-body" role="tabpanel" aria-label={vs.view.title()}>{ body }</div>
        </section>
    }
}

fn progress(n: usize, p: Option<f64>, app: &AppCtx) -> Html {
    let stop = app
        .dispatcher()
        .to_callback()
        .reform(|_| crate::viewmodel::state::Action::Stop);
    html! {
        <section class="status-panel" data-testid="computing" role="status" aria-live="polite">
            <h2>{ format!("Comparing {n} articles…") }</h2>
            // No fraction known yet: an indeterminate bar.
            if let Some(p) = p.filter(|p| *p > 0.0) {
                <progress max="1" value={crate::formats::fixed::fixed(p, 4)} aria-label="Progress"></progress>
            } else {
                <progress aria-label="Progress"></progress>
            }
            <p class="muted">{ "Everything runs in this browser; nothing is sent anywhere." }</p>
            { super::button("btn", "compute-stop", "Stop", false, stop) }
        </section>
    }
}

/// Props of [`Overview`].
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Visible groups.
    pub visible: Shared<Vec<bool>>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// Summary, matrix and coverage strips.
#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let a = &props.analysis;
    let hidden = &props.hidden;
    let shown = shown_docs(a.n(), hidden);
    let counts = kind_counts(&a.cmp, &props.visible);
    let total: usize = counts.iter().sum();
    // Every number follows the filters.
    let shares = use_memo(
        (props.analysis.clone(), props.visible.clone()),
        |(a, visible)| Shared::new(visible_shares(&a.cmp, visible)),
    );
    let shares = (*shares).clone();
    // The pair sharing the most, and the most widely carried passage.
    let best = shown
        .iter()
        .flat_map(|&r| shown.iter().filter(move |&&c| c != r).map(move |&c| (r, c)))
        .map(|(r, c)| (r, c, shares[r * a.n() + c]))
        .filter(|x| x.2 > 0.0)
        .max_by(|x, y| x.2.total_cmp(&y.2));
    let widest = a
        .cmp
        .groups
        .iter()
        .filter(|g| props.visible.get(g.id).copied().unwrap_or(false))
        .map(|g| (g, visible_members(g, hidden).count()))
        .max_by_key(|&(g, k)| (k, std::cmp::Reverse(g.id)));
    // Its shared words (what the others carry), as the first outlet has them.
    let quote = widest.and_then(|(g, _)| {
        let m = visible_members(g, hidden).next()?;
        let (st, en) = shared_core(m);
        let dv = a.docs.get(m.doc)?;
        let mut q = excerpt(dv.slice(st, en), 30);
        if st > m.span.start {
            q.insert(0, '\u{2026}');
        }
        if en < m.span.end && !q.ends_with('\u{2026}') {
            q.push('\u{2026}');
        }
        Some((q, a.label(m.doc)))
    });
    let kinds_text: Vec<String> = KINDS
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(k, c)| format!("{c} {}", kind_label(*k).to_ascii_lowercase()))
        .collect();
    let max_others = shown.len().saturating_sub(1);
    // Many articles: the heat map takes the full width, and the bars come
    // a page at a time.
    let wide = shown.len() > FULL_UP_TO;
    let limit = use_limit((Some(props.analysis.clone()), None, props.hidden.clone()));
    let strips = shown.len().min(*limit);
    // Bars of long articles (many parts) come a few per task, so that a
    // large result leaves the page usable while they are drawn.
    let cost = |d: usize| (a.cmp.documents[d].chars / CHARS_PER_PART).min(MAX_PARTS) + ROW;
    let ends = chunk_ends(shown.iter().take(strips).map(|&d| (cost(d), true)), BUDGET);
    let key = (
        Some(props.analysis.clone()),
        Some(props.visible.clone()),
        props.hidden.clone(),
    );
    // Each bar is built once for the result and filters, not again with
    // every piece drawn after it.
    let bars = use_memo(key.clone(), |_| RefCell::new(Vec::<Html>::new()));
    let drawn = use_drawn(key, ends.len(), 1);
    let drawn = drawn.checked_sub(1).map_or(0, |c| ends[c]);
    let mut bars = bars.borrow_mut();
    for &d in &shown[bars.len().min(drawn)..drawn] {
        let parts = coverage(&a.cmp, d, &props.visible, &props.hidden);
        let on_pick = open_at(a, d, hidden, &props.dispatch);
        bars.push(html! {
            <li class="strip-row">
                <span class="strip-label">{ a.label(d) }</span>
                { coverage_strip(a, &props.visible, &props.hidden, d, &parts, &on_pick) }
                <span class="strip-pct">{ format!("{} shared", pct(shared_share(&parts))) }</span>
            </li>
        });
    }
    html! {
        <section class="overview" aria-label="Overview">
            <div class="summary card" data-testid="summary">
                <p class="lead">
                    <strong>{ format!("{} articles", shown.len()) }</strong>
                    { format!(" share {total} passages") }
                    if !kinds_text.is_empty() { { format!(" ({})", kinds_text.join(", ")) } }
                    { "." }
                </p>
                if let Some((r, c, v)) = best {
                    <p>{ "Closest pair: " }<strong>{ pct(v) }</strong>{ " of " }<strong>{ a.label(r) }</strong>
                        { " is found in " }<strong>{ a.label(c) }</strong>{ ". " }
                        <button type="button" class="link-btn" data-testid="open-closest" onclick={{
                            let d = props.dispatch.clone();
                            Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::OpenPair(r, c)))
                        }}>{ "Read them side by side →" }</button>
                    </p>
                }
                if let (Some((_, k)), Some((q, by))) = (widest, quote) {
                    <p data-testid="widest">{ format!("Most widely carried passage: in {k} of {} articles, the words ", shown.len()) }
                        <q class="widest-quote">{ q }</q>{ " (as in " }{ by }{ ")." }</p>
                }
                <p class="muted how-to">
                    { "Click a square of the matrix or a part of a bar to read articles side by side; " }
                    { "\u{201C}Story units\u{201D} lists every shared passage with each outlet's wording; " }
                    { "\u{201C}Cited sources\u{201D} shows who says their information comes from whom." }
                </p>
            </div>
            <div class={classes!("ov-grid", wide.then_some("ov-wide"))}>
                <figure class="card ov-matrix">
                    <h2>{ "How much of each article is found in another" }</h2>
                    { matrix(a, &props.hidden, &shares, &props.dispatch) }
                    <figcaption>
                        { "Read across a row: the share of that article's words found in the column's article. Not symmetric: a short article can sit wholly inside a long one." }
                    </figcaption>
                </figure>
                <div class="card ov-strips">
                    <h2>{ "Where each article overlaps the others" }</h2>
                    <p class="muted">{ "Each bar is one article from start to end. Click a part to read it there." }</p>
                    <ul class="strip-list" data-drawn={(drawn == strips).then_some("all")}>
                        { for bars[..drawn].iter().cloned() }
                    </ul>
                    { show_more(strips, shown.len(), "articles", "strips-more", &limit) }
                    { coverage_legend(max_others) }
                </div>
            </div>
        </section>
    }
}

/// What the bars drawn in one task may cost (bar parts, and `ROW` a row),
/// and an article's chars per likely part.
const BUDGET: usize = 2000;
const ROW: usize = 10;
const CHARS_PER_PART: usize = 400;

/// Opens article `doc` side by side at a place picked on its coverage
/// strip (char offset, passage group), beside an article carrying that
/// passage.
fn open_at(
    a: &Shared<Analysis>,
    doc: usize,
    hidden: &[usize],
    dispatch: &ViewDispatch,
) -> Callback<(usize, Option<usize>)> {
    let (a, hidden, d) = (a.clone(), hidden.to_vec(), dispatch.clone());
    Callback::from(move |(at, group): (usize, Option<usize>)| {
        let with = group
            .and_then(|g| a.cmp.groups.get(g))
            .map(|g| visible_members(g, &hidden).map(|m| m.doc).collect())
            .unwrap_or_default();
        request_scroll(doc, at);
        d.dispatch(ViewAction::OpenAt {
            doc,
            group,
            with,
            n: a.n(),
        });
    })
}

/// The first `words` words of `s`, with an ellipsis when cut.
fn excerpt(s: &str, words: usize) -> String {
    let mut it = s.split_whitespace();
    let head: Vec<&str> = it.by_ref().take(words).collect();
    let mut out = head.join(" ");
    if it.next().is_some() {
        out.push('…');
    }
    out
}
