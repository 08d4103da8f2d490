//! Monte Carlo simulation and sensitivity (METHOD.md §10), on the grades page. Being built: until then it
//! says so and shows no numbers.

use yew::prelude::*;

use crate::i18n::T;
use crate::ui::hooks::use_lang;

#[function_component(SimulationPanel)]
pub fn simulation_panel() -> Html {
    let lang = use_lang();
    html! {
        <div class="simulation">
            <p class="muted" data-testid="not-yet">{ T::NotYet.get(lang) }</p>
        </div>
    }
}
