//! The comparison of two scenarios as words and as a CSV (方案对比): what the compare page shows and exports.
//! Pure, so it is tested natively; the page only lays it out and hands the text to the browser as a download.
//!
//! The CSV is long: one row per difference — `section, period or cycle, branch, field, A, B` — after a BOM and a
//! header in the UI language: the set-up differences, the targets, then per period its summary (τ-b, tier
//! changes, yuan moved) and every changed cell, then per cycle every changed grade or rule.

use crate::engine::compare::{Change, CycleFacts, ResultsDiff, RowFacts, ScenarioDiff, ValueChange};
use crate::engine::{MotivationClass, Reason};
use crate::i18n::pages::{TGr, TRec};
use crate::i18n::{number, Lang, T};
use crate::model::Scenario;
use crate::report::{class_word, tier_word, BOM};

/// The name of a kind of change.
pub fn change_label(c: Change, lang: Lang) -> &'static str {
    match c {
        Change::Rank => T::Rank.get(lang),
        Change::Final => T::FinalScore.get(lang),
        Change::Tier => T::Tier.get(lang),
        Change::Bonus => T::BonusAmount.get(lang),
        Change::Talk => T::Talk.get(lang),
        Change::Eligible => T::Eligible.get(lang),
        Change::Warning => T::Warning.get(lang),
        Change::Grade => T::Grade.get(lang),
        Change::Reason => TGr::Reason.get(lang),
    }
}

/// A period row's value of one kind, as shown in a cell.
pub fn row_value(f: &RowFacts, c: Change, lang: Lang) -> String {
    let yes_no = |b: bool| if b { T::Yes.get(lang) } else { T::No.get(lang) }.to_string();
    match c {
        Change::Rank => f.rank.to_string(),
        Change::Final => format!("{:.2}", f.final_score),
        Change::Tier => tier_word(f.tier, lang).to_string(),
        Change::Bonus => f.bonus_amount.to_string(),
        Change::Talk => yes_no(f.talk),
        Change::Eligible => yes_no(f.eligible),
        Change::Warning => yes_no(f.warning),
        Change::Grade | Change::Reason => String::new(),
    }
}

/// A cycle row as `g → g′（rule）`.
pub fn cycle_value(f: &CycleFacts, reason: &dyn Fn(Reason) -> String) -> String {
    format!("{} → {}（{}）", f.grade_before, f.grade_after, reason(f.reason))
}

/// A target and its class, e.g. `12.5（有激发性）`, or "(none)".
pub fn target_value(t: Option<(f64, MotivationClass)>, lang: Lang) -> String {
    match t {
        Some((v, c)) => format!("{}（{}）", number(v), class_word(c, lang)),
        None => TRec::Absent.get(lang).to_string(),
    }
}

/// A set-up value, or "(none)".
pub fn setup_value(v: &Option<String>, lang: Lang) -> String {
    v.clone().unwrap_or_else(|| TRec::Absent.get(lang).to_string())
}

/// Every set-up difference as (path, A, B), items of one side listed as `list[id]` with "(none)" on the other.
pub fn setup_rows(d: &ScenarioDiff) -> Vec<ValueChange> {
    let mut out = d.settings.clone();
    for (key, list) in [("categories", &d.categories), ("indicators", &d.indicators)] {
        out.extend(list.changes.iter().cloned());
        out.extend(list.only_a.iter().map(|id| ValueChange {
            path: format!("{key}[{id}]"),
            a: Some(id.clone()),
            b: None,
        }));
        out.extend(list.only_b.iter().map(|id| ValueChange {
            path: format!("{key}[{id}]"),
            a: None,
            b: Some(id.clone()),
        }));
    }
    out.extend(d.other.iter().cloned());
    for id in &d.branches_only_a {
        out.push(ValueChange { path: format!("branches[{id}]"), a: Some(id.clone()), b: None });
    }
    for id in &d.branches_only_b {
        out.push(ValueChange { path: format!("branches[{id}]"), a: None, b: Some(id.clone()) });
    }
    out
}

/// A branch's name in A, else in B, else its id.
pub fn branch_name(a: &Scenario, b: &Scenario, id: &str) -> String {
    a.branch(id).or_else(|| b.branch(id)).map_or_else(|| id.to_string(), |x| x.name.clone())
}

/// A period's name in A, else in B, else its id.
pub fn period_name(a: &Scenario, b: &Scenario, id: &str) -> String {
    a.periods.iter().chain(&b.periods).find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// τ-b as shown: two decimals, or "—" when undefined.
pub fn tau_text(tau: Option<f64>) -> String {
    tau.map_or_else(|| "—".to_string(), |t| format!("{t:.3}"))
}

/// The comparison as CSV (see the module's note). `reason` gives a rule's words.
pub fn compare_csv(
    a: &Scenario,
    b: &Scenario,
    sd: &ScenarioDiff,
    rd: &ResultsDiff,
    lang: Lang,
    reason: &dyn Fn(Reason) -> String,
) -> String {
    let mut w = crate::csv_text::CsvText::new();
    let header = [TRec::Section, TRec::Where, TRec::Branch, TRec::Field].map(|t| t.get(lang).to_string());
    w.record(
        header.iter().map(|s| s.as_str()).chain([format!("A：{}", a.name).as_str(), format!("B：{}", b.name).as_str()]),
    );
    let absent = TRec::Absent.get(lang);
    let mut row = |cells: [&str; 6]| {
        w.record(cells);
    };
    let setup = TRec::SetupSection.get(lang);
    for c in setup_rows(sd) {
        row([setup, "", "", &c.path, &setup_value(&c.a, lang), &setup_value(&c.b, lang)]);
    }
    let targets = TRec::TargetsSection.get(lang);
    for t in &rd.targets {
        let ind =
            a.indicator(&t.indicator).or_else(|| b.indicator(&t.indicator)).map_or(t.indicator.as_str(), |i| &i.name);
        let name = branch_name(a, b, &t.branch);
        row([targets, "", &name, ind, &target_value(t.a, lang), &target_value(t.b, lang)]);
    }
    let periods = TRec::PeriodsSection.get(lang);
    for id in &rd.periods_only_a {
        row([periods, &period_name(a, b, id), "", "", id, absent]);
    }
    for id in &rd.periods_only_b {
        row([periods, &period_name(a, b, id), "", "", absent, id]);
    }
    for p in &rd.periods {
        let pn = period_name(a, b, &p.period);
        row([periods, &pn, "", "τ-b", "", &tau_text(p.tau)]);
        row([periods, &pn, "", TRec::CountTiers.get(lang), "", &p.tier_changes.to_string()]);
        row([periods, &pn, "", T::BonusAmount.get(lang), "", &p.bonus_moved.to_string()]);
        for id in &p.only_a {
            row([periods, &pn, &branch_name(a, b, id), T::Rank.get(lang), "✓", absent]);
        }
        for id in &p.only_b {
            row([periods, &pn, &branch_name(a, b, id), T::Rank.get(lang), absent, "✓"]);
        }
        for r in p.rows.iter().take_while(|r| !r.changes.is_empty()) {
            let name = branch_name(a, b, &r.branch);
            for &c in &r.changes {
                row([periods, &pn, &name, change_label(c, lang), &row_value(&r.a, c, lang), &row_value(&r.b, c, lang)]);
            }
        }
    }
    let cycles = TRec::CyclesSection.get(lang);
    for c in &rd.cycles {
        let cn = TRec::CycleN.get(lang).replace("{}", &c.cycle.to_string());
        for r in c.rows.iter().take_while(|r| !r.changes.is_empty()) {
            let name = branch_name(a, b, &r.branch);
            row([cycles, &cn, &name, T::Grade.get(lang), &cycle_value(&r.a, reason), &cycle_value(&r.b, reason)]);
        }
        for id in &c.only_a {
            row([cycles, &cn, &branch_name(a, b, id), T::Grade.get(lang), "✓", absent]);
        }
        for id in &c.only_b {
            row([cycles, &cn, &branch_name(a, b, id), T::Grade.get(lang), absent, "✓"]);
        }
    }
    drop(row);
    format!("{BOM}{}", w.into_string())
}

/// Each branch's grade path over the cycles (`4 → 5 → 5`): its grade before the first cycle it has a row in,
/// then after each cycle; `None` for a branch with no cycle row.
pub fn grade_path(r: &crate::engine::Results, branch: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &r.cycles {
        if let Some(row) = c.rows.iter().find(|x| x.branch == branch) {
            if out.is_empty() {
                out.push(row.grade_before.to_string());
            }
            out.push(row.grade_after.to_string());
        }
    }
    (!out.is_empty()).then(|| out.join(" → "))
}
