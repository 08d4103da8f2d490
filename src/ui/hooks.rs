//! Hooks shared by the pages.

use yew::prelude::*;

use super::state::AppState;
use crate::i18n::Lang;

/// The app state and its dispatcher, provided by the app shell.
#[hook]
pub fn use_app() -> UseReducerHandle<AppState> {
    use_context::<UseReducerHandle<AppState>>().expect("the app shell provides the state")
}

/// The current UI language.
#[hook]
pub fn use_lang() -> Lang {
    use_app().lang()
}
