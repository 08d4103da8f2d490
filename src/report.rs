//! Reports made from results for people rather than programs: the ranking sheet (CSV) of FORMAT.md.
//! Pure, so it is tested natively; the UI only hands the text to the browser as a download.

use crate::engine::{PeriodResult, Tier};
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

fn opt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One period's ranking as CSV: a BOM, a header in the UI language, one row a branch in display order,
/// quoted where needed. Scores are written unrounded, as in the results file.
pub fn ranking_csv(s: &Scenario, period: &PeriodResult, lang: Lang) -> String {
    let yes_no = |b: bool| if b { T::Yes.get(lang) } else { T::No.get(lang) };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
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
    let _ = w.write_record(header.iter().map(|t| t.get(lang)));
    for r in &period.rows {
        let b = s.branch(&r.branch);
        let category = b
            .and_then(|b| b.category.as_deref())
            .and_then(|c| s.category(c))
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let missing: Vec<&str> =
            r.missing.iter().map(|id| s.indicator(id).map_or(id.as_str(), |i| i.name.as_str())).collect();
        let _ = w.write_record([
            r.rank.to_string(),
            r.branch.clone(),
            b.map(|b| b.name.clone()).unwrap_or_default(),
            category,
            r.final_score.to_string(),
            r.inspection.to_string(),
            r.base.to_string(),
            r.bonus.to_string(),
            r.adjustments.to_string(),
            opt(r.evaluation),
            opt(r.members),
            opt(r.peers),
            opt(r.superiors),
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
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8(bytes).unwrap_or_default())
}
