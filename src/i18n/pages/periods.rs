//! Texts of the periods page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TPer;
    Title => "考核期与数据", "Periods & data";
}
