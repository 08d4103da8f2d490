//! This page is being built; until then it says so (see pages::placeholder).

use yew::prelude::*;

use crate::i18n::T;
use crate::ui::route::Route;

#[function_component]
pub fn Page() -> Html {
    html! { <super::placeholder::Placeholder route={Route::Settings} text={T::NotYetSettings} /> }
}
