//! Texts of target plans (年度目标计划, METHOD.md §1) on the targets, indicators, results and grades pages.

use crate::i18n::define_texts;

define_texts! {
    TPlan;
    AppliesTo => "目标值适用于", "Targets in force in";
    FromPeriod => "{}起", "From {}";
    OwnTargets => "方案基础目标", "the scenario's own targets";
    NewPlan => "从本期起制定新目标计划", "New target plan from this period";
    NewPlanHint => "新计划不复制任何数值，只记录此后修改的目标；本期以前的考核结果保持不变。", "A new plan copies nothing and records only the targets changed from now on; the periods before keep their scores.";
    PlanName => "计划名称", "Plan name";
    DeletePlan => "删除此目标计划", "Delete this target plan";
    NewPlanName => "起目标计划", " target plan";
    Plan => "目标计划", "Target plan";
    IndicatorBase => "指标基准目标值", "the indicator's base";
    PlanBase => "计划基准目标值", "base of plan";
    PlanOverride => "计划中的手动目标", "override in plan";
    PlanRemoved => "计划取消了手动目标", "override removed by plan";
    OwnOverride => "支部自身的手动目标", "the branch's own override";
    Source => "来源", "From";
    EditsGo => "此处修改将记入", "Edits here go into";
    MotivationLast => "激发性检验针对最后一期适用的目标。", "The motivation check is of the targets in force in the last period.";
    PlanStarted => "新目标计划", "new target plan";
    BaseWhen => "已有年度目标计划：此基准目标值的修改适用于", "There are target plans: apply this base target change";
    BaseFromStart => "从头适用（修改指标本身的基准）", "from the start (the indicator's own base)";
    BaseFromPeriod => "从所选考核期起（记入该期的目标计划）", "from the chosen period (into that period's plan)";
    Apply => "应用", "Apply";
    Cancel => "取消", "Cancel";
}
