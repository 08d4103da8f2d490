//! Categories, shown on the branches page. Being built: the list is read-only until then.

use yew::prelude::*;

use crate::i18n::T;
use crate::ui::hooks::{use_app, use_lang};

#[function_component]
pub fn Categories() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario();
    html! {
        <div class="categories">
            <h3>{ T::Categories.get(lang) }</h3>
            <ul class="chips">
                { for s.categories.iter().map(|c| {
                    let n = s.branches.iter().filter(|b| b.category.as_deref() == Some(c.id.as_str())).count();
                    html! { <li class="chip">{ c.name.clone() }<span class="count">{ n }</span></li> }
                }) }
            </ul>
        </div>
    }
}
