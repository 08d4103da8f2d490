//! Texts of the charts (`ui::charts`): titles, axes, legends and their data tables, Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TChart;
    DataTable => "数据表", "Data table";
    CurveTitle => "得分曲线", "Scoring curve";
    CurveHint => "横轴为实际值，纵轴为得分率 s；左为可控指标（刚性）的算法，右为弹性指标的算法。", "Across: the actual; up: the score fraction s. Left: scored as a controllable (rigid) indicator; right: as an elastic one.";
    CurvePick => "点击上表中的定量指标查看其得分曲线。", "Click a quantitative indicator in the table above to see its scoring curve.";
    Controllable => "可控指标（刚性）", "Controllable (rigid)";
    Elastic => "弹性指标（容差 {}）", "Elastic (tolerance {})";
    InForce => "现行算法", "in force";
    FloorMark => "起评线：低于此得 0 分", "Floor: below it the score is 0";
    BandMark => "容差带：达到即得满分", "Tolerance band: full score from here";
    TargetMark => "目标值", "Target";
    Curve => "得分率 s", "Score fraction s";
    Branches => "各支部实际值", "Branches' actuals";
    Selected => "所选支部", "Selected branch";
    Actual => "实际值", "Actual";
    Zero => "得 0 分至", "Score 0 up to";
    Full => "得满分自", "Full score from";
    FullUpTo => "得满分至", "Full score up to";
    ZeroFrom => "得 0 分自", "Score 0 from";
    LadderTitle => "等级阶梯与流向", "Grade ladder and flows";
    LadderHint => "每列为一个时点（起点、各考核周期末），每行为一个等级，方块内为支部数；带子为相邻两列之间的流向，粗细与标注为支部数。", "Each column is a moment (the start, each cycle's end), each row a grade, the box holds the number of branches; the bands are the flows between two columns, their width and label the number of branches.";
    StartCol => "起点", "Start";
    CycleCol => "周期 {}", "Cycle {}";
    OpenCol => "（进行中）", " (in progress)";
    Up => "升级", "Promoted";
    Down => "降级", "Demoted";
    Same => "保持", "Held";
    From => "原等级", "From grade";
    To => "新等级", "To grade";
    Count => "支部数", "Branches";
    Step => "时段", "Between";
    MotTitle => "激发性分布图（达成概率 p）", "Motivation map (probability of reaching p)";
    MotHint => "每格为一个支部的一项定量指标目标，颜色与数字为达成概率 p（最后一个考核期的目标）。", "Each cell is one branch's target of one quantitative indicator; colour and number are the probability p of reaching it (the targets of the last period).";
    Below => "p < {}", "p < {}";
    Between => "{} ≤ p ≤ {}", "{} ≤ p ≤ {}";
    Above => "p > {}", "p > {}";
    NoHistory => "历史数据不足", "too little history";
    DistLegend => "等级分布条：从左到右为等级 1 至最高等级，宽度为概率", "Distribution bars: grade 1 to the top grade from left to right, width = probability";
    DistTitle => "模拟等级分布", "Simulated grade distributions";
    AfterCycle => "第 {} 周期后", "After cycle {}";
    TauTitle => "敏感性：排名一致性 τ-b", "Sensitivity: ranking agreement τ-b";
    TauAxis => "与当前排名的一致性 τ-b", "Agreement with the current ranking τ-b";
    TauLine => "τ-b（1 = 排名不变）", "τ-b (1 = ranking unchanged)";
    CurrentValue => "当前值", "Current value";
    TierTitle => "档次分布", "Tier shares";
    Share => "占比", "Share";
    PathTitle => "等级轨迹", "Grade path";
}
