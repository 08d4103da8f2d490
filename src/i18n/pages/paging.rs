//! Texts of long lists shown in pages of rows (the ranking, cycle tables, grade paths, branches) and of the
//! large pictures drawn only on request.

use crate::i18n::define_texts;

define_texts! {
    TPage;
    Paging => "分页", "Pages";
    First => "首页", "First page";
    Previous => "上一页", "Previous page";
    Next => "下一页", "Next page";
    Last => "末页", "Last page";
    Rows => "第 {from}–{to} 行，共 {total} 行", "Rows {from}–{to} of {total}";
    Page => "页码", "Page";
    PageOf => "第 {n} 页，共 {pages} 页", "Page {n} of {pages}";
    BigChart => "「{title}」有 {n} 个单元格，为免页面卡顿，需要时再画。", "“{title}” has {n} cells; it is drawn only when asked for, so that the page stays quick.";
    DrawChart => "画出此图", "Draw it";
    BigTable => "数据表有 {n} 行，展开时再生成。", "The data table has {n} rows; it is built when opened.";
    Show => "展开", "Show";
    Hide => "收起", "Hide";
    Folded => "（{n} 行，已收起）", " ({n} rows, folded)";
}

/// "第 101–200 行，共 1,000 行" / "Rows 101–200 of 1,000" for the page shown.
pub fn rows_text(p: &crate::paging::Paging, lang: crate::i18n::Lang) -> String {
    use crate::paging::grouped;
    let r = p.rows();
    TPage::Rows
        .get(lang)
        .replace("{from}", &grouped(if p.total == 0 { 0 } else { r.start + 1 }))
        .replace("{to}", &grouped(r.end))
        .replace("{total}", &grouped(p.total))
}

/// "第 2 页，共 10 页" / "Page 2 of 10".
pub fn page_text(n: usize, pages: usize, lang: crate::i18n::Lang) -> String {
    use crate::paging::grouped;
    TPage::PageOf.get(lang).replace("{n}", &grouped(n)).replace("{pages}", &grouped(pages))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::paging::Paging;

    #[test]
    fn the_rows_shown_in_words() {
        assert_eq!(rows_text(&Paging::new(1000, 0), Lang::Zh), "第 1–100 行，共 1,000 行");
        assert_eq!(rows_text(&Paging::new(1050, 10), Lang::En), "Rows 1,001–1,050 of 1,050");
        assert_eq!(page_text(2, 10, Lang::Zh), "第 2 页，共 10 页");
    }
}
