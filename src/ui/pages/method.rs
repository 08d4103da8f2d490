//! 方法说明: every section of the method for a reader, with the current scenario's settings filled in.
//! Each section has the anchor `method-<n>` (n = METHOD.md's section), which the results page's "why" chain and
//! the targets page link to as `#/method?s=<n>`.

use yew::prelude::*;

use crate::i18n::pages::method::{sections, TMethod};
use crate::ui::hooks::use_app;

/// The section asked for in the address (`#/method?s=3`), if any.
fn asked() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    Some(hash.split_once("?s=")?.1.to_string())
}

#[function_component(MethodPage)]
pub fn method_page() -> Html {
    let state = use_app();
    let lang = state.lang();
    let list = sections(&state.scenario().settings, lang);
    use_effect(|| {
        if let Some(n) = asked() {
            let el =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("method-{n}")));
            if let Some(el) = el {
                el.scroll_into_view();
            }
        }
    });
    html! {
        <article class="method" data-testid="method">
            <h2>{ TMethod::Title.get(lang) }</h2>
            <p class="hint">{ TMethod::Intro.get(lang) }</p>
            { for list.into_iter().enumerate().map(|(i, (h, b))| html! {
                <section id={format!("method-{}", i + 1)} data-testid="method-section">
                    <h3>{ h }</h3>
                    <p>{ b }</p>
                </section>
            }) }
        </article>
    }
}

/// A small link to section `n` of the method page.
pub fn link(n: u8, lang: crate::i18n::Lang) -> Html {
    html! {
        <a class="method-link" href={format!("#/method?s={n}")} title={format!("{}{n}", TMethod::Section.get(lang))}
            data-testid="method-ref">{"§"}{ n }</a>
    }
}
