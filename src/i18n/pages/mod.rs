//! Texts of the pages that have many of their own, one enum per page (see `define_texts!`).
//! Add a page's enum to [`all`] so the completeness test covers it.

pub mod categories;
pub mod charts;
pub mod demo;
pub mod grades;
pub mod indicators;
pub mod keyboard;
pub mod layout;
pub mod matrix;
pub mod method;
pub mod number;
pub mod outputs;
pub mod paging;
pub mod periods;
pub mod plans;
pub mod quotas;
pub mod record;
pub mod settings;
pub mod simulation;
pub mod storage;
pub mod targets;

pub use categories::TCat;
pub use charts::TChart;
pub use demo::TDemo;
pub use grades::TGr;
pub use indicators::TInd;
pub use keyboard::TKey;
pub use layout::TLay;
pub use matrix::TMat;
pub use method::TMethod;
pub use outputs::TOut;
pub use paging::TPage;
pub use periods::TPer;
pub use plans::TPlan;
pub use quotas::TQuo;
pub use record::TRec;
pub use settings::TSet;
pub use simulation::TSim;
pub use storage::TSto;
pub use targets::TTgt;

/// Every text of the page enums, as (name, Chinese, English), for the completeness test.
pub fn all() -> Vec<(String, &'static str, &'static str)> {
    let mut out = Vec::new();
    macro_rules! add {
        ($e:ty) => {
            for t in <$e>::ALL {
                out.push((format!("{t:?}"), t.get(super::Lang::Zh), t.get(super::Lang::En)));
            }
        };
    }
    add!(TCat);
    add!(TChart);
    add!(TDemo);
    add!(TGr);
    add!(TInd);
    add!(TLay);
    add!(TKey);
    add!(TMat);
    add!(TPage);
    add!(TMethod);
    add!(TOut);
    add!(TPer);
    add!(TRec);
    add!(TQuo);
    add!(TPlan);
    add!(TSet);
    add!(TSim);
    add!(TSto);
    add!(TTgt);
    out
}
