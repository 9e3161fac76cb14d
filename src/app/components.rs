//! Function components of the page.

use yew::prelude::*;

mod article;

pub use article::ArticleColumn;

/// The whole page.
#[component]
pub fn App() -> Html {
    let articles = use_memo((), |_| crate::demo::demo_set());
    html! {
        <main class="app">
            <header class="topbar"><h1>{ "Parallax" }</h1></header>
            <section class="columns" aria-label="Articles">
                { for articles.iter().map(|(label, text)| html! {
                    <ArticleColumn label={label.clone()} text={AttrValue::Static(text)} />
                }) }
            </section>
        </main>
    }
}
