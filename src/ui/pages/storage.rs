//! The storage page: every `pbcalc.*` key of this browser with its size; each can be downloaded as a file,
//! and each but the document in use can be deleted (after a confirmation). All access goes through `store`.

use yew::prelude::*;

use crate::i18n::pages::TSto;
use crate::i18n::Lang;
use crate::store::{self, local::Local, Entry};
use crate::ui::download::download;
use crate::ui::hooks::use_lang;

/// A size in bytes as people read it: "812 B", "3.4 KB", "1.25 MB".
fn size(bytes: usize) -> String {
    let b = bytes as f64;
    if b < 1024.0 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.2} MB", b / 1024.0 / 1024.0)
    }
}

/// Downloads the text under `key` as `pbcalc-….json`.
fn download_key(key: &str) {
    if let Some(text) = store::read(&Local, key) {
        let _ = download(&store::file_name(key), "application/json", &text);
    }
}

fn contents(e: &Entry, lang: Lang) -> &'static str {
    if e.is_document() {
        TSto::IsDocument.get(lang)
    } else if e.is_backup() {
        TSto::IsBackup.get(lang)
    } else {
        TSto::IsOther.get(lang)
    }
}

#[function_component(StoragePage)]
pub fn storage_page() -> Html {
    let lang = use_lang();
    // Bumped after a deletion so the list is read again.
    let version = use_state(|| 0u32);
    let asking = use_state(|| None::<String>);
    let entries = store::entries(&Local);
    let total: usize = entries.iter().map(|e| e.bytes).sum();

    let rows = entries.iter().map(|e| {
        let key = e.key.clone();
        let dl = {
            let key = key.clone();
            Callback::from(move |_| download_key(&key))
        };
        let actions = if e.is_document() {
            html! { <span class="muted">{ TSto::InUse.get(lang) }</span> }
        } else if asking.as_deref() == Some(key.as_str()) {
            let yes = {
                let (key, asking, version) = (key.clone(), asking.clone(), version.clone());
                Callback::from(move |_| {
                    store::remove(&mut Local, &key);
                    asking.set(None);
                    version.set(*version + 1);
                })
            };
            let no = {
                let asking = asking.clone();
                Callback::from(move |_| asking.set(None))
            };
            html! {
                <span class="confirm" role="group" data-testid="confirm-delete">
                    { TSto::ConfirmDelete.get(lang) }{" "}
                    <button class="danger" onclick={yes} data-testid="confirm-yes">{ TSto::YesDelete.get(lang) }</button>
                    <button class="ghost" onclick={no}>{ TSto::Cancel.get(lang) }</button>
                </span>
            }
        } else {
            let ask = {
                let (key, asking) = (key.clone(), asking.clone());
                Callback::from(move |_| asking.set(Some(key.clone())))
            };
            html! { <button class="ghost" onclick={ask} data-testid="delete-key">{ TSto::Delete.get(lang) }</button> }
        };
        html! {
            <tr data-key={key.clone()} data-testid="storage-row">
                <td><code>{ key.clone() }</code></td>
                <td>{ contents(e, lang) }</td>
                <td class="num">{ size(e.bytes) }</td>
                <td class="actions">
                    <button class="ghost" onclick={dl} data-testid="download-key">{"⇩ "}{ TSto::DownloadBackup.get(lang) }</button>
                    {" "}{ actions }
                </td>
            </tr>
        }
    });

    html! {
        <section class="storage-page">
            <h2>{ TSto::Title.get(lang) }</h2>
            <p class="hint">{ TSto::Intro.get(lang) }</p>
            if entries.is_empty() {
                <p>{ TSto::Nothing.get(lang) }</p>
            } else {
                <table class="data storage-table" data-testid="storage-table">
                    <thead>
                        <tr>
                            <th>{ TSto::Key.get(lang) }</th>
                            <th>{ TSto::Contents.get(lang) }</th>
                            <th class="num">{ TSto::Size.get(lang) }</th>
                            <th>{ TSto::Actions.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    <tfoot>
                        <tr><td colspan="2">{ TSto::Total.get(lang) }</td><td class="num" data-testid="storage-total">{ size(total) }</td><td></td></tr>
                    </tfoot>
                </table>
            }
            <p class="hint">{ TSto::Offline.get(lang) }</p>
        </section>
    }
}

/// One "download" button per kept backup, for the notice about unreadable data.
#[function_component(BackupDownloads)]
pub fn backup_downloads() -> Html {
    let lang = use_lang();
    let backups = store::backups(&Local);
    html! {
        <ul class="backup-list">
            { for backups.iter().map(|e| {
                let key = e.key.clone();
                let dl = { let key = key.clone(); Callback::from(move |_| download_key(&key)) };
                html! {
                    <li>
                        <code>{ key.clone() }</code>{" · "}{ size(e.bytes) }{" "}
                        <button class="ghost" onclick={dl} data-testid="download-backup" data-key={key}>
                            {"⇩ "}{ TSto::DownloadBackup.get(lang) }
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}
