//! Texts of the targets page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TTgt;
    Title => "目标值", "Targets";
}
