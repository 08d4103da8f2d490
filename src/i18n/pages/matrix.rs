//! Texts of the matrix page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TMat;
    Title => "表格", "Table";
}
