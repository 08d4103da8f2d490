//! An input that edits one value of the model in place: it keeps what is typed, shows the page's inline error
//! as the text changes, and hands valid text to the page on Enter or when the field is left (one undo step per
//! value, not per keystroke). Escape puts the model's value back. Invalid text never leaves the field.

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
}

#[function_component(EdInput)]
pub fn ed_input(props: &EdInputProps) -> Html {
    // What is typed and not yet committed; `None` shows the model's value.
    let typed = use_state_eq(|| None::<String>);
    {
        // The model changed (a commit, undo, another page): show its value.
        let typed = typed.clone();
        use_effect_with(props.value.clone(), move |_| typed.set(None));
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
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let v = if let Some(el) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                el.value()
            } else {
                e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
            };
            typed.set(Some(v));
        })
    };
    let onchange = {
        let commit = commit.clone();
        Callback::from(move |_: Event| commit())
    };
    let multiline = props.multiline;
    let onkeydown = {
        let typed = typed.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" if !multiline || e.ctrl_key() => {
                e.prevent_default();
                commit();
            }
            "Escape" => {
                if typed.is_some() {
                    e.stop_propagation();
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
            <textarea id={id.clone()} value={shown} {oninput} {onchange} {onkeydown} rows="2"
                aria-label={aria_label} aria-invalid={invalid.to_string()} aria-describedby={describedby}
                placeholder={props.placeholder.clone()} title={props.title.clone()}
                data-testid={props.testid.clone()} />
        }
    } else {
        html! {
            <input id={id.clone()} type="text" value={shown} {oninput} {onchange} {onkeydown}
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
