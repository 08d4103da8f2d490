//! Texts of the categories page (and its parts), Chinese then English.

use crate::i18n::define_texts;

define_texts! {
    TCat;
    Title => "支部类别", "Branch categories";
}
