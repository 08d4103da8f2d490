//! "Deleted … [Undo]" beside the list it was deleted from, shown only while undo would take back exactly that
//! deletion (the state's revision is still the one the deletion made).

use yew::prelude::*;

use crate::i18n::T;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct UndoNoticeProps {
    /// What was deleted, in words.
    pub text: AttrValue,
    /// The state's revision right after the deletion.
    pub revision: u64,
    /// `data-testid` of the notice; its button is `{testid}-undo`.
    pub testid: AttrValue,
}

#[function_component(UndoNotice)]
pub fn undo_notice(props: &UndoNoticeProps) -> Html {
    let state = use_app();
    let lang = use_lang();
    if state.revision != props.revision || !state.can_undo() {
        return html! {};
    }
    let undo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Undo))
    };
    html! {
        <div class="ed-undo" role="status" data-testid={props.testid.clone()}>
            <span>{ props.text.clone() }</span>
            <button class="ghost small" onclick={undo} data-testid={format!("{}-undo", props.testid)}>
                {"↶ "}{ T::Undo.get(lang) }
            </button>
        </div>
    }
}
