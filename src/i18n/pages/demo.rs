//! Texts of the welcome panel and the guided walk-through (演示模式), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TDemo;
    Welcome => "欢迎使用", "Welcome";
    WelcomeText => "本工具帮助党委为各党支部制定差别化、有弹性、有激发性的考核目标，按期评分、排名定档、兑现奖惩，并模拟逐周期的提档升级。示例方案是一个虚构的组织，可以随意修改。所有数据只保存在本浏览器中，不会发送到任何地方。", "pbcalc helps a party committee set differentiated, flexible and motivating targets for its branches, score and rank them each period, apply the consequences, and simulate promotion and demotion cycle by cycle. The sample scenario is a made-up organisation you may change freely. All data stays in this browser and is sent nowhere.";
    WaysIn => "三种开始方式", "Three ways in";
    WayIndicators => "试算指标设置", "Try the indicator settings";
    WayDemo => "演示考核方法", "Demonstrate the method";
    WayImport => "导入方案", "Import a scenario";
    MethodLink => "阅读方法说明", "Read how the method works";
    Help => "帮助", "Help";
    Close => "关闭", "Close";
    Demo => "演示模式", "Walk-through";
    DemoNote => "演示使用示例方案的副本；您自己的方案和已保存的数据不会改变。", "The walk-through uses a copy of the sample; your own scenario and saved data are not touched.";
    Step => "第 {} 步，共 {} 步", "Step {} of {}";
    Prev => "上一步", "Previous";
    Next => "下一步", "Next";
    Exit => "退出演示", "Leave";
    Apply => "演示变化", "Make the change";
    TakeBack => "撤回变化", "Take it back";
    Moved => "变化前 → 变化后", "Before → after";
    NothingMoved => "没有数值变化。", "Nothing moved.";
    Keys => "← → 切换步骤，Esc 退出", "← → change step, Esc leaves";
    What => "项目", "What";
    Before => "变化前", "Before";
    After => "变化后", "After";
    Present => "演示视图", "Presentation view";

    T1 => "差别化", "Differentiation";
    X1 => "条件好的支部目标更高：目标值 = 基准值 × 类别系数 k × 条件系数 f。条件系数由三项条件评分的平均值决定，3 分为一般。", "Branches with better conditions are asked for more: target = base × category coefficient k × condition factor f. The factor comes from the mean of the three condition ratings; 3 is typical.";
    C1 => "把采气一厂第二党支部的三项条件都提高到 4 分", "Raise all three conditions of the Gas Plant 1 second branch to 4";
    T2 => "自由度", "Freedom (tolerance)";
    X2 => "弹性指标有容差：达到目标的（1 − 容差）即得满分。容差越宽，支部自主安排的余地越大。", "An elastic indicator has a tolerance: reaching (1 − tolerance) of the target earns full credit. The wider the band, the more room a branch has to choose its own way.";
    C2 => "把“创新创效成果数”的容差从 0.2 放宽到 0.4", "Widen the tolerance of “innovation results” from 0.2 to 0.4";
    T3 => "激发性", "Motivation";
    X3 => "由历史数据的趋势估计达到目标的概率 p：太高是唾手可得，太低是高不可攀，中间才有激发性。采纳建议目标值可使 p 接近期望值。", "From each branch's history the tool estimates the probability p of reaching the target: too high is too easy, too low is out of reach, in between motivates. The suggested target brings p close to the desired value.";
    C3 => "为第一个缺乏激发性的目标采纳建议目标值", "Apply the suggested target to the first target that does not motivate";
    T4 => "刚性与弹性", "Controllable vs elastic";
    X4 => "可控指标是刚性的：只在保底线和目标之间按比例得分；弹性指标把容差计入，同样的完成情况得分更高。", "A controllable indicator is rigid: partial credit only between the floor and the target; an elastic one counts its tolerance, so the same achievement scores higher.";
    C4 => "把“攻坚任务完成数”由可控指标改为弹性指标", "Turn “key tasks completed” from controllable into elastic";
    T5 => "否定指标", "Veto indicators";
    X5 => "否定指标是底线：一旦触发，支部直接列入末档，但得分照常保留并显示。", "A veto indicator is a bottom line: once triggered, the branch goes to the bottom tier, while its score is kept and shown.";
    C5 => "让本期排名第一的支部触发一项否定指标", "Trigger a veto for this period's best branch";
    T6 => "三方评议", "Three-source evaluation";
    X6 => "评议得分 E 由党员群众、其他支部书记、上级机关三方加权。党员群众的权重应最大；改变权重，E 和排名随之变化。", "The evaluation E weighs members and masses, peer secretaries and superiors. The members' weight should be the largest; change the weights and E and the ranking move.";
    C6 => "把党员群众评议的权重从 0.5 降到 0.2", "Lower the members' and masses' weight from 0.5 to 0.2";
    T7 => "排名定档", "Ranking and tiers";
    X7 => "综合得分 F = a·I + (1 − a)·E 决定名次；按比例（或分数线）把支部分为第一档、中间档、末档，并列时从宽。", "The final score F = a·I + (1 − a)·E sets the rank; a quota (or score limits) puts branches into the first, middle and bottom tiers, ties in the branch's favour.";
    C7 => "把第一档比例从 20% 提高到 40%", "Raise the first tier's share from 20% to 40%";
    T8 => "兑现", "Consequences";
    X8 => "档次要兑现：奖金按人数 × 档次系数 × 等级系数分配，总额不变；末档书记约谈整改，并在一定期数内失去评先资格。", "Tiers have consequences: the bonus pool is shared by members × tier coefficient × grade coefficient, the total unchanged; bottom-tier secretaries get a talk and lose eligibility for awards for some periods.";
    C8 => "把第一档的奖金系数从 1.2 提高到 2.0", "Raise the first tier's bonus coefficient from 1.2 to 2.0";
    T9 => "提档升级", "Promotion and demotion";
    X9 => "等级每个考核周期末才调整（静态稳定），黄牌每期监测（动态监控）：否决、末档、黄牌过多都会降级，周期第一档才能升级。", "Grades change only at the end of a cycle (static stability), warnings are watched every period (dynamic): a veto, the bottom tier or too many warnings demote; the first tier of a cycle promotes.";
    C9 => "把黄牌分数线从 75 提高到 85", "Raise the warning limit from 75 to 85";
    T10 => "模拟", "Simulation";
    X10 => "蒙特卡洛模拟从当前等级出发，按历史趋势随机生成今后若干周期的数据，给出每个支部升级、降级的概率。", "The Monte Carlo simulation starts from today's grades, draws future periods from each branch's trend, and gives each branch's chance of promotion and demotion.";
    C10 => "把每期触发否定指标的概率从 2% 提高到 20%", "Raise the chance of a veto per period from 2% to 20%";
    Target => "目标值", "target";
    Fraction => "得分率 s", "score fraction s";
    Inspection => "检查考核得分 I", "inspection I";
    Rank => "名次", "rank";
    Path => "等级轨迹", "grade path";
    Warnings => "黄牌", "warnings";
    Demoted => "降级概率", "P(demoted)";
}
