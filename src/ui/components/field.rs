//! A labelled form field with its inline error. The field keeps the text as typed; the page parses it and
//! passes back the error, so nothing invalid reaches the model.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub oninput: Callback<String>,
    /// `data-testid` of the input, also used to build its element id.
    pub testid: AttrValue,
    /// "text" or "number".
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub autofocus: bool,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let id = format!("f-{}", props.testid);
    let err_id = format!("{id}-err");
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), props.class.clone())}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <input
                id={id}
                type={props.kind.clone()}
                value={props.value.clone()}
                {oninput}
                autofocus={props.autofocus}
                aria-invalid={invalid.to_string()}
                aria-describedby={invalid.then(|| err_id.clone())}
                data-testid={props.testid.clone()}
                step={(props.kind == "number").then_some("any")}
            />
            if let Some(hint) = &props.hint {
                <div class="hint">{ hint.clone() }</div>
            }
            if let Some(err) = &props.error {
                <div class="field-error" id={err_id} role="alert" data-testid={format!("{}-error", props.testid)}>{ err.clone() }</div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    /// (value, text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    pub testid: AttrValue,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectProps) -> Html {
    let id = format!("f-{}", props.testid);
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select id={id} {onchange} data-testid={props.testid.clone()}>
                { for props.options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ t.clone() }</option>
                }) }
            </select>
        </div>
    }
}

/// A form's `onkeydown` that closes it (sets `open` to `None`) on Escape.
pub fn close_on_escape<T: 'static>(open: &UseStateHandle<Option<T>>) -> Callback<KeyboardEvent> {
    let open = open.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            open.set(None);
        }
    })
}
