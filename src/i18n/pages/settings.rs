//! Texts of the settings page (and its parts), Chinese then English. Every setting of METHOD.md has a label and
//! a one-sentence meaning ([`setting_texts`]); every section a title ([`section_title`]).

use crate::i18n::define_texts;
use crate::model::edit::settings::SectionId;

define_texts! {
    TSet;
    Title => "参数设置", "Settings";
    Hint => "这里是方法说明中的全部参数，按章节分组。输入后按回车或离开输入框即生效，考核结果随之重新计算；Esc 取消输入。超出范围的值不会生效。每项都可恢复默认值，整节也可以。", "Every parameter of the method, grouped by section. A value applies when you press Enter or leave the field, and the results are recomputed; Esc cancels what you typed. A value out of range never applies. Each one can be reset to its default, and so can a whole section.";
    Setting => "参数", "Setting";
    Value => "当前值", "Value";
    Default => "默认值", "Default";
    Range => "允许范围", "Allowed range";
    Reset => "恢复默认", "Reset";
    ResetSection => "本节全部恢复默认", "Reset this section";
    Changed => "已修改", "changed";
    AnyNumber => "任意数值", "any number";
    WholeNumber => "整数", "whole number";
    And => "，", ", ";
    Colon => "：", ": ";
    OutOfRange => "超出允许范围，应为", "out of range: allowed";
    FactorOrder => "条件系数下限不能大于上限", "the lowest condition factor cannot be above the highest";
    AllDefault => "全部为默认值", "all at their defaults";

    SecDifferentiation => "差别化目标", "Differentiated targets";
    SecScoring => "评分", "Scoring";
    SecEvaluation => "考核评议", "Democratic evaluation";
    SecFinal => "综合得分", "Final score";
    SecTiers => "分类定级（档次）", "Tiers";
    SecConsequences => "奖惩兑现", "Consequences";
    SecGrades => "等级与提档升级", "Grades and promotion & demotion";
    SecMotivation => "激发性检验", "Motivation check";
    SecSimulation => "模拟（蒙特卡洛）", "Simulation (Monte Carlo)";

    ConditionStep => "条件步长", "Condition step";
    ConditionStepMeaning => "平均条件评分 c 每比一般水平（3）高 1 分，条件系数 f 增加的幅度：f = 1 + 步长 × (c − 3)。条件越好，目标越高。", "How much the condition factor f grows per point of the mean condition c above typical (3): f = 1 + step × (c − 3). Better conditions ask for more.";
    FactorMin => "条件系数下限", "Lowest condition factor";
    FactorMinMeaning => "条件系数 f 不低于此值（大于 0，且不大于上限）。", "f is never below this (above 0, and not above the highest factor).";
    FactorMax => "条件系数上限", "Highest condition factor";
    FactorMaxMeaning => "条件系数 f 不高于此值（不小于下限）。", "f is never above this (not below the lowest factor).";

    FloorRatio => "起评线", "Floor";
    FloorRatioMeaning => "完成率（弹性指标为 r ÷ (1 − 容差)）不高于起评线得 0 分，达到 1 得满分，其间按比例得分。", "At or below the floor the achievement ratio (for elastic indicators r ÷ (1 − tolerance)) scores 0, at 1 it scores in full, in between proportionally.";
    LevelA => "定性等次 A 的得分率", "Score fraction of level A";
    LevelAMeaning => "定性指标评为 A 时的得分率 s（A 也是定性指标的目标）。", "The score fraction s of a qualitative indicator rated A (its target).";
    LevelB => "定性等次 B 的得分率", "Score fraction of level B";
    LevelBMeaning => "定性指标评为 B 时的得分率 s。", "The score fraction s of a qualitative indicator rated B.";
    LevelC => "定性等次 C 的得分率", "Score fraction of level C";
    LevelCMeaning => "定性指标评为 C 时的得分率 s。", "The score fraction s of a qualitative indicator rated C.";
    LevelD => "定性等次 D 的得分率", "Score fraction of level D";
    LevelDMeaning => "定性指标评为 D 时的得分率 s。", "The score fraction s of a qualitative indicator rated D.";
    BonusCap => "自选动作加分上限", "Bonus cap";
    BonusCapMeaning => "每期自选动作加分之和的上限；检查考核得分 I = B + 加分 + 加减分（不低于 0）。", "The most a period's optional actions can add together; inspection score I = B + bonus + adjustments (not below 0).";

    BallotExcellent => "“优秀”票分值", "Value of an “excellent” ballot";
    BallotExcellentMeaning => "党员群众测评中每张“优秀”票计的分数；测评分 m 为全部选票分值的平均。", "What each “excellent” ballot of the members' & masses' ballot is worth; m is the mean value of all ballots.";
    BallotGood => "“较好”票分值", "Value of a “good” ballot";
    BallotGoodMeaning => "每张“较好”票计的分数。", "What each “good” ballot is worth.";
    BallotFair => "“一般”票分值", "Value of a “fair” ballot";
    BallotFairMeaning => "每张“一般”票计的分数。", "What each “fair” ballot is worth.";
    BallotPoor => "“较差”票分值", "Value of a “poor” ballot";
    BallotPoorMeaning => "每张“较差”票计的分数。", "What each “poor” ballot is worth.";
    WeightMembers => "党员群众测评权重", "Weight of the members' & masses' ballot";
    WeightMembersMeaning => "评议得分 E 中党员群众测评 m 的权重；按本方法应为三方中最大。", "The weight of m in the evaluation score E; by this method it must be the largest of the three.";
    WeightPeers => "其他支部书记评价权重", "Weight of the peer secretaries' score";
    WeightPeersMeaning => "评议得分 E 中其他支部书记评价 q 的权重。", "The weight of the peers' score q in E.";
    WeightSuperiors => "上级机关评价权重", "Weight of the superiors' score";
    WeightSuperiorsMeaning => "评议得分 E 中上级机关评价 h 的权重。E 为到场各方的加权平均。", "The weight of the superiors' score h in E. E is the weighted mean of the sources present.";

    InspectionShare => "检查考核所占比重", "Share of the inspection score";
    InspectionShareMeaning => "综合得分 F = a × 检查考核得分 I + (1 − a) × 评议得分 E 中的 a；没有评议时 F = I。", "The a in the final score F = a × inspection I + (1 − a) × evaluation E; without an evaluation F = I.";

    TierMethod => "分档方法", "Tiering method";
    TierMethodMeaning => "按名额：最好的若干名进第一档、最差的若干名进末档；按分数线：按两条分数线划档；混合：进第一档须同时满足名额和分数线，满足任一末档条件即进末档。被否决的党支部总在末档。", "Quota: the best few are first tier and the worst few bottom; threshold: two score lines decide; hybrid: first tier needs both the quota and the line, either bottom rule puts a branch in the bottom tier. Vetoed branches are always bottom tier.";
    MethodQuota => "按名额", "Quota";
    MethodThreshold => "按分数线", "Threshold";
    MethodHybrid => "混合", "Hybrid";
    FirstShare => "第一档名额比例", "First-tier share";
    FirstShareMeaning => "按名额分档时第一档的名额 = round(参评支部数 × 比例)；与最后入选者同分的也进入。", "With quotas the first tier admits round(n × share) branches; a branch tied with the last one admitted is admitted too.";
    BottomShare => "末档名额比例", "Bottom-tier share";
    BottomShareMeaning => "按名额分档时末档的名额 = round(参评支部数 × 比例)，被否决的计入在内。", "With quotas the bottom tier holds round(n × share) branches, the vetoed ones included.";
    FirstMinScore => "第一档分数线", "First-tier score";
    FirstMinScoreMeaning => "按分数线或混合方法时，综合得分 F 不低于此分才能进入第一档。", "With thresholds or hybrid, a branch needs F at least this for the first tier.";
    BottomBelowScore => "末档分数线", "Bottom-tier score";
    BottomBelowScoreMeaning => "按分数线或混合方法时，综合得分 F 低于此分即列入末档。", "With thresholds or hybrid, F below this puts a branch in the bottom tier.";

    CoefFirst => "第一档奖金系数", "Bonus coefficient of the first tier";
    CoefFirstMeaning => "分配奖金时第一档党支部所乘的系数。", "What a first-tier branch's bonus weight is multiplied by.";
    CoefMiddle => "中间档奖金系数", "Bonus coefficient of the middle tier";
    CoefMiddleMeaning => "分配奖金时中间档党支部所乘的系数。", "What a middle-tier branch's bonus weight is multiplied by.";
    CoefBottom => "末档奖金系数", "Bonus coefficient of the bottom tier";
    CoefBottomMeaning => "分配奖金时末档党支部所乘的系数；末档书记还要约谈整改。", "What a bottom-tier branch's bonus weight is multiplied by; its secretary also gets talk & rectification.";
    BonusPool => "奖金总额（元）", "Bonus pool (yuan)";
    BonusPoolMeaning => "每期按权重分配的奖金总额，整数元，按最大余数法分到整元；0 表示不分配。", "The amount shared out each period by weight, in whole yuan (largest remainders); 0 means none.";
    Allocation => "奖金分配方式", "Bonus allocation";
    AllocationMeaning => "按党员人数：权重 = 党员人数 × 档次系数 × 等级系数；平均：权重 = 档次系数 × 等级系数。", "By members: weight = members × tier coefficient × grade coefficient; equal: weight = tier coefficient × grade coefficient.";
    AllocMembers => "按党员人数", "By members";
    AllocEqual => "平均分配", "Equal";
    DisqualifyPeriods => "取消评先资格期数", "Periods without eligibility";
    DisqualifyPeriodsMeaning => "某期处于末档后，其后这么多期内没有先进党支部评选资格（默认 4 期 = 一年）。", "After a bottom tier a branch is not eligible for advanced selection for this many periods (default 4 = a year of quarters).";

    Levels => "等级数 L", "Number of grades L";
    LevelsMeaning => "等级 1..L，1 为最低。改变 L 会相应增减下表的等级名称、说明和奖金系数；等级高于新 L 的党支部降至 L（可撤销）。", "Grades 1..L, 1 the lowest. Changing L adds or removes rows of the grade table below; branches above the new L are lowered to it (can be undone).";
    GradeNames => "等级名称", "Grade names";
    GradeNamesMeaning => "每个等级的名称，不能为空。", "The name of each grade; not empty.";
    GradeTexts => "等级说明（奖励与措施）", "Grade texts (rewards and measures)";
    GradeTextsMeaning => "每个等级对应的激励和帮扶措施。", "What each grade brings: rewards and support measures.";
    GradeCoefficients => "等级奖金系数", "Grade bonus coefficients";
    GradeCoefficientsMeaning => "分配奖金时按期内等级所乘的系数（≥ 0）。", "What a branch's bonus weight is multiplied by for its grade in the period (≥ 0).";
    GradeTable => "各等级：名称、说明、奖金系数", "Each grade: name, text, bonus coefficient";
    CyclePeriods => "考核周期期数", "Periods per cycle";
    CyclePeriodsMeaning => "多少个考核期组成一个周期；等级只在完整周期结束时变动（静态稳定），每期仍做监测（动态）。", "How many periods make a cycle; grades change only at the end of a complete cycle (static), while every period is monitored (dynamic).";
    WarnBelow => "黄牌预警线", "Warning line";
    WarnBelowMeaning => "某期被否决或综合得分 F 低于此分，即得一张黄牌。", "A period vetoed or with F below this gives a warning (yellow card).";
    VetoDrop => "否决降级数", "Grades lost on a veto";
    VetoDropMeaning => "周期内被否决时降低的等级数（最低降到 1 级）。", "How many grades a cycle with a veto costs (never below grade 1).";
    WarningsToDemote => "降级黄牌数", "Warnings to demote";
    WarningsToDemoteMeaning => "一个周期内黄牌达到此数即降一级（防止反弹）。", "This many warnings in a cycle lower the grade by one (rebound guard).";
    TopKeepMinScore => "保持最高等级分数线", "Score to keep the top grade";
    TopKeepMinScoreMeaning => "最高等级的党支部，周期得分低于此分即降一级（防止一劳永逸）。", "A branch at the top grade whose cycle score is below this loses a grade (complacency guard).";
    MinHoldCycles => "升级前最少保持周期数", "Cycles held before promotion";
    MinHoldCyclesMeaning => "在当前等级至少保持这么多个完整周期后，周期第一档才能升级。", "A first-tier cycle promotes only after this many complete cycles at the current grade.";

    MinCv => "最小变异系数", "Minimum coefficient of variation";
    MinCvMeaning => "估计的波动 σ 至少为 min_cv × |μ|，以免历史数据过于平稳时概率失真。", "The estimated spread σ is at least min_cv × |μ|, so very steady history does not distort the probabilities.";
    EasyAbove => "“唾手可得”概率线", "“Too easy” above";
    EasyAboveMeaning => "达成概率 p 高于此值判为唾手可得。", "A probability of reaching p above this is too easy.";
    HardBelow => "“高不可攀”概率线", "“Out of reach” below";
    HardBelowMeaning => "达成概率 p 低于此值判为高不可攀。", "A probability of reaching p below this is out of reach.";
    Desired => "建议目标的期望达成概率", "Desired probability of reaching";
    DesiredMeaning => "建议目标值按此达成概率 p* 计算（在 0 与 1 之间，不含端点）。", "Suggested targets are set so the probability of reaching them is p* (strictly between 0 and 1).";

    Trials => "模拟次数", "Trials";
    TrialsMeaning => "蒙特卡洛模拟重复的次数；越多越准，也越慢。", "How many times the Monte Carlo simulation is repeated; more is more precise and slower.";
    Cycles => "模拟周期数", "Cycles simulated";
    CyclesMeaning => "向后模拟的考核周期数（每个周期含“考核周期期数”个考核期）。", "How many future cycles are simulated (each of “periods per cycle” periods).";
    Seed => "随机种子", "Random seed";
    SeedMeaning => "相同的种子得到相同的模拟结果，便于复现和比较。", "The same seed gives the same simulation, so results can be repeated and compared.";
    VetoProbability => "否决概率", "Veto probability";
    VetoProbabilityMeaning => "模拟中每个党支部每期被一票否决的概率。", "The probability that a branch is vetoed in a simulated period.";
    EvaluationSd => "评议得分标准差", "Spread of the evaluation score";
    EvaluationSdMeaning => "模拟评议得分 E 时，围绕最近一次评议得分的标准差。", "The standard deviation of the simulated E around the last recorded one.";
    GradeQuotas => "等级比例上限", "Grade quotas";
    GradeQuotasMeaning => "每个等级最多可由多少比例的党支部获得（0–1，留空不限）；名额已满时暂缓升级，不会降级。", "The largest share of branches that may hold each grade (0–1, empty: no limit); a full grade holds promotions back, never demotes.";
}

/// The label and the one-sentence meaning of the setting at `path` (a path of `NUMBERS` or `SPECIAL`).
pub fn setting_texts(path: &str) -> Option<(TSet, TSet)> {
    use TSet::*;
    Some(match path {
        "differentiation.condition_step" => (ConditionStep, ConditionStepMeaning),
        "differentiation.factor_min" => (FactorMin, FactorMinMeaning),
        "differentiation.factor_max" => (FactorMax, FactorMaxMeaning),
        "scoring.floor_ratio" => (FloorRatio, FloorRatioMeaning),
        "scoring.levels.A" => (LevelA, LevelAMeaning),
        "scoring.levels.B" => (LevelB, LevelBMeaning),
        "scoring.levels.C" => (LevelC, LevelCMeaning),
        "scoring.levels.D" => (LevelD, LevelDMeaning),
        "scoring.bonus_cap" => (BonusCap, BonusCapMeaning),
        "evaluation.ballot_values.excellent" => (BallotExcellent, BallotExcellentMeaning),
        "evaluation.ballot_values.good" => (BallotGood, BallotGoodMeaning),
        "evaluation.ballot_values.fair" => (BallotFair, BallotFairMeaning),
        "evaluation.ballot_values.poor" => (BallotPoor, BallotPoorMeaning),
        "evaluation.weights.members" => (WeightMembers, WeightMembersMeaning),
        "evaluation.weights.peers" => (WeightPeers, WeightPeersMeaning),
        "evaluation.weights.superiors" => (WeightSuperiors, WeightSuperiorsMeaning),
        "evaluation.inspection_share" => (InspectionShare, InspectionShareMeaning),
        "tiers.method" => (TierMethod, TierMethodMeaning),
        "tiers.first_share" => (FirstShare, FirstShareMeaning),
        "tiers.bottom_share" => (BottomShare, BottomShareMeaning),
        "tiers.first_min_score" => (FirstMinScore, FirstMinScoreMeaning),
        "tiers.bottom_below_score" => (BottomBelowScore, BottomBelowScoreMeaning),
        "consequences.bonus_coefficient.first" => (CoefFirst, CoefFirstMeaning),
        "consequences.bonus_coefficient.middle" => (CoefMiddle, CoefMiddleMeaning),
        "consequences.bonus_coefficient.bottom" => (CoefBottom, CoefBottomMeaning),
        "consequences.bonus_pool" => (BonusPool, BonusPoolMeaning),
        "consequences.allocation" => (Allocation, AllocationMeaning),
        "consequences.disqualify_periods" => (DisqualifyPeriods, DisqualifyPeriodsMeaning),
        "grades.levels" => (Levels, LevelsMeaning),
        "grades.names" => (GradeNames, GradeNamesMeaning),
        "grades.texts" => (GradeTexts, GradeTextsMeaning),
        "grades.bonus_coefficients" => (GradeCoefficients, GradeCoefficientsMeaning),
        "grades.quotas" => (GradeQuotas, GradeQuotasMeaning),
        "grades.cycle_periods" => (CyclePeriods, CyclePeriodsMeaning),
        "grades.warn_below" => (WarnBelow, WarnBelowMeaning),
        "grades.veto_drop" => (VetoDrop, VetoDropMeaning),
        "grades.warnings_to_demote" => (WarningsToDemote, WarningsToDemoteMeaning),
        "grades.top_keep_min_score" => (TopKeepMinScore, TopKeepMinScoreMeaning),
        "grades.min_hold_cycles" => (MinHoldCycles, MinHoldCyclesMeaning),
        "motivation.min_cv" => (MinCv, MinCvMeaning),
        "motivation.easy_above" => (EasyAbove, EasyAboveMeaning),
        "motivation.hard_below" => (HardBelow, HardBelowMeaning),
        "motivation.desired" => (Desired, DesiredMeaning),
        "simulation.trials" => (Trials, TrialsMeaning),
        "simulation.cycles" => (Cycles, CyclesMeaning),
        "simulation.seed" => (Seed, SeedMeaning),
        "simulation.veto_probability" => (VetoProbability, VetoProbabilityMeaning),
        "simulation.evaluation_sd" => (EvaluationSd, EvaluationSdMeaning),
        _ => return None,
    })
}

/// The title of a section.
pub fn section_title(id: SectionId) -> TSet {
    match id {
        SectionId::Differentiation => TSet::SecDifferentiation,
        SectionId::Scoring => TSet::SecScoring,
        SectionId::Evaluation => TSet::SecEvaluation,
        SectionId::Final => TSet::SecFinal,
        SectionId::Tiers => TSet::SecTiers,
        SectionId::Consequences => TSet::SecConsequences,
        SectionId::Grades => TSet::SecGrades,
        SectionId::Motivation => TSet::SecMotivation,
        SectionId::Simulation => TSet::SecSimulation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::settings::SECTIONS;

    #[test]
    fn every_setting_has_a_label_and_a_meaning() {
        for sec in SECTIONS {
            for p in sec.numbers.iter().chain(sec.special) {
                assert!(setting_texts(p).is_some(), "{p}");
            }
        }
    }
}
