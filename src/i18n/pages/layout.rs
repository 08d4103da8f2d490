//! Texts of the layout and unsaved-cells pieces (the status line's count of grid entries not saved, the periods
//! grid's line of the edited row), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TLay;
    // `{n}` is the count.
    Unsaved => "有 {n} 个单元格未保存", "Cells not saved: {n}";
    UnsavedHint => "（回到该表格改正，或在单元格上按 Esc 放弃）", " (correct them in their table, or press Esc on a cell to discard)";
    UnsavedGo => "前往", "Go there";
    DiscardAll => "全部放弃", "Discard all";
    DiscardAllHint => "放弃本表格中所有未保存的输入，恢复原值", "Discard every unsaved entry in this table and keep the previous values";
    EditedRow => "本行", "This row";
    Tier => "档次", "Tier";
}
