//! Two to four articles side by side, shared passages linked: pointing at or
//! focusing a passage lights its counterparts in every column (at the DOM
//! edge, see `hooks::use_linked_passages`), so a hover re-renders nothing.

use yew::prelude::*;

use super::more::use_drawn;
use super::passage::marked;
use super::sources::source_tag;
use super::strip::coverage_strip;
use crate::app::hooks::{
    focus_group, peek_scroll, reveal_focused, scroll_column_to, take_scroll, use_linked_passages,
};
use crate::app::services::perf::mark_once;
use crate::app::store::{Shared, ViewDispatch};
use crate::model::Kind;
use crate::viewmodel::analysis::{evidence_list, kind_class, kind_help, kind_label, pct, Analysis};
use crate::viewmodel::coverage::{
    chunk_ends, coverage, member, segments, split_ignored, visible_members, Segment,
};
use crate::viewmodel::intake::word_count;
use crate::viewmodel::viewstate::{shown_docs, ViewAction, MAX_COLUMNS};

/// Props of [`ReadingView`].
#[derive(Properties, PartialEq)]
pub struct ReadingProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Visible groups.
    pub visible: Shared<Vec<bool>>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// Articles in the columns.
    pub columns: Vec<usize>,
    /// The focused group.
    pub group: Option<usize>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// The side-by-side reading view.
#[component]
pub fn ReadingView(props: &ReadingProps) -> Html {
    let root = use_node_ref();
    let on_focus = {
        let d = props.dispatch.clone();
        use_callback((), move |g: Option<usize>, _| {
            d.dispatch(ViewAction::Focus(g))
        })
    };
    let step = use_linked_passages(root.clone(), on_focus);
    // On a phone one column shows at a time: this one.
    let phone_slot = use_state_eq(|| 0usize);
    {
        // Restore the focused passage (from the URL or a strip click).
        let root = root.clone();
        // (Also when a phone brings up another column: it shows the passage.)
        use_effect_with(
            (
                props.group,
                props.columns.clone(),
                props.analysis.clone(),
                *phone_slot,
            ),
            move |(g, cols, ..)| {
                if let Some((doc, at)) = take_scroll() {
                    if let Some(slot) = cols.iter().position(|&c| c == doc) {
                        scroll_column_to(&root, slot, at);
                    }
                } else if let Some(g) = *g {
                    focus_group(&root, g);
                }
                reveal_focused(&root);
                mark_once("parallax:reading-rendered");
            },
        );
    }
    let a = &props.analysis;
    let n = a.n();
    let shown = shown_docs(n, &props.hidden);
    let cols = props.columns.clone();
    let slot_on = (*phone_slot).min(cols.len().saturating_sub(1));
    let focused = props.group.and_then(|g| a.cmp.groups.get(g));
    let can_add = cols.len() < MAX_COLUMNS && shown.iter().any(|d| !cols.contains(d));
    let add = {
        let d = props.dispatch.clone();
        let next = shown.iter().copied().find(|x| !cols.contains(x));
        let slot = cols.len();
        Callback::from(move |_: MouseEvent| {
            if let Some(doc) = next {
                d.dispatch(ViewAction::SetColumn { slot, doc, n });
            }
        })
    };
    let prev = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.emit(-1))
    };
    let next = Callback::from(move |_: MouseEvent| step.emit(1));
    // Word differences inside passages: on the lit passage only (quiet
    // reading), or everywhere.
    let all_words = use_state(|| false);
    let toggle_words = {
        let all_words = all_words.clone();
        Callback::from(move |_: MouseEvent| all_words.set(!*all_words))
    };
    html! {
        <section class="reading" aria-label="Articles side by side">
            <div class="reading-toolbar">
                <div class="nav-buttons" role="group" aria-label="Move between shared passages">
                    <button type="button" data-testid="prev-passage" onclick={prev}
                        aria-keyshortcuts="k p" title="Previous shared passage (k or p)">{ "↑ Previous" }</button>
                    <button type="button" data-testid="next-passage" onclick={next}
                        aria-keyshortcuts="j n" title="Next shared passage (j or n)">{ "↓ Next passage" }</button>
                    <span class="hint">{ "keys " }<kbd>{ "j" }</kbd>{ " / " }<kbd>{ "k" }</kbd></span>
                </div>
                <button type="button" class="chip words-toggle" data-testid="words-toggle" aria-pressed={if *all_words { "true" } else { "false" }}
                    onclick={toggle_words} title="Mark the words that differ in every passage, not only the one pointed at">
                    <span class="w-diff">{ "abc" }</span>{ " Word differences everywhere" }
                </button>
                if can_add {
                    { super::button("add-col", "add-column", "+ Add an article", false, add) }
                }
            </div>
            <div class="col-switch" role="group" aria-label="Article shown" data-testid="col-switch">
                { for cols.iter().enumerate().map(|(slot, &doc)| {
                    let has = focused.is_some_and(|g| g.members.iter().any(|m| m.doc == doc));
                    let set = phone_slot.clone();
                    html! {
                        <button type="button" class={classes!("col-tab", has.then_some("has-lit"))} data-testid="col-show"
                            aria-pressed={if slot == slot_on { "true" } else { "false" }}
                            onclick={Callback::from(move |e: MouseEvent| {
                                // The switch at the top of the screen: the article below fits.
                                if let Some(sw) = e.target_dyn_into::<web_sys::Element>().and_then(|t| t.closest(".col-switch").ok().flatten()) {
                                    sw.scroll_into_view();
                                }
                                set.set(slot);
                            })}>
                            { a.label(doc) }
                        </button>
                    }
                }) }
            </div>
            <div class="reading-main">
                <div class={classes!("reading-cols", format!("cols-{}", cols.len()), all_words.then_some("all-words"))} ref={root.clone()}>
                    { for cols.iter().enumerate().map(|(slot, &doc)| reading_column(props, doc, slot, slot == slot_on, &root)) }
                </div>
                { inspector(a, props.group, &props.hidden, &props.dispatch) }
            </div>
        </section>
    }
}

/// One column (`slot`, in the container `root`; `on`: the one a phone
/// shows): which article (`doc`), its coverage strip, its text.
fn reading_column(props: &ReadingProps, doc: usize, slot: usize, on: bool, root: &NodeRef) -> Html {
    let count = props.columns.len();
    let a = &props.analysis;
    let n = a.n();
    let onchange = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(doc) = v.parse() {
                d.dispatch(ViewAction::SetColumn { slot, doc, n });
            }
        })
    };
    let remove = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::RemoveColumn { slot, n }))
    };
    let on_pick = {
        let root = root.clone();
        Callback::from(move |(at, _): (usize, Option<usize>)| scroll_column_to(&root, slot, at))
    };
    let parts = coverage(&a.cmp, doc, &props.visible, &props.hidden);
    // Where the column is about to scroll: drawn first.
    let at = peek_scroll()
        .filter(|p| p.0 == doc)
        .map(|p| p.1)
        .or_else(|| member(&a.cmp, props.group?, doc).map(|m| m.span.start));
    let words = a.docs.get(doc).map_or(0, |d| word_count(&d.text));
    html! {
        <article key={doc} class={classes!("read-col", on.then_some("col-on"))} data-testid="article" data-doc={doc.to_string()}
            aria-label={format!("Article: {}", a.label(doc))}>
            <header class="col-head">
                <select class="col-pick" aria-label={format!("Article in column {}", slot + 1)} {onchange}>
                    { for shown_docs(n, &props.hidden).into_iter().map(|d| html! {
                        <option value={d.to_string()} selected={d == doc}>{ a.label(d) }</option>
                    }) }
                </select>
                <span class="col-meta">{ format!("{words} words") }</span>
                if count > 2 {
                    <button type="button" class="icon-btn" aria-label={format!("Remove {} from the columns", a.label(doc))}
                        onclick={remove}>{ "×" }</button>
                }
            </header>
            { coverage_strip(a, &props.visible, &props.hidden, doc, &parts, &on_pick) }
            <div class="col-body" tabindex="-1">
                <ArticleText analysis={props.analysis.clone()} visible={props.visible.clone()}
                    hidden={props.hidden.clone()} {doc} {at} />
            </div>
        </article>
    }
}

/// Props of [`ArticleText`]; `at` alone does not draw the text again.
#[derive(Properties)]
pub struct TextProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Visible groups.
    pub visible: Shared<Vec<bool>>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// The article.
    pub doc: usize,
    /// A char offset to draw at once (where the column will scroll to).
    pub at: Option<usize>,
}

impl PartialEq for TextProps {
    fn eq(&self, o: &Self) -> bool {
        (&self.analysis, &self.visible, &self.hidden, self.doc)
            == (&o.analysis, &o.visible, &o.hidden, o.doc)
    }
}

/// Chars of text drawn in one task (a segment counts `SEG` more).
const TEXT_BUDGET: usize = 20_000;
const SEG: usize = 40;

/// An article's text with its shared passages marked (text only, never
/// markup). Re-renders only when the result or the filters change. A long
/// text is drawn a chunk per task, up to `at` at once, so that the page
/// stays usable meanwhile.
#[component]
pub fn ArticleText(props: &TextProps) -> Html {
    let a = &props.analysis;
    let doc = props.doc;
    // A chunk is a block of its own (the page lays out only the new one),
    // so it ends where a line does: in a long text, plain stretches are cut
    // after their last line end.
    let dv = a.docs.get(doc);
    let long = a
        .cmp
        .documents
        .get(doc)
        .is_some_and(|d| d.chars > TEXT_BUDGET);
    let mut segs = Vec::new();
    for s in segments(&a.cmp, doc, &props.visible) {
        let text = dv
            .filter(|_| long && s.group.is_none())
            .map(|d| d.slice(s.start, s.end));
        match text.and_then(|t| Some(s.end - t[t.rfind('\n')? + 1..].chars().count())) {
            Some(cut) if cut < s.end => {
                segs.push(Segment { end: cut, ..s });
                segs.push(Segment { start: cut, ..s });
            }
            _ => segs.push(s),
        }
    }
    let line_end = |s: &Segment| dv.is_some_and(|d| d.slice(s.end - 1, s.end) == "\n");
    let ends = chunk_ends(
        segs.iter().map(|s| (s.end - s.start + SEG, line_end(s))),
        TEXT_BUDGET,
    );
    let first = props.at.map_or(1, |at| {
        1 + ends.iter().position(|&e| segs[e - 1].end > at).unwrap_or(0)
    });
    // (The key's list holds the article.)
    let key = (Some(a.clone()), Some(props.visible.clone()), vec![doc]);
    let drawn = use_drawn(key, ends.len(), first);
    let Some(dv) = dv else {
        return html! {};
    };
    let chunk = |c: usize| c.checked_sub(1).map_or(0, |p| ends[p])..ends[c];
    html! {
        <div class="read-text" dir="auto" data-drawn={(drawn == ends.len()).then_some("all")}>
            { for (0..drawn).map(|c| html! { <div>{ for segs[chunk(c)].iter().map(|s| {
                let text_of = |st: usize, en: usize| dv.slice(st, en).to_string();
                match s.group.and_then(|g| Some((g, a.cmp.groups.get(g)?, member(&a.cmp, g, doc)?))) {
                    None => html! {
                        <span data-s={s.start.to_string()}>
                            { for split_ignored(s.start, s.end, &dv.ignored).into_iter().map(|(st, en, ig)| if ig {
                                html! { <span class="ignored" title="Left out of the comparison (boilerplate)">{ text_of(st, en) }</span> }
                            } else {
                                html! { { text_of(st, en) } }
                            }) }
                        </span>
                    },
                    Some((g, grp, m)) => {
                        let title = a.describe(grp, &props.hidden);
                        let others = visible_members(grp, &props.hidden).filter(|o| o.doc != doc).count();
                        html! {
                            <mark class={classes!("pg", kind_class(grp.kind))} data-group={g.to_string()}
                                data-s={s.start.to_string()} data-kind={kind_label(grp.kind)} tabindex="0" title={title}>
                                if s.start == m.span.start {
                                    <span class="visually-hidden">{ format!("[{}, also in {} other] ", kind_label(grp.kind), others) }</span>
                                }
                                { marked(dv, m, s.start, s.end) }
                            </mark>
                        }
                    }
                }
            }) }</div> }) }
        </div>
    }
}

/// Details of the focused passage (`group`): kind, similarity, outlets,
/// evidence.
fn inspector(
    a: &Analysis,
    group: Option<usize>,
    hidden: &[usize],
    dispatch: &ViewDispatch,
) -> Html {
    let Some(grp) = group.and_then(|g| a.cmp.groups.get(g)) else {
        return html! {
            <aside class="inspector" data-testid="inspector" aria-live="polite">
                <h2>{ "Shared passages" }</h2>
                <p>{ "Point at a highlighted passage to light up the same passage in the other columns. Click it, or move with " }
                    <kbd>{ "j" }</kbd>{ " and " }<kbd>{ "k" }</kbd>{ ", to see its details here." }</p>
            </aside>
        };
    };
    let ev = evidence_list(grp);
    let cites = a.cites().by_group.get(grp.id).cloned().unwrap_or_default();
    html! {
        <aside class="inspector" data-testid="inspector" aria-live="polite">
            <h2>
                <span class={classes!("kind-badge", kind_class(grp.kind))}>{ kind_label(grp.kind) }</span>
                <span class="score">{ format!("{} similar", pct(grp.score)) }</span>
            </h2>
            <p class="muted">{ kind_help(grp.kind) }</p>
            <h3>{ format!("In {} articles", visible_members(grp, hidden).count()) }</h3>
            <ul class="insp-members">
                { for visible_members(grp, hidden).filter_map(|m| Some((m, a.docs.get(m.doc)?))).map(|(m, dv)| {
                    let shared = m.words.iter().filter(|w| w.shared).count();
                    html! {
                        <li>
                            <span class="insp-outlet">{ a.label(m.doc) }</span>
                            <span class="insp-words">{ format!("{shared} of {} words shared", m.words.len()) }</span>
                            <blockquote class="insp-quote">{ marked(dv, m, m.span.start, m.span.end) }</blockquote>
                        </li>
                    }
                }) }
            </ul>
            if !ev.is_empty() {
                <h3>{ if grp.kind == Kind::Paraphrase { "Why this is the same fact" } else { "Shared evidence" } }</h3>
                <ul class="chips evidence">
                    { for ev.iter().map(|w| html! { <li class="chip">{ w.clone() }</li> }) }
                </ul>
            }
            if !cites.is_empty() {
                <h3>{ "Cited sources" }</h3>
                <p class="chips">
                    { for cites.iter().map(|k| source_tag(a, k, false, dispatch)) }
                </p>
            }
        </aside>
    }
}
