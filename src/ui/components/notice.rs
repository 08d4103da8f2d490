//! Messages that are not part of a page: what loading found, and the short toast after an edit.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::T;
use crate::store::Notice;
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::state::Action;

/// Tells the user that the stored data could not be read and where it was kept.
#[function_component(StorageNotice)]
pub fn storage_notice() -> Html {
    let state = use_app();
    let lang = use_lang();
    let Some(notice) = &state.notice else {
        return html! {};
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissNotice))
    };
    let (text, key, reason) = match notice {
        Notice::Unreadable { backup_key, reason } => (T::StoredUnreadable, Some(backup_key.clone()), reason.clone()),
        Notice::UnreadableNotBackedUp { reason } => (T::StoredUnreadableNoBackup, None, reason.clone()),
    };
    html! {
        <div class="banner banner-warn" role="alert" data-testid="storage-notice">
            <div>
                <strong>{"⚠ "}{ text.get(lang) }</strong>
                if let Some(key) = key {
                    <div>{ T::BackupKey.get(lang) }{ lang.colon() }<code data-testid="backup-key">{ key }</code></div>
                    <crate::ui::pages::storage::BackupDownloads />
                }
                <div class="detail">{ reason }</div>
            </div>
            <button class="ghost" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}

/// The toast after an edit, e.g. "Deleted: … [Undo]"; it goes away by itself after ten seconds.
#[function_component(ToastView)]
pub fn toast_view() -> Html {
    let state = use_app();
    let lang = use_lang();
    {
        let state = state.clone();
        let serial = state.toast.as_ref().map(|t| t.serial);
        use_effect_with(serial, move |serial| {
            let timer = serial.map(|_| Timeout::new(10_000, move || state.dispatch(Action::DismissToast)));
            move || drop(timer)
        });
    }
    let Some(toast) = &state.toast else {
        return html! {};
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Undo))
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissToast))
    };
    html! {
        <div class="toast" role="status" data-testid="toast">
            <span>{ toast.text.clone() }</span>
            if toast.undo {
                <button class="link" onclick={undo} data-testid="toast-undo">{ T::Undo.get(lang) }</button>
            }
            <button class="icon" onclick={close} aria-label={T::Dismiss.get(lang)}>{"×"}</button>
        </div>
    }
}
