//! Texts of the grades & simulation page, Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TGr;
    Title => "等级与提档升级", "Grades, promotion & demotion";
    Intro => "等级每个考核周期末调整一次（静态稳定），每期监测黄牌（动态监控）。下表逐周期列出周期得分、周期档次、黄牌次数、调整前后等级及依据。", "Grades change once per cycle, at its end (static stability); warnings are monitored every period (dynamic). Each cycle below shows the cycle score, cycle tier, warnings, the grade before and after, and the rule that decided.";
    Cycle => "第 {} 个考核周期", "Cycle {}";
    InProgress => "进行中（周期未满，不调整等级）", "in progress (incomplete: grades do not change)";
    Complete => "已完成", "complete";
    CycleScore => "周期得分", "Cycle score";
    CycleTier => "周期档次", "Cycle tier";
    Warnings => "黄牌次数", "Warnings";
    GradeChange => "等级变化", "Grade";
    Reason => "依据", "Reason";
    ReasonVeto => "一票否决：降 {} 级", "vetoed: down {} grades";
    ReasonBottom => "周期列末档：降 1 级", "bottom tier in the cycle: down 1 grade";
    ReasonWarnings => "黄牌达到 {} 次：降 1 级（防止反弹）", "{} or more warnings: down 1 grade (rebound guard)";
    ReasonTopNotKept => "最高等级但周期得分低于 {}：降 1 级（防止一劳永逸）", "top grade but cycle score below {}: down 1 grade (complacency guard)";
    ReasonPromoted => "周期列第一档：升 1 级", "first tier in the cycle: promoted 1 grade";
    ReasonMinHold => "周期列第一档，但在本等级未满 {} 个周期：保持", "first tier, but fewer than {} cycles at this grade: held";
    ReasonHeld => "保持", "held";
    Paths => "各支部等级轨迹", "Each branch's grade path";
    PathsHint => "横轴为考核周期（起点为初始等级），纵轴为等级；▲ 升级，▼ 降级。", "Across: cycles (starting from the initial grade); up: grade. ▲ promoted, ▼ demoted.";
    Start => "起点", "Start";
    NoCycles => "还没有考核期数据，暂无考核周期。", "No periods recorded yet, so there are no cycles.";
    GradeNames => "等级名称、奖金系数与奖惩措施", "Grade names, bonus coefficients and measures";
    GradeName => "名称", "Name";
    GradeCoefficient => "奖金系数", "Bonus coefficient";
    GradeText => "奖惩措施", "Rewards and measures";
    Branches => "支部数", "Branches";
    NotAssessed => "本周期未参加考核，等级不变", "not assessed in this cycle; grade unchanged";
}
