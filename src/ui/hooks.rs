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

/// The results of the current scenario, computed once per change by the app shell.
#[hook]
pub fn use_results() -> std::rc::Rc<crate::engine::Results> {
    use_context::<SharedResults>().expect("the app shell provides the results").0
}

/// Results shared through context; two are equal when they are the same computation (pointer equality), so
/// the context never compares results field by field.
#[derive(Clone)]
pub struct SharedResults(pub std::rc::Rc<crate::engine::Results>);

impl PartialEq for SharedResults {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A scenario compared by identity: each edit makes a new `Rc`, so this is a cheap "did it change?".
#[derive(Clone)]
pub struct ScenarioRef(pub std::rc::Rc<crate::model::Scenario>);

impl PartialEq for ScenarioRef {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}
