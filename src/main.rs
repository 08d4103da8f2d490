//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<pbcalc::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pbcalc runs in the browser: serve it with the README's serve command.");
}
