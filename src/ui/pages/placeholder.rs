//! A page that a later version fills: it says so plainly and shows no numbers.

use yew::prelude::*;

use crate::i18n::T;
use crate::ui::hooks::use_lang;
use crate::ui::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub route: Route,
    pub text: T,
}

#[function_component(Placeholder)]
pub fn placeholder(props: &Props) -> Html {
    let lang = use_lang();
    html! {
        <section class="placeholder">
            <h2>{ props.route.title().get(lang) }</h2>
            <p class="muted" data-testid="not-yet">{ T::NotYet.get(lang) }</p>
            <p>{ props.text.get(lang) }</p>
        </section>
    }
}
