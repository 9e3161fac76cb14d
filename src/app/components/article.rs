//! One article shown as a column of text.

use yew::prelude::*;

/// Props of [`ArticleColumn`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// Outlet label.
    pub label: AttrValue,
    /// Article text (rendered as text, never as markup).
    pub text: AttrValue,
}

/// One article as a column.
#[component]
pub fn ArticleColumn(props: &ArticleProps) -> Html {
    html! {
        <article class="article" data-testid="article">
            <h2 class="article-label">{ props.label.clone() }</h2>
            <div class="article-text">{ props.text.clone() }</div>
        </article>
    }
}
