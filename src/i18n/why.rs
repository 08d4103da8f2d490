//! "Why?" — the chain from a branch's actuals to its tier and consequences in one period, in plain words
//! with the numbers (METHOD.md §2–§7). Every number comes from the engine's results; this module only
//! arranges them into sentences in the UI language.

use super::{number, Lang};
use crate::engine::{scoring, tiers, PeriodRow, Tier};
use crate::model::settings::{Allocation, TierMethod};
use crate::model::{Actual, Scenario};

/// One step of the explanation: what it is (e.g. "Inspection score I") and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct WhyStep {
    pub title: String,
    pub formula: String,
}

fn f2(v: f64) -> String {
    format!("{v:.2}")
}

fn f4(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The explanation of `row` (a row of period `period_index`).
pub fn why(s: &Scenario, period_index: usize, row: &PeriodRow, n_assessed: usize, lang: Lang) -> Vec<WhyStep> {
    let st = &s.settings;
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    let mut step = |title: &str, formula: String| out.push(WhyStep { title: title.to_string(), formula });
    let record = s.periods.get(period_index).and_then(|p| p.records.get(&row.branch));

    // §1 the targets used in this period and who set them (the scenario's own values or a target plan).
    let used: Vec<String> = row
        .indicators
        .iter()
        .filter_map(|i| Some(format!("{} {}", s.indicators.get(i.indicator)?.name, number(i.target?))))
        .collect();
    if !used.is_empty() {
        let holder = match crate::engine::targets::plan_in_force(s, period_index) {
            Some(k) => format!("{} “{}”", lang.pick("目标计划", "target plan"), s.target_plans[k].name),
            None => lang.pick("方案基础目标", "the scenario's own targets").to_string(),
        };
        step(lang.pick("本期目标值 T", "Targets in force T"), format!("{holder}：{}", used.join("，")));
    }

    // §3 base
    let sum_p: f64 = row.indicators.iter().map(|i| i.points).sum();
    let sum_w: f64 = row.indicators.iter().map(|i| i.weight).sum();
    step(
        lang.pick("指标基础分 B", "Indicator base B"),
        format!(
            "B = 100 × Σp / Σ{} = 100 × {} / {} = {}",
            lang.pick("权重", "weight"),
            f4(sum_p),
            f4(sum_w),
            f2(row.base)
        ),
    );
    // §3 bonus
    let raw_bonus = record.map_or(0.0, |r| scoring::optional_points(&r.optional_done, &s.optional_actions));
    step(
        lang.pick("自选动作加分", "Optional-action bonus"),
        format!(
            "min({}, {} {}) = {}",
            number(raw_bonus),
            lang.pick("上限", "cap"),
            number(st.scoring.bonus_cap),
            number(row.bonus)
        ),
    );
    // §3 adjustments
    let reasons: Vec<String> = record
        .map(|r| r.adjustments.iter().map(|a| format!("{:+} {}", a.points, a.reason)).collect())
        .unwrap_or_default();
    step(
        lang.pick("加减分", "Adjustments"),
        if reasons.is_empty() {
            number(row.adjustments)
        } else {
            format!("{} = {}", reasons.join("；"), number(row.adjustments))
        },
    );
    step(
        lang.pick("检查考核得分 I", "Inspection score I"),
        format!("I = max(0, B + {} + {}) = {}", number(row.bonus), number(row.adjustments), f2(row.inspection)),
    );

    // §4 evaluation
    let w = &st.evaluation;
    let mut parts = Vec::new();
    let mut weights = Vec::new();
    if let Some(m) = row.members {
        parts.push(format!("{} × {}", number(w.weight_members), f2(m)));
        weights.push(w.weight_members);
    }
    if let Some(q) = row.peers {
        parts.push(format!("{} × {}", number(w.weight_peers), f2(q)));
        weights.push(w.weight_peers);
    }
    if let Some(h) = row.superiors {
        parts.push(format!("{} × {}", number(w.weight_superiors), f2(h)));
        weights.push(w.weight_superiors);
    }
    if let Some(b) = record.and_then(|r| r.evaluation.ballots).filter(|b| b.total() > 0) {
        let v = &w.ballot_values;
        step(
            lang.pick("党员群众测评 m", "Members' & masses' ballot m"),
            format!(
                "({}×{} + {}×{} + {}×{} + {}×{}) / {} = {}",
                b.excellent,
                number(v[0]),
                b.good,
                number(v[1]),
                b.fair,
                number(v[2]),
                b.poor,
                number(v[3]),
                b.total(),
                row.members.map(f2).unwrap_or_default()
            ),
        );
    }
    match row.evaluation {
        Some(e) => step(
            lang.pick("评议得分 E", "Evaluation score E"),
            format!("E = ({}) / {} = {}", parts.join(" + "), number(weights.iter().sum::<f64>()), f2(e)),
        ),
        None => step(
            lang.pick("评议得分 E", "Evaluation score E"),
            lang.pick(
                "无评议数据：F 只取检查考核得分（提醒）",
                "no evaluation recorded: F is the inspection score alone (warning)",
            )
            .into(),
        ),
    }

    // §5 final and rank
    let a = w.inspection_share;
    let f_formula = match row.evaluation {
        Some(e) => format!(
            "F = {} × {} + {} × {} = {}",
            number(a),
            f2(row.inspection),
            number(1.0 - a),
            f2(e),
            f2(row.final_score)
        ),
        None => format!("F = I = {}", f2(row.final_score)),
    };
    step(lang.pick("综合得分 F", "Final score F"), f_formula);
    step(
        lang.pick("排名", "Rank"),
        if zh {
            format!("{} 个支部得分更高 → 第 {} 名（本期共 {} 个支部参加考核）", row.rank - 1, row.rank, n_assessed)
        } else {
            format!(
                "{} branches scored higher → rank {} (of {} assessed this period)",
                row.rank - 1,
                row.rank,
                n_assessed
            )
        },
    );

    // §6 tier
    let t = &st.tiers;
    let (n_first, n_bottom) = tiers::quota_sizes(n_assessed, t);
    let tier_word = match row.tier {
        Tier::First => lang.pick("第一档", "first tier"),
        Tier::Middle => lang.pick("中间档", "middle tier"),
        Tier::Bottom => lang.pick("末档", "bottom tier"),
    };
    let vetoes: Vec<&str> =
        row.vetoes_failed.iter().map(|id| s.indicator(id).map_or(id.as_str(), |i| i.name.as_str())).collect();
    let tier_reason = if row.vetoed {
        if zh {
            format!("触发否定指标「{}」→ 一律列为末档（得分保留）", vetoes.join("、"))
        } else {
            format!("veto indicator failed ({}) → always the bottom tier (the score is kept)", vetoes.join(", "))
        }
    } else {
        let quota = if zh {
            format!(
                "按名额：第一档 round({} × {}) = {} 个，末档 round({} × {}) = {} 个（并列时从宽）",
                n_assessed,
                number(t.first_share),
                n_first,
                n_assessed,
                number(t.bottom_share),
                n_bottom
            )
        } else {
            format!(
                "by quota: first tier round({} × {}) = {}, bottom tier round({} × {}) = {} (ties resolved in the branch's favour)",
                n_assessed, number(t.first_share), n_first, n_assessed, number(t.bottom_share), n_bottom
            )
        };
        let threshold = if zh {
            format!("按分数线：F ≥ {} 为第一档，F < {} 为末档", number(t.first_min_score), number(t.bottom_below_score))
        } else {
            format!(
                "by thresholds: F ≥ {} first, F < {} bottom",
                number(t.first_min_score),
                number(t.bottom_below_score)
            )
        };
        match t.method {
            TierMethod::Quota => quota,
            TierMethod::Threshold => threshold,
            TierMethod::Hybrid => format!("{quota}; {threshold}"),
        }
    };
    step(lang.pick("档次", "Tier"), format!("{tier_reason} → {tier_word}"));

    // §8 warning
    if row.warning {
        step(
            lang.pick("黄牌预警", "Warning"),
            if row.vetoed {
                lang.pick("本期触发否定指标", "vetoed this period").to_string()
            } else {
                format!("F = {} < {}", f2(row.final_score), number(st.grades.warn_below))
            },
        );
    }

    // §7 consequences
    let c = &st.consequences;
    if c.bonus_pool > 0.0 {
        let coef = c.tier_coefficients[row.tier.index()];
        let grade_coef = st.grades.coefficient(row.grade);
        let members = s.branch(&row.branch).map_or(0, |b| b.members);
        let weight = match c.allocation {
            Allocation::Members => {
                if zh {
                    format!("党员 {} × 档次系数 {} × 等级系数 {}", members, number(coef), number(grade_coef))
                } else {
                    format!(
                        "members {} × tier coefficient {} × grade coefficient {}",
                        members,
                        number(coef),
                        number(grade_coef)
                    )
                }
            }
            Allocation::Equal => {
                if zh {
                    format!("档次系数 {} × 等级系数 {}", number(coef), number(grade_coef))
                } else {
                    format!("tier coefficient {} × grade coefficient {}", number(coef), number(grade_coef))
                }
            }
        };
        step(
            lang.pick("奖金分配", "Bonus allocation"),
            if zh {
                format!(
                    "奖金池 {} 元按权重（{}）分配，最大余数法取整 → {} 元",
                    number(c.bonus_pool),
                    weight,
                    row.bonus_amount
                )
            } else {
                format!(
                    "pool of {} yuan shared by weight ({}), largest remainders → {} yuan",
                    number(c.bonus_pool),
                    weight,
                    row.bonus_amount
                )
            },
        );
    }
    step(
        lang.pick("约谈整改", "Talk & rectification"),
        if row.talk {
            lang.pick("是（本期列为末档）", "yes (bottom tier this period)")
        } else {
            lang.pick("否", "no")
        }
        .into(),
    );
    step(
        lang.pick("评先资格", "Eligibility for advanced selection"),
        if row.eligible {
            lang.pick("有", "yes").to_string()
        } else if row.tier == Tier::Bottom {
            lang.pick("无：本期列为末档", "no: bottom tier this period").to_string()
        } else if zh {
            format!("无：前 {} 期内曾列为末档", c.disqualify_periods)
        } else {
            format!("no: bottom tier within the previous {} periods", c.disqualify_periods)
        },
    );
    out
}

/// An actual as shown: a number, a level, or "—" when missing.
pub fn actual_text(a: Option<&Actual>) -> String {
    match a {
        Some(Actual::Number(n)) => number(*n),
        Some(Actual::Level(l)) => l.as_str().to_string(),
        None => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::model::sample::sample;

    #[test]
    fn the_chain_ends_in_the_engines_numbers() {
        let s = sample();
        let r = evaluate(&s);
        let p = &r.periods[0];
        let row = &p.rows[0];
        let steps = why(&s, 0, row, p.rows.len(), Lang::En);
        let f = steps.iter().find(|w| w.title == "Final score F").unwrap();
        assert!(f.formula.ends_with(&format!("= {:.2}", row.final_score)), "{}", f.formula);
        let tier = steps.iter().find(|w| w.title == "Tier").unwrap();
        assert!(tier.formula.ends_with(match row.tier {
            Tier::First => "first tier",
            Tier::Middle => "middle tier",
            Tier::Bottom => "bottom tier",
        }));
        let zh = why(&s, 0, row, p.rows.len(), Lang::Zh);
        assert_eq!(zh.len(), steps.len());
    }

    #[test]
    fn the_chain_names_the_targets_and_their_plan() {
        let s = sample();
        let r = evaluate(&s);
        let u = s.period_index(&s.target_plans[0].from).unwrap();
        let step = |u: usize| {
            let row = &r.periods[u].rows[0];
            why(&s, u, row, r.periods[u].rows.len(), Lang::Zh).into_iter().find(|w| w.title == "本期目标值 T").unwrap()
        };
        assert!(step(u).formula.contains(&s.target_plans[0].name), "{}", step(u).formula);
        assert!(step(u - 1).formula.starts_with("方案基础目标"), "{}", step(u - 1).formula);
    }
}
