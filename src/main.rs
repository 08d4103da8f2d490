//! In the browser: mounts the app, nothing else. Natively: a small command line over the same engine, used by
//! the tests to check the app's exports against the engine and handy for scripts:
//!
//! ```text
//! pbcalc results <scenario.pbcalc.json>   writes the results file (FORMAT.md) to standard output
//! pbcalc check <scenario.pbcalc.json>     lists every problem of the file with its JSON path
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<pbcalc::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use pbcalc::i18n::{problem_message, Lang};
    use std::process::ExitCode;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, path) = match args.as_slice() {
        [cmd, path] if cmd == "results" || cmd == "check" => (cmd.as_str(), path),
        _ => {
            eprintln!(
                "usage: pbcalc results|check <scenario.pbcalc.json>\n(the app itself runs in the browser: see README)"
            );
            return ExitCode::from(2);
        }
    };
    // Bytes, decoded by the same rule as the browser import (UTF-8, or UTF-16 with a byte-order mark).
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    match pbcalc::model::codec::parse_scenario_bytes(&bytes) {
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", problem_message(p, Lang::En));
            }
            ExitCode::FAILURE
        }
        Ok(s) if cmd == "results" => {
            use std::io::Write;
            let text = pbcalc::engine::results_to_string(&pbcalc::engine::evaluate(&s));
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            ExitCode::SUCCESS
        }
        Ok(_) => {
            println!("ok");
            ExitCode::SUCCESS
        }
    }
}
