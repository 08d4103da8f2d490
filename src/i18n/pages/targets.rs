//! Texts of the targets page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TTgt;
    Title => "目标值", "Targets";
    EditHint => "在单元格中直接输入数值即为该支部的手动目标；清空（或按 Delete）恢复为推导目标。", "Type a number into a cell to override that branch's target; empty it (or press Delete) to go back to the derived target.";
    ApplyAll => "对所有唾手可得或高不可攀的目标采用建议目标值", "Apply the suggested target to every too-easy or out-of-reach target";
    ApplyAllHint => "一次修改，可撤销：每个被标出的目标改为按期望达成概率计算的建议目标值（作为手动目标）。", "One undoable edit: every flagged target becomes the suggested target for the desired probability (as an override).";
    ApplySuggested => "采用建议目标值", "Apply suggested target";
    ClearOverride => "清除手动目标", "Clear override";
    Summary => "汇总", "Summary";
    PerBranch => "本支部各类目标数", "Classes of this branch";
    PerBranchHint => "该支部的目标中唾手可得 ▽、有激发性 ◎、高不可攀 △、数据不足 ? 的个数。", "How many of this branch's targets are too easy ▽, motivating ◎, out of reach △ or unknown ?.";
}
