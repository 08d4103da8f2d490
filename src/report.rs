//! Reports made from results for people rather than programs: the ranking sheet (CSV) of FORMAT.md.
//! Pure, so it is tested natively; the UI only hands the text to the browser as a download.

use crate::engine::{MotivationClass, PeriodResult, Tier};
use crate::i18n::{Lang, T};
use crate::model::Scenario;

/// The UTF-8 byte-order mark that makes Excel and WPS read the Chinese text correctly.
pub const BOM: &str = "\u{feff}";

/// The tier's name in the UI language.
pub fn tier_word(tier: Tier, lang: Lang) -> &'static str {
    match tier {
        Tier::First => T::TierFirst.get(lang),
        Tier::Middle => T::TierMiddle.get(lang),
        Tier::Bottom => T::TierBottom.get(lang),
    }
}

/// The motivation class in words, in the UI language.
pub fn class_word(c: MotivationClass, lang: Lang) -> &'static str {
    match c {
        MotivationClass::TooEasy => T::TooEasy.get(lang),
        MotivationClass::Motivating => T::Motivating.get(lang),
        MotivationClass::OutOfReach => T::OutOfReach.get(lang),
        MotivationClass::Unknown => T::Unknown.get(lang),
    }
}

/// A score as the results page shows it: `decimals` places, no exponent, no "-0.00".
fn fixed(v: f64, decimals: usize) -> String {
    let t = format!("{v:.decimals$}");
    if t.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        t.trim_start_matches('-').to_string()
    } else {
        t
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| fixed(v, decimals)).unwrap_or_default()
}

/// Points that are usually whole (bonus, adjustments): at most 2 decimals, trailing zeros dropped.
fn points(v: f64) -> String {
    crate::i18n::number(crate::engine::round::round(v, 2))
}

/// One period's ranking as CSV: a BOM, a header in the UI language, one row a branch in display order,
/// quoted where needed. Each row starts with the period's id and name (so sheets of several periods can be put
/// together), and numbers are written as the results page shows them: F, I, B, E and m to 2 decimals, q and h
/// to 1, bonus and adjustment points to at most 2, yuan whole. Full precision stays in the results file.
pub fn ranking_csv(s: &Scenario, period: &PeriodResult, lang: Lang) -> String {
    use crate::i18n::pages::TOut;
    let period_name = s.periods.iter().find(|p| p.id == period.period).map(|p| p.name.clone()).unwrap_or_default();
    let yes_no = |b: bool| if b { T::Yes.get(lang) } else { T::No.get(lang) };
    let mut w = crate::csv_text::CsvText::new();
    let header = [
        T::Rank,
        T::BranchId,
        T::BranchName,
        T::Category,
        T::FinalScore,
        T::InspectionScore,
        T::BaseScore,
        T::BonusPoints,
        T::AdjustmentPoints,
        T::EvaluationScore,
        T::MembersScore,
        T::PeersScore,
        T::SuperiorsScore,
        T::Tier,
        T::Vetoed,
        T::Warning,
        T::MissingData,
        T::BonusAmount,
        T::Talk,
        T::Eligible,
        T::Grade,
    ];
    w.record(
        [TOut::PeriodId.get(lang), TOut::PeriodName.get(lang)].into_iter().chain(header.iter().map(|t| t.get(lang))),
    );
    for r in &period.rows {
        let b = s.branch(&r.branch);
        let category = b
            .and_then(|b| b.category.as_deref())
            .and_then(|c| s.category(c))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let missing: Vec<&str> =
            r.missing.iter().map(|id| s.indicator(id).map_or(id.as_str(), |i| i.name.as_str())).collect();
        w.record([
            period.period.clone(),
            period_name.clone(),
            r.rank.to_string(),
            r.branch.clone(),
            b.map(|b| b.name.clone()).unwrap_or_default(),
            category,
            fixed(r.final_score, 2),
            fixed(r.inspection, 2),
            fixed(r.base, 2),
            points(r.bonus),
            points(r.adjustments),
            opt(r.evaluation, 2),
            opt(r.members, 2),
            opt(r.peers, 1),
            opt(r.superiors, 1),
            tier_word(r.tier, lang).to_string(),
            yes_no(r.vetoed).to_string(),
            yes_no(r.warning).to_string(),
            missing.join("、"),
            r.bonus_amount.to_string(),
            yes_no(r.talk).to_string(),
            yes_no(r.eligible).to_string(),
            r.grade.to_string(),
        ]);
    }
    format!("{BOM}{}", w.into_string())
}
