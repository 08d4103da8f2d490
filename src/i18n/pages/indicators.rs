//! Texts of the indicators page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TInd;
    Title => "考核指标", "Indicators";
}
