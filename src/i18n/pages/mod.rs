//! Texts of the pages that have many of their own, one enum per page (see `define_texts!`).
//! Add a page's enum to [`all`] so the completeness test covers it.

/// Every text of the page enums, as (name, Chinese, English), for the completeness test.
pub fn all() -> Vec<(String, &'static str, &'static str)> {
    #[allow(unused_mut)]
    let mut out = Vec::new();
    #[allow(unused_macros)]
    macro_rules! add {
        ($e:ty) => {
            for t in <$e>::ALL {
                out.push((format!("{t:?}"), t.get(super::Lang::Zh), t.get(super::Lang::En)));
            }
        };
    }
    let _ = &mut out;
    // add!(indicators::TInd);
    out
}
