//! Texts of the method page (方法说明): each section of METHOD.md for a reader, Chinese then English. `{}` are
//! the current scenario's settings, filled in by the page in the order written.

use crate::i18n::define_texts;

define_texts! {
    TMethod;
    Title => "方法说明", "How the method works";
    Intro => "以下说明本工具如何从目标、实际值和评议得到每一个数。方括号中的数是当前方案的设置，可在“参数设置”中修改。", "This page explains how every number is reached from the targets, the actuals and the evaluation. Numbers in brackets are the current scenario's settings, which the settings page changes.";
    H1 => "1. 差别化目标", "1. Differentiated targets";
    B1 => "每个支部有基础设施、人员素质、现实条件三项评分（1–5 分，3 分为一般），取平均值 c。条件系数 f = 1 + [{}] × (c − 3)，限定在 [{}] 到 [{}] 之间：条件越好，要求越高。支部类别给每项指标一个类别系数 k。越高越好的指标目标值 = 基准值 × k × f，越低越好的指标为基准值 × k ÷ f，按指标的小数位四舍五入。也可以为某个支部直接指定目标值。定性指标的目标是 A 等。", "Each branch rates its infrastructure, personnel and circumstances from 1 to 5 (3 is typical); c is their mean. The condition factor f = 1 + [{}] × (c − 3), kept between [{}] and [{}]: better conditions ask for more. The branch's category gives each indicator a coefficient k. A higher-is-better target is base × k × f, a lower-is-better one base × k ÷ f, rounded to the indicator's decimals. A branch's target may also be set by hand. Qualitative indicators aim at grade A.";
    H2 => "2. 单项指标评分", "2. Scoring one indicator";
    B2 => "完成率 r 是实际值与目标值之比（越低越好的指标反过来），达到目标即为 1。得分率 s 在保底线 [{}] 以下为 0，达到目标为 1，中间按比例。可控指标（刚性）直接用 r；弹性指标有容差 tol，达到目标的 (1 − tol) 即得满分。定性指标按等次计分：A [{}]、B [{}]、C [{}]、D [{}]。缺少实际值得 0 分并提示。指标得分 = 权重 × s。", "The achievement ratio r compares the actual with the target (the other way round for lower-is-better), 1 once the target is reached. The score fraction s is 0 up to the floor [{}], 1 at the target, proportional in between. A controllable (rigid) indicator uses r as it is; an elastic one has a tolerance tol: reaching (1 − tol) of the target earns full credit. Qualitative indicators score by level: A [{}], B [{}], C [{}], D [{}]. A missing actual scores 0 and is flagged. Points = weight × s.";
    H3 => "3. 检查考核得分", "3. Inspection score";
    B3 => "指标基础分 B = 100 × 各项得分之和 ÷ 权重之和（否定指标不计权重）。自选动作加分之和不超过 [{}] 分。再加上本期的加减分，检查考核得分 I = B + 加分 + 加减分，最低为 0。任何一项否定指标被触发，本期即为“否决”。", "The base B = 100 × total points ÷ total weight (veto indicators carry no weight). Optional actions add their points, at most [{}] in all. Adding the period's adjustments gives the inspection score I = B + bonus + adjustments, never below 0. Any triggered veto indicator makes the period “vetoed”.";
    H4 => "4. 三方评议", "4. Three-source evaluation";
    B4 => "党员群众测评票按优秀 [{}]、较好 [{}]、一般 [{}]、较差 [{}] 折算平均，得 m；其他支部书记评议 q 和上级机关评价 h 直接记 0–100 分。评议得分 E 是三者的加权平均，权重为 [{}]、[{}]、[{}]，缺少的来源不计。党员群众的权重应当最大。", "Members' and masses' ballots are averaged at excellent [{}], good [{}], fair [{}], poor [{}], giving m; peer secretaries' q and superiors' h are entered as 0–100. The evaluation E is their weighted mean with weights [{}], [{}], [{}]; a missing source is left out. The members' weight should be the largest.";
    H5 => "5. 综合得分与名次", "5. Final score and rank";
    B5 => "综合得分 F = [{}] × I + (1 − [{}]) × E；没有评议数据时 F = I。名次 = 1 + 得分更高的支部数，相差不超过十亿分之一的得分视为并列。", "The final score F = [{}] × I + (1 − [{}]) × E; without any evaluation F = I. Rank = 1 + the number of branches with a higher F; scores within one billionth are tied.";
    H6 => "6. 分类定档", "6. Tiers";
    B6 => "每期把参加考核的支部分为第一档、中间档、末档。按比例：前 [{}] 为第一档，后 [{}] 为末档；按分数线：F ≥ [{}] 为第一档，F < [{}] 为末档；混合方式两者同时适用。被否决的支部一律列末档，得分照常保留。并列的支部一起进退，从宽处理。", "Each period the assessed branches fall into the first, middle and bottom tiers. By quota: the best [{}] are first, the worst [{}] bottom; by score limits: F ≥ [{}] is first, F < [{}] bottom; the hybrid method applies both. A vetoed branch is always bottom, its score kept. Tied branches move together, in their favour.";
    H7 => "7. 兑现", "7. Consequences";
    B7 => "奖金总额 [{}] 元按 党员人数 × 档次系数 × 等级系数 分配（档次系数：第一档 [{}]、中间档 [{}]、末档 [{}]），取整到元且合计不变。末档支部书记约谈整改；本期为末档或前 [{}] 期内有末档的支部不能参加先进党支部评选。", "The bonus pool of [{}] yuan is shared by members × tier coefficient × grade coefficient (tier coefficients: first [{}], middle [{}], bottom [{}]), in whole yuan adding up to the pool. A bottom-tier branch's secretary gets a talk and rectification; a branch in the bottom tier now or in the [{}] periods before cannot be selected as advanced.";
    H8 => "8. 提档升级", "8. Promotion and demotion";
    B8 => "等级从 1 到 [{}]，每 [{}] 期为一个考核周期，只在完整周期末调整（静态稳定），每期监测黄牌（动态监控）：被否决或 F < [{}] 记一张黄牌。周期末依次检查：周期内被否决降 [{}] 级；周期列末档降 1 级；黄牌达到 [{}] 张降 1 级（防止反弹）；最高等级而周期得分低于 [{}] 降 1 级（防止一劳永逸）；周期列第一档且在本等级已满 [{}] 个周期升 1 级；否则保持。设有等级比例控制时，一个等级最多由规定比例的支部持有：从最高等级往下逐级检查，名额不够时按周期得分从高到低保留升级（并列时从宽），其余暂缓升级、保持原等级（名额只限制升级，从不降级，保持期也不清零）。", "Grades run from 1 to [{}]; every [{}] periods form a cycle, and grades change only at the end of a complete cycle (static stability), while warnings are watched every period (dynamic): a veto or F < [{}] earns a warning. At a cycle's end, in order: vetoed in the cycle, down [{}]; bottom tier of the cycle, down 1; [{}] or more warnings, down 1 (rebound guard); top grade with a cycle score below [{}], down 1 (complacency guard); first tier of the cycle after [{}] cycles at the grade, up 1; otherwise held. With grade quotas a grade may be held by at most a set share of the branches: from the top grade down, when places run short the promotions with the best cycle scores are kept (ties in the branches' favour) and the others wait at their grade (a quota only holds promotions back: it never demotes, and the time held is not reset).";
    H9 => "9. 激发性检验", "9. Motivation check";
    B9 => "根据支部这项指标的历史数据拟合趋势，估计下一期的期望值 μ 和波动 σ（至少为 μ 的 [{}]），算出达到目标的概率 p。p 高于 [{}] 为唾手可得，低于 [{}] 为高不可攀，介于两者之间才有激发性。建议目标值是达成概率为 [{}] 的目标，一键即可采纳。", "A trend line through the branch's history of the indicator gives the expected next value μ and its spread σ (at least [{}] of μ), and so the probability p of reaching the target. Above [{}] it is too easy, below [{}] out of reach, in between it motivates. The suggested target is the one reached with probability [{}]; one click applies it.";
    H10 => "10. 提档升级模拟", "10. Simulating promotion and demotion";
    B10 => "确定性模拟把已录入的各期按上述规则逐期、逐周期计算。蒙特卡洛模拟从当前等级出发，按趋势随机生成今后 [{}] 个周期的数据，重复 [{}] 次（随机种子 [{}]，每期否决概率 [{}]，评议波动 [{}] 分），给出每个支部各等级的概率、升级和降级的概率。同样的种子得到同样的结果。", "The deterministic run takes the recorded periods through the rules above, period by period and cycle by cycle. The Monte Carlo run starts from today's grades and draws [{}] future cycles from the trends, [{}] times (seed [{}], veto chance per period [{}], evaluation spread [{}] points), giving each branch's chance of every grade, of promotion and of demotion. The same seed gives the same result.";
    Section => "方法说明 §", "Method §";
}

/// The sections of the method page (title, text) with the settings `st` filled in, in METHOD.md's order
/// (section n is at index n − 1).
pub fn sections(st: &crate::model::settings::Settings, lang: crate::i18n::Lang) -> Vec<(&'static str, String)> {
    use crate::i18n::number as n;
    let (d, sc, e, t, c, g, m, si) = (
        &st.differentiation,
        &st.scoring,
        &st.evaluation,
        &st.tiers,
        &st.consequences,
        &st.grades,
        &st.motivation,
        &st.simulation,
    );
    let pct = |x: f64| format!("{}%", n((x * 100.0 * 1e6).round() / 1e6));
    let k = &c.tier_coefficients;
    let values: [Vec<String>; 10] = [
        vec![n(d.condition_step), n(d.factor_min), n(d.factor_max)],
        vec![n(sc.floor_ratio), n(sc.levels[0]), n(sc.levels[1]), n(sc.levels[2]), n(sc.levels[3])],
        vec![n(sc.bonus_cap)],
        [e.ballot_values.map(n).to_vec(), vec![n(e.weight_members), n(e.weight_peers), n(e.weight_superiors)]].concat(),
        vec![n(e.inspection_share), n(e.inspection_share)],
        vec![pct(t.first_share), pct(t.bottom_share), n(t.first_min_score), n(t.bottom_below_score)],
        vec![n(c.bonus_pool), n(k[0]), n(k[1]), n(k[2]), c.disqualify_periods.to_string()],
        vec![
            g.levels.to_string(),
            g.cycle_periods.to_string(),
            n(g.warn_below),
            g.veto_drop.to_string(),
            g.warnings_to_demote.to_string(),
            n(g.top_keep_min_score),
            g.min_hold_cycles.to_string(),
        ],
        vec![n(m.min_cv), n(m.easy_above), n(m.hard_below), n(m.desired)],
        vec![
            si.cycles.to_string(),
            si.trials.to_string(),
            si.seed.to_string(),
            pct(si.veto_probability),
            n(si.evaluation_sd),
        ],
    ];
    use TMethod::*;
    let heads = [(H1, B1), (H2, B2), (H3, B3), (H4, B4), (H5, B5), (H6, B6), (H7, B7), (H8, B8), (H9, B9), (H10, B10)];
    heads
        .iter()
        .zip(values)
        .map(|((h, b), vals)| {
            let mut text = b.get(lang).to_string();
            for v in vals {
                text = text.replacen("{}", &v, 1);
            }
            (h.get(lang), text)
        })
        .collect()
}

/// The section of the method that explains a step of the results page's "why" chain (by its title, see
/// [`crate::i18n::why`]): the targets in force §1, the scores of §3, the evaluation of §4, F and rank §5, the tier §6, warnings §8,
/// the consequences §7.
pub fn why_section(title: &str) -> u8 {
    let has = |ks: &[&str]| ks.iter().any(|k| title.contains(k));
    if title.ends_with(" T") {
        1
    } else if title.ends_with(" B") || title.ends_with(" I") || has(&["加分", "加减分", "bonus", "Adjustments"]) {
        3
    } else if title.ends_with(" m") || title.ends_with(" E") {
        4
    } else if title.ends_with(" F") || has(&["排名", "Rank"]) {
        5
    } else if has(&["档次", "Tier"]) {
        6
    } else if has(&["黄牌", "Warning"]) {
        8
    } else {
        7
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_why_step_links_to_its_section() {
        use crate::i18n::{why::why, Lang};
        let s = crate::model::sample::sample();
        let r = crate::engine::evaluate(&s);
        let p = r.periods.len() - 1;
        for lang in Lang::ALL {
            let steps = why(&s, p, &r.periods[p].rows[0], r.periods[p].rows.len(), lang);
            let secs: Vec<u8> = steps.iter().map(|w| super::why_section(&w.title)).collect();
            assert_eq!(secs.first(), Some(&1), "the targets in force come first: {steps:?}");
            assert_eq!(secs.get(1), Some(&3), "{steps:?}");
            for n in [4, 5, 6, 7] {
                assert!(secs.contains(&n), "{lang:?} {n}: {secs:?}");
            }
            assert!(secs.windows(2).filter(|w| w[0] > w[1]).count() <= 1, "{secs:?}");
            assert_eq!(super::why_section(lang.pick("黄牌预警", "Warning")), 8);
        }
    }

    use crate::i18n::Lang;
    use crate::model::settings::Settings;

    #[test]
    fn every_placeholder_is_filled_with_the_scenario_s_settings() {
        let mut st = Settings::default();
        st.grades.warn_below = 77.5;
        for lang in Lang::ALL {
            let s = super::sections(&st, lang);
            assert_eq!(s.len(), 10);
            assert!(s.iter().all(|(_, b)| !b.contains("{}")), "{s:?}");
            assert!(s[7].1.contains("[77.5]"));
            assert!(s[5].1.contains("[20%]") && s[0].1.contains("[0.05]"));
        }
    }
}
