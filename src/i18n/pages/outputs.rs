//! Texts of outputs that must not mislead: a grade rule that fired at the floor, how many branches were assessed
//! and share the bonus pool, a suggested target no value at the indicator's decimals can make motivating, and the
//! extra columns of the ranking CSV. Chinese then English.

use crate::engine::motivation::Remedy;
use crate::engine::Reason;
use crate::i18n::pages::TGr;
use crate::i18n::{define_texts, number, Lang};
use crate::model::settings::Grades;

define_texts! {
    TOut;
    CondVeto => "一票否决", "vetoed";
    CondBottom => "周期列末档", "bottom tier in the cycle";
    CondWarnings => "黄牌达到 {} 次", "{} or more warnings";
    CondTopNotKept => "最高等级但周期得分低于 {}", "top grade but cycle score below {}";
    AtFloor => "（已是最低等级，等级不变）", " (already the lowest grade: unchanged)";
    Unchanged => "（降级数为 0，等级不变）", " (demotion by 0 grades: unchanged)";
    DownTo => "：降 {} 级（已到最低等级）", ": down {} (reached the lowest grade)";
    FewAssessed => "仅 {n}/{m} 个支部参评：排名、档次、奖金只在参评支部之间计算", "Only {n} of {m} branches assessed: ranks, tiers and bonuses are among these only";
    AllAssessed => "{n}/{m} 个支部参评", "{n} of {m} branches assessed";
    PoolShared => "奖金池 {pool} 元由 {k} 个支部分享", "Bonus pool of {pool} yuan shared by {k} branches";
    PoolNone => "奖金池 {pool} 元：本期无支部获得奖金", "Bonus pool of {pool} yuan: no branch receives a bonus this period";
    NoWholeTarget => "整数目标无法兼顾", "no whole-number target is motivating";
    NoDecimalTarget => "保留 {} 位小数的目标无法兼顾", "no target with {} decimals is motivating";
    ApplyFix => "采用激发性目标", "Apply motivating target";
    PeriodId => "期间编号", "Period id";
    PeriodName => "期间名称", "Period name";
}

/// The rule that decided a cycle's grade, in words that match what happened: a demotion rule that fired at the
/// lowest grade says the grade stayed ("黄牌达到 2 次（已是最低等级，等级不变）"), and one the floor cut short says
/// by how much it went down.
pub fn grade_reason(r: Reason, before: u32, after: u32, g: &Grades, lang: Lang) -> String {
    let (cond, nominal) = match r {
        Reason::Veto => (TOut::CondVeto.get(lang).to_string(), g.veto_drop),
        Reason::Bottom => (TOut::CondBottom.get(lang).to_string(), 1),
        Reason::Warnings => (TOut::CondWarnings.get(lang).replace("{}", &g.warnings_to_demote.to_string()), 1),
        Reason::TopNotKept => (TOut::CondTopNotKept.get(lang).replace("{}", &number(g.top_keep_min_score)), 1),
        _ => return plain_reason(r, g, lang),
    };
    let fell = before.saturating_sub(after);
    if fell >= nominal {
        plain_reason(r, g, lang)
    } else if fell == 0 && before <= 1 {
        format!("{cond}{}", TOut::AtFloor.get(lang))
    } else if fell == 0 {
        format!("{cond}{}", TOut::Unchanged.get(lang))
    } else {
        format!("{cond}{}", TOut::DownTo.get(lang).replace("{}", &fell.to_string()))
    }
}

/// The rule in words as the grades page words it when the rule did all it says (with the setting it used).
pub fn plain_reason(r: Reason, g: &Grades, lang: Lang) -> String {
    match r {
        Reason::Veto => TGr::ReasonVeto.get(lang).replace("{}", &g.veto_drop.to_string()),
        Reason::Bottom => TGr::ReasonBottom.get(lang).to_string(),
        Reason::Warnings => TGr::ReasonWarnings.get(lang).replace("{}", &g.warnings_to_demote.to_string()),
        Reason::TopNotKept => TGr::ReasonTopNotKept.get(lang).replace("{}", &number(g.top_keep_min_score)),
        Reason::Promoted => TGr::ReasonPromoted.get(lang).to_string(),
        Reason::MinHold => TGr::ReasonMinHold.get(lang).replace("{}", &g.min_hold_cycles.to_string()),
        Reason::Held => TGr::ReasonHeld.get(lang).to_string(),
        Reason::Quota => super::TQuo::ReasonQuotaShort.get(lang).to_string(),
    }
}

/// How many of the scenario's `total` branches were assessed in the period (`assessed`), and whether that is
/// fewer than all (then the results page shows it as a warning).
pub fn assessed_line(assessed: usize, total: usize, lang: Lang) -> (String, bool) {
    let few = assessed < total;
    let t = if few { TOut::FewAssessed } else { TOut::AllAssessed };
    (t.get(lang).replace("{n}", &assessed.to_string()).replace("{m}", &total.to_string()), few)
}

/// The bonus pool and how many branches receive a part of it (a bonus amount above 0).
pub fn pool_line(pool: f64, sharing: usize, lang: Lang) -> String {
    let t = if sharing == 0 { TOut::PoolNone } else { TOut::PoolShared };
    t.get(lang).replace("{pool}", &number(pool)).replace("{k}", &sharing.to_string())
}

/// Percent with no decimals, as the remedy line shows p: 0.9512 → "95 %".
fn percent(p: f64) -> String {
    format!("{:.0} %", 100.0 * p)
}

/// What the targets page says when no value at the indicator's decimals can make the target motivating:
/// the two neighbours of the ideal target with their p ("1 → 95 %，2 → 11 %：整数目标无法兼顾"). `None` for a
/// remedy that has a target.
pub fn no_remedy_text(r: &Remedy, decimals: u32, lang: Lang) -> Option<String> {
    let Remedy::None { below, above } = r else { return None };
    let d = decimals as usize;
    let why = if decimals == 0 {
        TOut::NoWholeTarget.get(lang).to_string()
    } else {
        TOut::NoDecimalTarget.get(lang).replace("{}", &decimals.to_string())
    };
    let (sep, colon) = match lang {
        Lang::Zh => ("，", "："),
        Lang::En => (", ", ": "),
    };
    Some(format!("{:.d$} → {}{sep}{:.d$} → {}{colon}{why}", below.0, percent(below.1), above.0, percent(above.1)))
}
