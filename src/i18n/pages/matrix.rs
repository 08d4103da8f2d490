//! Texts of the matrix editor (the spreadsheet-like tables of the periods and targets pages), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TMat;
    Title => "表格", "Table";
    KeysHint => "方向键移动，Enter 下移，Tab 离开表格；直接输入或按 F2 编辑，Enter 或离开单元格即保存，Esc 撤回；Delete 清空，空格切换是/否；可从 Excel/WPS 复制一块单元格后在此粘贴（Ctrl+V）；Ctrl+Z 撤销。", "Arrows move, Enter moves down, Tab leaves the table; type or press F2 to edit, Enter or leaving the cell saves, Esc reverts; Delete clears, Space toggles yes/no; copy a block of cells in Excel/WPS and paste it here (Ctrl+V); Ctrl+Z undoes.";
    InvalidCells => "个单元格的输入无效，未保存（标有 ✖；在单元格上按 Esc 撤回）", "cells hold invalid input and were not saved (marked ✖; Esc on a cell reverts it)";
    NotSaved => "未保存", "Not saved";
    Pasted => "已粘贴单元格", "Cells pasted";
    NotPasted => "无法识别、未粘贴", "not understood, not pasted";
    ReadOnlySkipped => "落在只读列、已跳过", "on read-only cells, skipped";
    OutsideSkipped => "超出表格范围、已忽略", "outside the table, ignored";
    LeftUnchanged => "以下单元格保持原值：", "These cells were left unchanged:";
    Row => "行", "row";
    Column => "列", "column";
    Close => "关闭", "Close";
}
