//! The UI's texts: one line a key, Chinese then English. Terms follow the project glossary.

use super::define_texts;

define_texts! {
    AppTitle => "党支部考核目标与提档升级模拟器", "Party-branch assessment & promotion simulator";
    AppShort => "pbcalc", "pbcalc";
    Language => "语言", "Language";
    Undo => "撤销", "Undo";
    Redo => "重做", "Redo";
    SavedInBrowser => "已保存在本浏览器中（数据不会发送到任何地方）", "Saved in this browser (nothing is sent anywhere)";
    SaveFailed => "保存失败：浏览器存储不可用或已满。更改仍在本页中，请导出方案以免丢失。", "Saving failed: browser storage is unavailable or full. Your changes are still on this page; export the scenario so nothing is lost.";
    StoredUnreadable => "浏览器中保存的数据无法读取，已原样保留为备份（键名见下），并载入了示例方案。", "The data saved in this browser could not be read. It was kept unchanged as a backup (key below) and the sample scenario was loaded beside it.";
    StoredUnreadableNoBackup => "浏览器中保存的数据无法读取，且无法另存备份。为保护原有数据，本次不会自动保存；请导出方案。", "The data saved in this browser could not be read, and no backup could be written. To protect it, nothing will be saved this session; export your scenario.";
    SavingOff => "自动保存已关闭，以免覆盖无法读取的已存数据。请导出方案以保留更改。", "Saving is off so unreadable stored data is not overwritten. Export the scenario to keep your changes.";
    BackupKey => "备份键名", "Backup key";
    Dismiss => "知道了", "Dismiss";
    Scenario => "方案", "Scenario";

    NavBranches => "支部与类别", "Branches & categories";
    NavIndicators => "考核指标", "Indicators";
    NavTargets => "目标值", "Targets";
    NavPeriods => "考核期与数据", "Periods & data";
    NavResults => "考核结果", "Results";
    NavGrades => "等级与模拟", "Grades & simulation";
    NavScenarios => "方案管理", "Scenarios";
    NavSettings => "参数设置", "Settings";

    NotYet => "此页面尚在建设中：这里还没有计算，也不会显示任何结果。", "This page is still being built: nothing is computed here yet, and it shows no results.";
    NotYetIndicators => "指标编辑器（类型、方向、权重、容差、工作计划）将在此处提供。", "The indicator editor (kind, direction, weight, tolerance, written plan) will be here.";
    NotYetTargets => "差别化目标值及其分解（基准 × 类别系数 × 条件系数）和激发性检验将在此处提供。", "Differentiated targets with their breakdown (base × k × f) and the motivation check will be here.";
    NotYetPeriods => "各考核期的数据录入矩阵将在此处提供。", "The data-entry matrix of each period will be here.";
    NotYetResults => "排名、分档、奖金分配及其计算过程将在此处提供。", "Ranking, tiers, bonus allocation and the reasoning behind them will be here.";
    NotYetGrades => "各考核周期的提档升级与蒙特卡洛模拟将在此处提供。", "Promotion and demotion per cycle and the Monte Carlo simulation will be here.";
    NotYetScenarios => "导入、导出与多方案管理将在此处提供。", "Import, export and managing several scenarios will be here.";
    NotYetSettings => "全部计算参数及其含义、默认值将在此处提供。", "Every parameter of the method with its meaning and default will be here.";

    Branches => "党支部", "Party branches";
    Categories => "支部类别", "Branch categories";
    BranchId => "编号", "Id";
    BranchName => "支部名称", "Branch name";
    Category => "支部类别", "Category";
    NoCategory => "（未分类）", "(none)";
    Members => "党员人数", "Members";
    Infrastructure => "基础设施", "Infrastructure";
    Personnel => "人员素质", "Personnel";
    Circumstances => "现实条件", "Circumstances";
    ConditionsHint => "条件评分 1–5，3 为一般水平；条件越好，目标越高。", "Condition ratings 1–5, 3 = typical; better conditions ask for more.";
    Grade => "等级", "Grade";
    Actions => "操作", "Actions";
    Add => "添加", "Add";
    AddBranch => "添加党支部", "Add branch";
    Edit => "编辑", "Edit";
    Delete => "删除", "Delete";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Deleted => "已删除", "Deleted";
    UndoDelete => "撤销删除", "Undo delete";
    FixErrors => "请先更正标出的错误。", "Please correct the marked fields first.";
    NoBranches => "还没有党支部。点击“添加党支部”开始。", "No branches yet. Click “Add branch” to begin.";
    BranchCount => "个党支部", "branches";
    EditBranch => "编辑党支部", "Edit branch";
    NewBranch => "新党支部", "New branch";
    LoadSample => "载入示例单位", "Load the sample organisation";
    Yes => "是", "Yes";
    No => "否", "No";
}
