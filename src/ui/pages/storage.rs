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

    use crate::ui::view::{act_button as button, body_with, el, head, list, tag, td, text, Col};
    let rows = entries
        .iter()
        .map(|e| {
            let key = e.key.clone();
            let actions = if e.is_document() {
                el("span", "muted", text(TSto::InUse.get(lang).into()))
            } else if asking.as_deref() == Some(key.as_str()) {
                tag(
                    "span",
                    &["class", "role", "data-testid"],
                    vec![Some("confirm".into()), Some("group".into()), Some("confirm-delete".into())],
                    list(vec![
                        text(format!("{} ", TSto::ConfirmDelete.get(lang)).into()),
                        button("danger", "yes", "confirm-yes", None, None, false, TSto::YesDelete.get(lang)),
                        button("ghost", "no", "", None, None, false, TSto::Cancel.get(lang)),
                    ]),
                )
                .into()
            } else {
                button("ghost", "ask", "delete-key", None, None, false, TSto::Delete.get(lang))
            };
            let download = html! {
                <button class="ghost" data-act="download" data-testid="download-key">{"⇩ "}{ TSto::DownloadBackup.get(lang) }</button>
            };
            let cells = vec![
                el("td", "", el("code", "", text(key.clone().into()))),
                td("", contents(e, lang).to_string()),
                td("num", size(e.bytes)),
                el("td", "actions", list(vec![download, text(" ".into()), actions])),
            ];
            tag("tr", &["data-key", "data-testid"], vec![Some(key.into()), Some("storage-row".into())], list(cells)).into()
        })
        .collect();
    // One listener for the rows' buttons (`data-act` on the row of `data-key`).
    let onclick = {
        let (asking, version) = (asking.clone(), version.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((act, key)) = crate::ui::view::action_in(&e, "data-key") else { return };
            match act.as_str() {
                "download" => download_key(&key),
                "ask" => asking.set(Some(key)),
                "yes" => {
                    store::remove(&mut Local, &key);
                    asking.set(None);
                    version.set(*version + 1);
                }
                _ => asking.set(None),
            }
        })
    };
    let cols = [
        Col::new(TSto::Key.get(lang), ""),
        Col::new(TSto::Contents.get(lang), ""),
        Col::new(TSto::Size.get(lang), "num"),
        Col::new(TSto::Actions.get(lang), ""),
    ];
    let head = head(&cols, false);
    let body = body_with(rows, Some(onclick), None, None);

    html! {
        <section class="storage-page">
            <h2>{ TSto::Title.get(lang) }</h2>
            <p class="hint">{ TSto::Intro.get(lang) }</p>
            if entries.is_empty() {
                <p>{ TSto::Nothing.get(lang) }</p>
            } else {
                <table class="data storage-table" data-testid="storage-table">
                    { head }
                    { body }
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
