//! Texts of the grade quotas (等级比例控制, METHOD.md §8): the grades page's quota table and reasons, the
//! simulation's figure and the sensitivity parameter. Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TQuo;
    Title => "等级比例控制", "Grade quotas";
    Intro => "每个等级在周期末最多可由多少比例的党支部获得（留空 = 不限）。名额 = 党支部总数 × 比例（四舍五入）。名额已满时，升入该等级的晋升暂缓，按周期得分从高到低录取，得分相同者一并录取；已在该等级的支部不会因此降级。", "The largest share of the branches that may hold each grade after a cycle end (empty = no limit). Places = number of branches × share, rounded. When a grade is full, promotions into it wait: the highest cycle scores are admitted first, ties all together; branches already at the grade are never demoted by it.";
    Quota => "比例上限", "Quota";
    Places => "名额", "Places";
    NoLimit => "不限", "no limit";
    Cycle => "第 {} 周期末", "After cycle {}";
    HoldingTitle => "周期末持有该等级的支部数 / 名额", "Branches holding the grade after the cycle / places";
    HeldBack => "暂缓 {}", "{} waiting";
    NoCycles => "还没有完成的考核周期。", "No complete cycle yet.";
    ReasonQuota => "第一档且满足保持期，但{grade}名额已满（上限 {cap} 个，已有 {n} 个）：保持{kept}", "first tier and held long enough, but {grade} is full (at most {cap}, {n} already): stays at {kept}";
    ReasonQuotaShort => "第一档且满足保持期，但上一等级名额已满：保持", "first tier and held long enough, but the next grade is full: held";
    PathMark => "◆ 名额已满，暂缓升级", "◆ promotion held back by a quota";
    SimHeldBack => "名额限制暂缓升级的试验占比", "Share of trials in which the quota held a promotion back";
    SimHeldBackHint => "在模拟的任一周期末，至少有一个支部因该等级名额已满而暂缓升入该等级的试验所占比例。", "Trials in which, at some simulated cycle end, at least one branch waited for a place in this grade.";
    SweepQuota => "等级比例上限：", "Grade quota: ";
    NotAShare => "请输入 0 到 1 之间的比例，或留空表示不限", "Enter a share between 0 and 1, or leave it empty for no limit";
}
