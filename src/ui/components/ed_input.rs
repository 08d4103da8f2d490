//! An input that edits one value of the model in place: it keeps what is typed, shows the page's inline error
//! as the text changes, and hands every valid text to the page at once, so results follow the typing. While the
//! field has the focus its edits make one undo step ([`crate::ui::state::begin_typing`]). Escape puts back the
//! value the field had when it took the focus. Invalid text never leaves the field.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EdInputProps {
    /// The field's name: a visible label when `show_label`, otherwise its accessible name.
    pub label: AttrValue,
    #[prop_or_default]
    pub show_label: bool,
    /// The model's value as text.
    pub value: AttrValue,
    /// Checks typed text: `None` when it may be committed, otherwise the message to show.
    pub check: Callback<String, Option<AttrValue>>,
    /// Receives valid text that differs from `value`.
    pub commit: Callback<String>,
    /// `data-testid` of the input; the error is `{testid}-error`.
    pub testid: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A number (right-aligned, decimal keyboard); the text is still checked by the page.
    #[prop_or_default]
    pub numeric: bool,
    /// A text area (Enter adds a line; the value is committed when the field is left).
    #[prop_or_default]
    pub multiline: bool,
    /// Extra classes of the wrapper (e.g. `set` for a value that differs from its default).
    #[prop_or_default]
    pub class: Classes,
    /// The id of an element describing the field (its meaning), for screen readers.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Commit every valid keystroke (default). Off for values whose intermediate states would do harm (e.g. the
    /// number of grades, where "1" on the way to "10" would lower every grade): those commit on Enter or blur.
    #[prop_or(true)]
    pub live: bool,
}

#[function_component(EdInput)]
pub fn ed_input(props: &EdInputProps) -> Html {
    // What is typed and not yet committed; `None` shows the model's value.
    let typed = use_state_eq(|| None::<String>);
    // While the field has the focus: whether it has committed anything since (Escape then undoes that step).
    let focus = use_mut_ref(|| None::<bool>);
    let app = crate::ui::hooks::use_app();
    {
        // Leaving the page while typing ends the field's undo step.
        let focus = focus.clone();
        use_effect_with((), move |_| {
            move || {
                if focus.borrow().is_some() {
                    crate::ui::state::end_typing();
                }
            }
        });
    }
    {
        // The model changed (undo, another page): show its value, unless the change is this field's own typing.
        let (typed, focus) = (typed.clone(), focus.clone());
        use_effect_with(props.value.clone(), move |_| {
            if focus.borrow().is_none() {
                typed.set(None);
            }
        });
    }
    let id = format!("f-{}", props.testid);
    let err_id = format!("{id}-err");
    let error = typed.as_ref().and_then(|t| props.check.emit(t.clone()));

    let commit = {
        let (typed, check, commit, value) =
            (typed.clone(), props.check.clone(), props.commit.clone(), props.value.clone());
        move || {
            let Some(t) = (*typed).clone() else { return };
            if check.emit(t.clone()).is_none() {
                if t != value.as_str() {
                    commit.emit(t);
                }
                typed.set(None);
            }
        }
    };
    let oninput = {
        let (typed, check, commit, value, live, focus, app) = (
            typed.clone(),
            props.check.clone(),
            props.commit.clone(),
            props.value.clone(),
            props.live,
            focus.clone(),
            app.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let v = if let Some(el) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                el.value()
            } else {
                e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
            };
            // Valid text goes to the model at once (results follow the typing); the field keeps the text as typed.
            let valid = check.emit(v.clone()).is_none();
            if live && valid && v != value.as_str() {
                commit.emit(v.clone());
                if let Some(c) = focus.borrow_mut().as_mut() {
                    *c = true;
                }
            } else if live && !valid {
                // Invalid text never counts: take back what this typing committed, so the results are those from
                // before it until the text is valid again.
                let committed = focus.borrow_mut().as_mut().map(std::mem::take).unwrap_or(false);
                if committed {
                    app.dispatch(crate::ui::state::Action::Undo);
                }
            }
            typed.set(Some(v));
        })
    };
    let onfocus = {
        let (focus, key) = (focus.clone(), props.testid.clone());
        Callback::from(move |_: FocusEvent| {
            *focus.borrow_mut() = Some(false);
            crate::ui::state::begin_typing(&key);
        })
    };
    let onblur = {
        let (focus, typed, check, commit) = (focus.clone(), typed.clone(), props.check.clone(), commit.clone());
        Callback::from(move |_: FocusEvent| {
            commit();
            *focus.borrow_mut() = None;
            crate::ui::state::end_typing();
            // Valid text has reached the model: show the model's value; invalid text stays with its message.
            if typed.as_ref().is_some_and(|t| check.emit(t.clone()).is_none()) {
                typed.set(None);
            }
        })
    };
    let onchange = {
        let commit = commit.clone();
        Callback::from(move |_: Event| commit())
    };
    let multiline = props.multiline;
    let onkeydown = {
        let (typed, focus, app, key) = (typed.clone(), focus.clone(), app.clone(), props.testid.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" if !multiline || e.ctrl_key() => {
                e.prevent_default();
                commit();
                // Enter confirms: what follows in this field is a new undo step, and Escape goes back to here.
                if let Some(c) = focus.borrow_mut().as_mut() {
                    *c = false;
                }
                crate::ui::state::begin_typing(&key);
            }
            "Escape" => {
                if typed.is_some() {
                    e.stop_propagation();
                }
                // Back to the state before this field's typing: its edits are one undo step.
                let committed = focus.borrow_mut().as_mut().map(std::mem::take).unwrap_or(false);
                if committed {
                    app.dispatch(crate::ui::state::Action::Undo);
                }
                typed.set(None);
            }
            _ => {}
        })
    };
    let invalid = error.is_some();
    let shown = typed.as_ref().map_or_else(|| props.value.clone(), |t| AttrValue::from(t.clone()));
    let aria_label = (!props.show_label).then(|| props.label.clone());
    let describedby = match (invalid, &props.describedby) {
        (true, Some(d)) => Some(format!("{err_id} {d}")),
        (true, None) => Some(err_id.clone()),
        (false, d) => d.as_ref().map(|d| d.to_string()),
    };
    let control = if props.multiline {
        html! {
            <textarea id={id.clone()} value={shown} {oninput} {onchange} {onkeydown} {onfocus} {onblur} rows="2"
                aria-label={aria_label} aria-invalid={invalid.to_string()} aria-describedby={describedby}
                placeholder={props.placeholder.clone()} title={props.title.clone()}
                data-testid={props.testid.clone()} />
        }
    } else {
        html! {
            <input id={id.clone()} type="text" value={shown} {oninput} {onchange} {onkeydown} {onfocus} {onblur}
                inputmode={props.numeric.then_some("decimal")}
                aria-label={aria_label} aria-invalid={invalid.to_string()} aria-describedby={describedby}
                placeholder={props.placeholder.clone()} title={props.title.clone()}
                data-testid={props.testid.clone()} />
        }
    };
    html! {
        <div class={classes!("ed-input", props.numeric.then_some("numeric"), invalid.then_some("invalid"), typed.is_some().then_some("typing"), props.class.clone())}>
            if props.show_label {
                <label for={id}>{ props.label.clone() }</label>
            }
            { control }
            if let Some(err) = error {
                <div class="field-error" id={err_id} role="alert" data-testid={format!("{}-error", props.testid)}>{ err }</div>
            }
        </div>
    }
}

/// Moves the keyboard focus to the element with id `id` (which brings it into view) once `key` becomes `Some` or
/// changes: an editor that opens takes the focus, wherever it opens on the page.
#[hook]
pub fn use_focus_on(key: Option<String>, id: &'static str) {
    use_effect_with(key, move |key| {
        if key.is_some() {
            let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
            if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        }
    });
}
