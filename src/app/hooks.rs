//! Hooks at the DOM edge, one file per concern: the view state and the URL
//! ([`view`]), the colour theme ([`theme`]), linked highlighting, keyboard
//! navigation and scrolling of passages ([`linked`]), and the alignment run
//! ([`compute`]).

mod compute;
mod linked;
mod theme;
mod view;

pub use compute::use_compute;
pub use linked::{
    focus_group, peek_scroll, request_scroll, reveal_focused, scroll_column_to, take_scroll,
    use_linked_passages,
};
pub use theme::use_theme;
pub use view::{use_view_store, use_view_url};
