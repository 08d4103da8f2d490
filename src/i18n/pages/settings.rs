//! Texts of the settings page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TSet;
    Title => "参数设置", "Settings";
}
