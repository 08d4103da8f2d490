//! Texts of the Monte Carlo and sensitivity panels (grades page), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TSim;
    Title => "蒙特卡洛模拟", "Monte Carlo simulation";
    Intro => "从各支部当前等级出发，按历史数据的趋势和波动随机生成未来各期的实际值和评议得分，重复多次（试验），统计每个支部各周期末的等级分布和升降级概率。同一随机种子总是得到相同结果。", "Starting from each branch's current grade, future periods are drawn at random from the trend and spread of its history (actuals and evaluation), many times over (trials); the page counts each branch's grade distribution after each cycle and its chances of promotion and demotion. The same seed always gives the same numbers.";
    Run => "运行模拟", "Run simulation";
    Rerun => "重新运行", "Run again";
    Cancel => "取消", "Cancel";
    Cancelled => "已取消，结果未完成（仅供参考）。", "Cancelled: the figures are incomplete.";
    Running => "正在模拟", "Simulating";
    Trials => "次试验", "trials";
    CyclesWord => "个周期", "cycles";
    Done => "模拟完成", "Simulation finished";
    Took => "用时", "took";
    Seconds => "秒", "s";
    Branch => "党支部", "Branch";
    StartGrade => "起始等级", "Starting grade";
    PPromoted => "至少升级一次的概率", "P(promoted at least once)";
    PDemoted => "至少降级一次的概率", "P(demoted at least once)";
    ExpectedGrade => "期末期望等级", "Expected final grade";
    AfterCycle => "第 {} 周期末等级分布", "Grades after cycle {}";
    Distribution => "等级分布", "Grade distribution";
    Organisation => "全体支部：每周期升级、降级比例", "All branches: share promoted and demoted per cycle";
    Promoted => "升级", "promoted";
    Demoted => "降级", "demoted";
    SimCycle => "模拟周期", "Simulated cycle";
    Transition => "等级转移矩阵（行：调整前等级，列：调整后等级，按行归一）", "Grade transition matrix (rows: grade before, columns: grade after; each row sums to 1)";
    Before => "调整前", "Before";
    After => "调整后", "After";
    NoBranches => "没有党支部，无法模拟。", "There are no branches to simulate.";
    Stale => "方案已修改，以下结果对应修改前的方案；请重新运行。", "The scenario has changed since this run; run it again for current figures.";
    ExportNote => "导出结果时会附带本次模拟（simulation 部分）。", "Exported results include this run (the simulation block).";
    SensTitle => "敏感性分析", "Sensitivity";
    SensIntro => "选择一个参数和取值范围，逐步计算所选考核期的排名与档次、各支部的等级，查看哪些支部在何处改变档次或等级，以及排名与当前设置的一致程度（肯德尔 τ，1 表示完全一致）。", "Pick one parameter and a range: for each value pbcalc recomputes the chosen period's ranking and tiers and every branch's grade, shows which branches change tier or grade and where, and how stable the ranking is against the current setting (Kendall's τ; 1 = the same order).";
    Parameter => "参数", "Parameter";
    From => "从", "From";
    To => "到", "To";
    Steps => "步数", "Steps";
    WeightMembers => "党员群众测评权重", "Members' & masses' weight";
    WeightPeers => "其他支部书记评价权重", "Peer secretaries' weight";
    WeightSuperiors => "上级机关评价权重", "Superiors' weight";
    InspectionShare => "检查考核得分占比", "Inspection share";
    FirstShare => "第一档比例", "First-tier share";
    BottomShare => "末档比例", "Bottom-tier share";
    IndicatorWeight => "指标权重：", "Indicator weight: ";
    Sweep => "开始分析", "Sweep";
    SweepDone => "分析完成", "Sweep finished";
    Value => "取值", "Value";
    Tau => "肯德尔 τ", "Kendall's τ";
    TierChanges => "档次变化", "Tier changes";
    GradeChanges => "等级变化", "Grade changes";
    Current => "当前", "current";
    TierMap => "各取值下的档次（▲ 第一档，● 中间档，▼ 末档；加框为与当前不同）", "Tier at each value (▲ first, ● middle, ▼ bottom; boxed where it differs from now)";
    BadRange => "请输入有效的起止值和步数（步数 1–101）", "Enter valid start and end values and a number of steps (1–101)";
    NotAssessed => "未参加考核", "not assessed";
}
