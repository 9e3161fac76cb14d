//! Cited sources: who the articles say their information comes from, per
//! outlet, as filter tags.

use yew::prelude::*;

use super::matrix::FULL_UP_TO;
use super::more::{show_more, use_limit};
use crate::app::store::{Shared, ViewDispatch};
use crate::viewmodel::analysis::{Analysis, SourceInfo};
use crate::viewmodel::viewstate::{shown_docs, ViewAction};

/// A source (by its key) as a tag; pressing it filters by that source
/// (again, while it is the `active` filter: clears).
pub fn source_tag(a: &Analysis, key: &str, active: bool, dispatch: &ViewDispatch) -> Html {
    let info = a.sources().iter().find(|s| s.key == key);
    let name = info.map_or_else(
        || AttrValue::from(key.to_string()),
        |s| AttrValue::from(s.name.clone()),
    );
    let outlets = info.map_or(0, |s| s.outlets());
    let onclick = {
        let d = dispatch.clone();
        let key = (!active).then(|| key.to_string());
        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::Source(key.clone())))
    };
    html! {
        <button type="button" class={classes!("src-tag", active.then_some("active"))} data-testid="source-tag"
            data-source={key.to_string()} aria-pressed={if active { "true" } else { "false" }}
            title={format!("Cited by {outlets} outlet(s). Show only passages citing it.")} {onclick}>
            { name }
        </button>
    }
}

/// Props of [`SourcesView`].
#[derive(Properties, PartialEq)]
pub struct SourcesProps {
    /// The result.
    pub analysis: Shared<Analysis>,
    /// Hidden articles.
    pub hidden: Vec<usize>,
    /// Active source filter.
    pub source: Option<String>,
    /// View state dispatcher.
    pub dispatch: ViewDispatch,
}

/// The table of sources by outlet, and the sentences citing the selected one.
#[component]
pub fn SourcesView(props: &SourcesProps) -> Html {
    let a = &props.analysis;
    let shown = shown_docs(a.n(), &props.hidden);
    let sources: Vec<_> = a
        .sources()
        .iter()
        .filter(|s| shown.iter().any(|&d| s.count(d) > 0))
        .collect();
    // Rows come a page at a time.
    let limit = use_limit((Some(props.analysis.clone()), None, props.hidden.clone()));
    let rows = sources.len().min(*limit);
    // Beyond this many outlets the table has a row per source and no
    // column per outlet.
    let compact = shown.len() > FULL_UP_TO;
    let active = |s: &SourceInfo| props.source.as_deref() == Some(s.key.as_str());
    let tag = |s: &SourceInfo| source_tag(a, &s.key, active(s), &props.dispatch);
    let selected = props
        .source
        .as_ref()
        .and_then(|k| a.sources().iter().find(|s| &s.key == k));
    html! {
        <section class="sources" aria-label="Cited sources">
            <p class="view-intro">
                { "Who the articles say their information comes from (\u{201C}told Reuters\u{201D}, \u{201C}citing TASS\u{201D}, \
                   \u{201C}the ministry said\u{201D}). Pick a source to see its sentences and to show only passages citing it." }
            </p>
            <div class="sources-grid">
            if sources.is_empty() {
                <p class="empty">{ "No attributions found." }</p>
            } else {
                <div class="table-scroll">
                    if !compact && shown.len() > 2 {
                        <p class="scroll-cue" data-testid="scroll-cue">
                            { "\u{2194} One column per outlet: scroll the table sideways." }</p>
                    }
                    if compact {
                        // Too many outlets for a column each: how many cite
                        // the source, how often, and which.
                        <table class="src-table src-compact" data-testid="sources-table">
                            <thead>
                                <tr>
                                    <th scope="col">{ "Source" }</th>
                                    <th scope="col">{ "Outlets" }</th>
                                    <th scope="col">{ "Citations" }</th>
                                    <th scope="col">{ "Cited by" }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for sources.iter().take(rows).map(|s| {
                                    let by: Vec<String> = shown.iter().filter(|&&d| s.count(d) > 0)
                                        .map(|&d| a.label(d).to_string()).collect();
                                    let total: usize = shown.iter().map(|&d| s.count(d)).sum();
                                    html! {
                                        <tr class={classes!(active(s).then_some("active"))}>
                                            <th scope="row">{ tag(s) }</th>
                                            <td class="src-n has">{ by.len() }</td>
                                            <td class="src-n has">{ total }</td>
                                            <td class="src-by" dir="auto">{ crate::viewmodel::intake::name_list(&by, 6) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    } else {
                        <table class="src-table" data-testid="sources-table">
                            <thead>
                                <tr>
                                    <th scope="col">{ "Source" }</th>
                                    { for shown.iter().map(|&d| html! { <th scope="col">{ a.label(d) }</th> }) }
                                </tr>
                            </thead>
                            <tbody>
                                { for sources.iter().take(rows).map(|s| html! {
                                    <tr class={classes!(active(s).then_some("active"))}>
                                        <th scope="row">{ tag(s) }</th>
                                        { for shown.iter().map(|&d| {
                                            let n = s.count(d);
                                            html! {
                                                <td class={classes!("src-n", (n > 0).then_some("has"))}
                                                    aria-label={format!("{}: {n}", a.label(d))}>
                                                    if n > 0 { <span class="dot" aria-hidden="true"></span>{ n } }
                                                </td>
                                            }
                                        }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    }
                    { show_more(rows, sources.len(), "sources", "sources-more", &limit) }
                </div>
            }
            if let Some(s) = selected {
                <section class="src-quotes card" data-testid="source-quotes" aria-live="polite">
                    <h2>{ format!("Sentences citing {}", s.name) }</h2>
                    { for shown.iter().map(|&d| {
                        let dv = &a.docs[d];
                        let attrs = &a.cites().by_doc[d];
                        let sents = &a.cites().sentences[d];
                        let mut quotes: Vec<(usize, usize)> = attrs.iter().filter(|x| x.key == s.key).filter_map(|x| {
                            sents.iter().find(|se| se.0 <= x.start && x.start < se.1).copied()
                        }).collect();
                        quotes.dedup();
                        if quotes.is_empty() {
                            return html! {};
                        }
                        html! {
                            <div class="src-outlet">
                                <h3>{ a.label(d) }</h3>
                                <ul>
                                    { for quotes.iter().map(|&(st, en)| html! { <li>{ dv.slice(st, en).trim().to_string() }</li> }) }
                                </ul>
                            </div>
                        }
                    }) }
                </section>
            } else {
                <aside class="src-quotes card muted">
                    <p>{ "Pick a source in the table to read the sentences that cite it, outlet by outlet." }</p>
                </aside>
            }
            </div>
        </section>
    }
}
