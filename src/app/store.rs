//! The app's two reducers as Yew contexts: the articles and their alignment
//! ([`AppCtx`]) and what the reader is looking at ([`ViewCtx`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::viewmodel::state::{reduce, Action, AppState};
use crate::viewmodel::viewstate::{self, ViewAction, ViewState};

/// [`AppState`] as a Yew reducer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store(pub AppState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = reduce(&self.0, action);
        if next == self.0 {
            self
        } else {
            Rc::new(Store(next))
        }
    }
}

/// The articles, their alignment and the dispatcher, for every component.
pub type AppCtx = UseReducerHandle<Store>;

/// [`ViewState`] as a Yew reducer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewStore(pub ViewState);

impl Reducible for ViewStore {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let next = viewstate::reduce(&self.0, action);
        if next == self.0 {
            self
        } else {
            Rc::new(ViewStore(next))
        }
    }
}

/// The view state and its dispatcher.
pub type ViewCtx = UseReducerHandle<ViewStore>;

/// Shared data compared by identity, not by value: props holding it are
/// equal when they hold the very same allocation, which is cheap to check
/// and is what memoized components need.
#[derive(Debug)]
pub struct Shared<T: ?Sized>(pub Rc<T>);

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(v: T) -> Self {
        Shared(Rc::new(v))
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The dispatcher of the view state (stable across renders).
pub type ViewDispatch = UseReducerDispatcher<ViewStore>;
