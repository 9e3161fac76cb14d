//! Story units: every shared passage as a row, each outlet's wording one
//! under another, then what only one outlet reports.

use yew::prelude::*;

use super::more::{show_more, use_limit};
use super::passage::marked;
use super::sources::source_tag;
use crate::app::store::{Shared, ViewDispatch};
use crate::viewmodel::analysis::{evidence_list, kind_class, kind_help, kind_label, pct, Analysis};
use crate::viewmodel::coverage::{split_ignored, visible_members};
use crate::viewmodel::viewstate::{shown_docs, ViewAction};

/// Props of [`StoryView`].
#[derive(Properties, PartialEq)]
pub struct StoryProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Visible groups.
    pub visible: Shared<Vec<bool>>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// Active source filter.
    pub source: Option<String>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// Fewest words for a passage only one outlet has to be listed.
const MIN_UNIQUE_WORDS: usize = 4;

/// Lists of passages only one outlet has start open up to this length.
const UNIQUE_OPEN: usize = 8;

/// The story units table.
#[component]
pub fn StoryView(props: &StoryProps) -> Html {
    let a = &props.analysis;
    let hidden = &props.hidden;
    let mut rows: Vec<(usize, usize)> = a
        .cmp
        .groups
        .iter()
        .enumerate()
        .filter(|(i, _)| props.visible.get(*i).copied().unwrap_or(false))
        .map(|(i, g)| (i, visible_members(g, hidden).count()))
        .collect();
    crate::sort::sort_by(&mut rows, |x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let shown = shown_docs(a.n(), hidden);
    // Long lists come a page at a time.
    let key = (
        Some(props.analysis.clone()),
        Some(props.visible.clone()),
        props.hidden.clone(),
    );
    let row_limit = use_limit(key.clone());
    let doc_limit = use_limit(key);
    let rows_shown = rows.len().min(*row_limit);
    let docs_shown = shown.len().min(*doc_limit);
    html! {
        <section class="story" aria-label="Story units">
            <p class="view-intro">
                { "Each row is one piece of the story that several outlets carry, most widely carried first. \
                   Their wordings stand one under another: " }
                <span class="w-same">{ "same words" }</span>{ ", " }<span class="w-diff">{ "words that differ" }</span>{ "." }
            </p>
            if rows.is_empty() {
                <p class="empty" data-testid="story-empty">{ "No shared passage matches the filters." }</p>
            }
            <ol class="su-list" data-testid="story-units">
                { for rows.iter().take(rows_shown).map(|&(g, count)| {
                    let grp = &a.cmp.groups[g];
                    let cites = a.cites().by_group.get(g).cloned().unwrap_or_default();
                    let ev = evidence_list(grp);
                    let docs: Vec<usize> = visible_members(grp, hidden).map(|m| m.doc).collect();
                    let open = {
                        let d = props.dispatch.clone();
                        let n = a.n();
                        let (doc, with) = (docs.first().copied().unwrap_or(0), docs.clone());
                        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::OpenAt { doc, group: Some(g), with: with.clone(), n }))
                    };
                    html! {
                        <li class={classes!("su", kind_class(grp.kind))} data-testid="story-unit" data-group={g.to_string()}>
                            <div class="su-head">
                                <span class={classes!("kind-badge", kind_class(grp.kind))} title={kind_help(grp.kind)}>{ kind_label(grp.kind) }</span>
                                <span class="su-count">{ format!("{count} outlets") }</span>
                                <span class="su-score">{ format!("{} similar", pct(grp.score)) }</span>
                                { for cites.iter().map(|k| source_tag(a, k, props.source.as_deref() == Some(k.as_str()), &props.dispatch)) }
                                <button type="button" class="link-btn su-open" onclick={open}>{ "Read side by side →" }</button>
                            </div>
                            <table class="su-lines">
                                <tbody>
                                    { for visible_members(grp, hidden).filter_map(|m| Some((m, a.docs.get(m.doc)?))).map(|(m, dv)| {
                                        html! {
                                            <tr>
                                                <th scope="row" class="su-outlet">{ a.label(m.doc) }</th>
                                                <td class="su-text">{ marked(dv, m, m.span.start, m.span.end) }</td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                            if !ev.is_empty() {
                                <p class="su-evidence"><span class="muted">{ "Shared evidence: " }</span>
                                    { for ev.iter().map(|w| html! { <span class="chip">{ w.clone() }</span> }) }
                                </p>
                            }
                        </li>
                    }
                }) }
            </ol>
            { show_more(rows_shown, rows.len(), "shared passages", "story-more", &row_limit) }
            <section class="uniques" data-testid="uniques" aria-label="Only in one outlet">
                <h2>{ "Only in one outlet" }</h2>
                <div class="uq-grid">
                    { for shown.iter().take(docs_shown).map(|&d| {
                        let dv = &a.docs[d];
                        let items: Vec<String> = a.cmp.unique.get(d).map(|v| v.iter()
                            // Lines left out as boilerplate are not news.
                            .filter(|s| {
                                let ignored: usize = split_ignored(s.start, s.end, &dv.ignored)
                                    .iter().filter(|p| p.2).map(|p| p.1 - p.0).sum();
                                ignored * 2 < s.end.saturating_sub(s.start)
                            })
                            .map(|s| dv.slice(s.start, s.end).trim().to_string())
                            .filter(|t| t.split_whitespace().count() >= MIN_UNIQUE_WORDS)
                            .collect()).unwrap_or_default();
                        html! {
                            <details class="uq" open={items.len() <= UNIQUE_OPEN}>
                                <summary><strong>{ a.label(d) }</strong>
                                    <span class="muted">{ format!(" · {} passages", items.len()) }</span></summary>
                                <ul>
                                    { for items.into_iter().map(|t| html! { <li>{ t }</li> }) }
                                </ul>
                            </details>
                        }
                    }) }
                </div>
                { show_more(docs_shown, shown.len(), "articles", "uniques-more", &doc_limit) }
            </section>
        </section>
    }
}
