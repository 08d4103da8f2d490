//! Texts of the categories page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TCat;
    Title => "支部类别", "Branch categories";
    Hint => "类别用于差别化目标：每个类别对每个定量指标有一个类别系数 k（默认 1）。目标值 = 基准目标值 × k × 条件系数 f。删除类别后，其党支部变为未分类（k 全为 1），可撤销。", "Categories differentiate targets: each category has a category coefficient k for each quantitative indicator (default 1). Target = base target × k × condition factor f. Deleting a category leaves its branches uncategorised (every k = 1); it can be undone.";
    CoefHint => "只有定量指标有目标值，所以只列出定量指标。在单元格中输入系数，按回车或离开单元格即生效；按 Esc 取消；清空或输入 1 即恢复默认值 1。", "Only quantitative indicators have targets, so only they are listed. Type a coefficient and press Enter or leave the cell to apply it; Esc cancels; clear it or type 1 to go back to the default 1.";
    AddCategory => "添加类别", "Add category";
    NewCategory => "新类别", "New category";
    CategoryId => "类别编号", "Category id";
    CategoryName => "类别名称", "Category name";
    BranchCount => "党支部数", "Branches";
    Coefficient => "类别系数 k", "Category coefficient k";
    NoCategories => "还没有支部类别。未分类的党支部所有类别系数均为 1。", "No categories yet. Uncategorised branches have every coefficient 1.";
    NoQuantitative => "还没有定量指标，因此没有可设置的类别系数。", "There are no quantitative indicators yet, so there are no coefficients to set.";
    Rename => "重命名", "Rename";
    RenameCategory => "重命名类别", "Rename category";
    DeletedCategory => "已删除类别", "Category deleted";
    Uncategorised => "个党支部已变为未分类", "branches are now uncategorised";
    SetMark => "已调整（非默认值）", "Adjusted (not the default)";
    DefaultOne => "默认 1", "default 1";
    Matrix => "类别系数矩阵：类别 × 定量指标", "Coefficient matrix: category × quantitative indicator";
}
