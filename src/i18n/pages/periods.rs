//! Texts of the periods page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TPer;
    Title => "考核期与数据", "Periods & data";
    Hint => "选择考核期后在表格中录入各党支部的数据：定量指标填数值，定性指标填 A–D，留空为缺失数据；否定指标与自选动作按空格切换；也可从 Excel/WPS 整块粘贴。每次修改都会立即重新计算，“本期结果”各列显示综合得分、排名和档次。", "Choose a period, then enter each branch's data in the table: numbers for quantitative indicators, A–D for qualitative ones, empty for missing data; Space toggles vetoes and optional actions; whole blocks can be pasted from Excel/WPS. Every change is recomputed at once: the Results columns show the final score, rank and tier.";
    NoPeriods => "还没有考核期。点击“添加考核期”开始录入数据。", "No periods yet. Click “Add period” to start entering data.";
    PeriodId => "考核期编号", "Period id";
    PeriodIdHint => "用于结果文件，添加后不可更改，例如 2026Q3。", "Used in the results file and fixed once added, e.g. 2026Q3.";
    PeriodName => "考核期名称", "Period name";
    QuarterName => "{year}年第{quarter}季度", "{year} Q{quarter}";
    AddPeriod => "添加考核期", "Add period";
    DeletePeriod => "删除此考核期", "Delete this period";
    Deleted => "已删除考核期", "Period deleted";
    AssessedCount => "本期参加考核的党支部", "Branches assessed in this period";
    ResultsFollow => "得分与排名随输入即时更新", "scores and ranks follow every entry";
    Assessed => "参评", "Assessed";
    AssessedHint => "本期是否考核该支部（有无记录）。取消后该支部本期的数据一并移除，可撤销。在未参评的行中录入数据会使其参评。", "Whether the branch is assessed in this period (has a record). Unticking removes its data of the period (undoable). Entering data in a row that is not assessed makes it assessed.";
    Yes => "参评", "assessed";
    NotAssessed => "未参评", "not assessed";
    NotAssessedHint => "该支部本期未参加考核，没有结果。", "This branch is not assessed in this period, so it has no results.";
    NumberHint => "填数值；留空为缺失数据（该项得 0 分）。", "Enter a number; empty is missing data (scores 0).";
    LevelHint => "填等次 A、B、C 或 D；留空为缺失数据。", "Enter a level A, B, C or D; empty is missing data.";
    VetoHint => "否定指标：☑ 表示触发（一票否决，本期列入末档）。空格切换，或填 1 / 0。", "Veto indicator: ☑ means triggered (vetoed: bottom tier this period). Space toggles, or type 1 / 0.";
    VetoFailed => "否决", "vetoed";
    OptionalHint => "自选动作：☑ 表示已完成，按其分值加分（有上限）。空格切换，或填 1 / 0。", "Optional action: ☑ means done; earns its points (capped). Space toggles, or type 1 / 0.";
    AdjustmentsHint => "加减分须写明原因（如不定期抽查、表彰）。按 Enter 或点击打开编辑。", "Each adjustment needs a reason (a spot check, an honour …). Press Enter or click to edit.";
    BallotHint => "党员群众测评票数：整数，不小于 0。", "Members' & masses' ballots: whole numbers ≥ 0.";
    ScoreHint => "评价分 0–100；留空表示无此项评价。", "A score 0–100; empty means no such score.";
    GroupActuals => "实际值", "Actuals";
    GroupVetoes => "否定指标", "Veto indicators";
    GroupOptional => "自选动作", "Optional actions";
    GroupResults => "本期结果", "Results";
    Excellent => "优秀", "Excellent";
    Good => "较好", "Good";
    Fair => "一般", "Fair";
    Poor => "较差", "Poor";
    Reason => "原因", "Reason";
    AddAdjustment => "添加一项加减分", "Add an adjustment";
    NoAdjustments => "本期没有加减分。", "No adjustments in this period.";
}
