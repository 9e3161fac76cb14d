//! Hooks at the DOM edge, one file per concern: the view state and the URL
//! ([`view`]), linked highlighting, keyboard navigation and scrolling of
//! passages ([`linked`]), and the alignment run ([`compute`]).

mod compute;
mod linked;
mod view;

pub use compute::use_compute;
pub use linked::{
    focus_group, peek_scroll, request_scroll, reveal_focused, scroll_column_to, take_scroll,
    use_linked_passages,
};
pub use view::{use_view_store, use_view_url};
