//! The pages, in workflow order. Hash routes (`#/branches`) so any static server can host the app.

use yew_router::prelude::*;

use crate::i18n::T;

#[derive(Routable, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/branches")]
    Branches,
    #[at("/indicators")]
    Indicators,
    #[at("/targets")]
    Targets,
    #[at("/periods")]
    Periods,
    #[at("/results")]
    Results,
    #[at("/grades")]
    Grades,
    #[at("/scenarios")]
    Scenarios,
    #[at("/settings")]
    Settings,
    /// 方案对比: two scenarios side by side (reached from the scenarios page; not in the navigation).
    #[at("/compare")]
    Compare,
    /// Everything pbcalc keeps in this browser (linked below the navigation, not a workflow step).
    #[at("/storage")]
    Storage,
    /// 方法说明: the method for a reader (not in the numbered navigation).
    #[at("/method")]
    Method,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The navigation, in the order a committee works.
    pub const NAV: [Route; 8] = [
        Route::Branches,
        Route::Indicators,
        Route::Targets,
        Route::Periods,
        Route::Results,
        Route::Grades,
        Route::Scenarios,
        Route::Settings,
    ];

    pub fn title(self) -> T {
        match self {
            Route::Home | Route::Branches | Route::NotFound => T::NavBranches,
            Route::Indicators => T::NavIndicators,
            Route::Targets => T::NavTargets,
            Route::Periods => T::NavPeriods,
            Route::Results => T::NavResults,
            Route::Grades => T::NavGrades,
            Route::Scenarios => T::NavScenarios,
            Route::Settings => T::NavSettings,
            Route::Compare => T::NavScenarios,
            Route::Storage => T::NavStorage,
            Route::Method => T::NavMethod,
        }
    }

    /// A stable name for tests and styling.
    pub fn slug(self) -> &'static str {
        match self {
            Route::Home | Route::Branches | Route::NotFound => "branches",
            Route::Indicators => "indicators",
            Route::Targets => "targets",
            Route::Periods => "periods",
            Route::Results => "results",
            Route::Grades => "grades",
            Route::Scenarios => "scenarios",
            Route::Settings => "settings",
            Route::Compare => "compare",
            Route::Storage => "storage",
            Route::Method => "method",
        }
    }
}
