//! engine::compare: every kind of change found, nothing reported when equal, matching by id, the impact counts
//! limited to complete periods and cycles.

use pbcalc::engine::compare::{diff_results, diff_scenarios, Change};
use pbcalc::engine::{evaluate, MotivationClass, Reason, Results, Tier};
use pbcalc::model::{sample::sample, Indicator, IndicatorKind};

fn base() -> Results {
    evaluate(&sample())
}

/// The first period's index and row 0 changed by `f`: the kinds of change found in it.
fn changed_in_first_period(
    f: impl FnOnce(&mut pbcalc::engine::PeriodRow),
) -> (Vec<Change>, pbcalc::engine::compare::Impact) {
    let a = base();
    let mut b = a.clone();
    f(&mut b.periods[0].rows[0]);
    let d = diff_results(&a, &b);
    let p = &d.periods[0];
    assert!(p.complete);
    assert_eq!(p.rows[0].branch, a.periods[0].rows[0].branch, "the changed row comes first");
    assert!(p.rows[1..].iter().all(|r| r.changes.is_empty()));
    assert!(d.periods[1..].iter().all(|p| p.rows.iter().all(|r| r.changes.is_empty())));
    (p.rows[0].changes.clone(), d.impact())
}

#[test]
fn equal_results_and_scenarios_report_nothing() {
    let s = sample();
    let a = evaluate(&s);
    let d = diff_results(&a, &a.clone());
    assert!(d.is_empty());
    assert!(d.impact().is_empty());
    assert_eq!(d.tier_changes(), 0);
    assert_eq!(d.periods.len(), s.periods.len());
    for p in &d.periods {
        assert_eq!(p.rows.len(), a.periods.iter().find(|q| q.period == p.period).unwrap().rows.len());
        assert_eq!(p.tau, Some(1.0));
        assert_eq!(p.bonus_moved, 0);
    }
    assert!(diff_scenarios(&s, &s.clone()).is_empty());
    // The name and the lock are not differences of the set-up.
    let mut t = s.clone();
    t.name = "另一个".into();
    t.locked = true;
    assert!(diff_scenarios(&s, &t).is_empty());
}

#[test]
fn every_kind_of_period_change_is_found() {
    let (c, n) = changed_in_first_period(|r| r.rank += 1);
    assert_eq!((c, n.ranks), (vec![Change::Rank], 1));
    let (c, n) = changed_in_first_period(|r| r.final_score += 0.5);
    assert_eq!(c, vec![Change::Final]);
    assert!(n.is_empty(), "F alone is not one of the notice's kinds");
    let (c, _) = changed_in_first_period(|r| r.final_score += 1e-12);
    assert!(c.is_empty(), "scores equal within 1e-9 are the same");
    let (c, n) = changed_in_first_period(|r| r.tier = if r.tier == Tier::Bottom { Tier::First } else { Tier::Bottom });
    assert_eq!((c, n.tiers), (vec![Change::Tier], 1));
    let (c, n) = changed_in_first_period(|r| r.bonus_amount += 10);
    assert_eq!((c, n.bonuses), (vec![Change::Bonus], 1));
    let (c, n) = changed_in_first_period(|r| r.talk = !r.talk);
    assert_eq!((c, n.talks), (vec![Change::Talk], 1));
    let (c, n) = changed_in_first_period(|r| r.eligible = !r.eligible);
    assert_eq!((c, n.eligibility), (vec![Change::Eligible], 1));
    let (c, n) = changed_in_first_period(|r| r.warning = !r.warning);
    assert_eq!((c, n.warnings), (vec![Change::Warning], 1));
}

#[test]
fn cycle_and_target_changes_are_found() {
    let a = base();
    assert!(a.cycles[0].complete);
    let mut b = a.clone();
    b.cycles[0].rows[1].grade_after += 1;
    b.cycles[0].rows[2].reason = if a.cycles[0].rows[2].reason == Reason::Held { Reason::Bottom } else { Reason::Held };
    b.targets[3].breakdown.target += 1.0;
    b.targets[4].motivation.class = if a.targets[4].motivation.class == MotivationClass::TooEasy {
        MotivationClass::OutOfReach
    } else {
        MotivationClass::TooEasy
    };
    let d = diff_results(&a, &b);
    let c = &d.cycles[0];
    assert_eq!(c.rows[0].branch, a.cycles[0].rows[1].branch);
    assert_eq!(c.rows[0].changes, vec![Change::Grade]);
    assert_eq!(c.rows[1].branch, a.cycles[0].rows[2].branch);
    assert_eq!(c.rows[1].changes, vec![Change::Reason]);
    let n = d.impact();
    assert_eq!((n.grades, n.reasons), (1, 1));
    assert_eq!(d.grade_changed_branches(), vec![a.cycles[0].rows[1].branch.clone()]);
    assert_eq!(d.targets.len(), 2);
    assert_eq!(d.targets[0].branch, a.targets[3].branch);
    assert_eq!(d.targets[0].b.unwrap().0, a.targets[3].breakdown.target + 1.0);
    assert_eq!(d.targets[1].a.unwrap().1, a.targets[4].motivation.class);
    assert_eq!(d.targets[1].b.unwrap().1, b.targets[4].motivation.class);
}

#[test]
fn the_period_in_progress_and_an_unfinished_cycle_raise_no_notice() {
    let a = base();
    let last = a.cycles.last().unwrap();
    assert!(!last.complete, "the sample ends in an unfinished cycle");
    let mut b = a.clone();
    let p = b.periods.last_mut().unwrap();
    p.rows[0].tier = if p.rows[0].tier == Tier::First { Tier::Bottom } else { Tier::First };
    p.rows[0].bonus_amount += 5;
    b.cycles.last_mut().unwrap().rows[0].reason = Reason::Bottom;
    let d = diff_results(&a, &b);
    assert!(!d.is_empty());
    assert_eq!(d.tier_changes(), 1);
    assert!(!d.periods.last().unwrap().complete);
    assert!(d.impact().is_empty(), "{:?}", d.impact());
    // An earlier period of the unfinished cycle is decided.
    if last.periods.len() > 1 {
        let id = &last.periods[0];
        let mut b = a.clone();
        let p = b.periods.iter_mut().find(|p| &p.period == id).unwrap();
        p.rows[0].talk = !p.rows[0].talk;
        assert_eq!(diff_results(&a, &b).impact().talks, 1);
    }
}

#[test]
fn matching_by_id_lists_one_sided_items_apart() {
    let a = base();
    let mut b = a.clone();
    let gone = b.periods[0].rows.remove(2).branch;
    let period_gone = b.periods.remove(1).period.clone();
    b.cycles.pop();
    // Rows reordered on one side still pair by branch.
    b.periods[0].rows.reverse();
    let d = diff_results(&a, &b);
    assert_eq!(d.periods[0].only_a, vec![gone]);
    assert!(d.periods[0].rows.iter().all(|r| r.changes.is_empty()));
    assert_eq!(d.periods_only_a, vec![period_gone]);
    assert_eq!(d.cycles_only_a, vec![a.cycles.last().unwrap().cycle]);
    assert_eq!(d.impact().rows_added_or_removed, 1);
}

#[test]
fn tau_and_bonus_moved() {
    let a = base();
    let mut b = a.clone();
    let rows = &mut b.periods[0].rows;
    rows[0].bonus_amount -= 100;
    rows[1].bonus_amount += 100;
    // Swap the ranks of the first two (one discordant pair).
    let (r0, r1) = (rows[0].rank, rows[1].rank);
    rows[0].rank = r1;
    rows[1].rank = r0;
    let d = diff_results(&a, &b);
    let p = &d.periods[0];
    assert_eq!(p.bonus_moved, 100);
    let n = a.periods[0].rows.len();
    if r0 != r1 {
        let tau = p.tau.unwrap();
        assert!(tau < 1.0 && tau > 0.0, "{tau} over {n} rows");
    }
}

#[test]
fn a_weight_change_is_found_in_the_setup_and_its_tier_changes_match_the_engine() {
    let s = sample();
    let mut t = s.clone();
    let (id, old) = t
        .indicators
        .iter_mut()
        .find_map(|i| match &mut i.kind {
            IndicatorKind::Scored(sc) => {
                let old = sc.weight;
                sc.weight = old * 3.0 + 5.0;
                Some((i.id.clone(), old))
            }
            IndicatorKind::Veto => None,
        })
        .unwrap();
    let sd = diff_scenarios(&s, &t);
    assert_eq!(sd.indicators.changes.len(), 1, "{:?}", sd.indicators);
    let c = &sd.indicators.changes[0];
    assert_eq!(c.path, format!("indicators[{id}].weight"));
    assert_eq!(c.a.as_deref().map(|x| x.parse::<f64>().unwrap()), Some(old));
    assert!(sd.settings.is_empty() && sd.categories.is_empty() && sd.other.is_empty());

    let (ra, rb) = (evaluate(&s), evaluate(&t));
    let d = diff_results(&ra, &rb);
    // The same count, straight from the two results.
    let mut expected = 0;
    for (pa, pb) in ra.periods.iter().zip(&rb.periods) {
        for x in &pa.rows {
            let y = pb.rows.iter().find(|y| y.branch == x.branch).unwrap();
            expected += (x.tier != y.tier) as usize;
        }
    }
    assert_eq!(d.tier_changes(), expected);
    assert!(d.periods.iter().map(|p| p.rows.iter().filter(|r| !r.changes.is_empty()).count()).sum::<usize>() > 0);
}

#[test]
fn settings_categories_indicators_and_branches_differences() {
    let s = sample();
    let mut t = s.clone();
    t.settings.tiers.first_share = if s.settings.tiers.first_share == 0.3 { 0.25 } else { 0.3 };
    let cat = t.categories[0].id.clone();
    let ind = t.indicators[0].id.clone();
    t.categories[0].coefficients.insert(ind.clone(), 1.37);
    t.categories[1].name = "新类别名".into();
    t.indicators.push(Indicator::new_veto("new_veto", "新否定指标"));
    let dropped = t.branches.remove(0).id;
    for p in &mut t.periods {
        p.records.remove(&dropped);
    }
    let d = diff_scenarios(&s, &t);
    assert_eq!(d.settings.len(), 1);
    assert_eq!(d.settings[0].path, "settings.tiers.first_share");
    assert!(d
        .categories
        .changes
        .iter()
        .any(|c| c.path == format!("categories[{cat}].coefficients.{ind}") && c.b.as_deref() == Some("1.37")));
    assert!(d.categories.changes.iter().any(|c| c.path.ends_with(".name") && c.b.as_deref() == Some("新类别名")));
    assert_eq!(d.indicators.only_b, vec!["new_veto".to_string()]);
    assert_eq!(d.branches_only_a, vec![dropped.clone()]);
    let r = diff_results(&evaluate(&s), &evaluate(&t));
    assert!(r.periods.iter().all(|p| p.only_a.contains(&dropped)
        || !evaluate(&s).periods.iter().any(|q| q.period == p.period && q.rows.iter().any(|x| x.branch == dropped))));
    assert!(r.targets.iter().any(|x| x.branch == dropped && x.b.is_none()));
}

#[test]
fn the_comparison_csv_has_a_bom_and_one_row_per_changed_tier() {
    use pbcalc::compare_report::compare_csv;
    use pbcalc::i18n::Lang;
    let s = sample();
    let mut t = s.clone();
    t.settings.tiers.first_share = if s.settings.tiers.first_share == 0.3 { 0.1 } else { 0.3 };
    let (ra, rb) = (evaluate(&s), evaluate(&t));
    let (sd, rd) = (diff_scenarios(&s, &t), diff_results(&ra, &rb));
    assert!(rd.tier_changes() > 0);
    let csv = compare_csv(&s, &t, &sd, &rd, Lang::En, &|r| r.as_str().to_string());
    assert!(csv.starts_with('\u{feff}'));
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(rows.iter().any(|r| &r[3] == "settings.tiers.first_share"));
    assert_eq!(rows.iter().filter(|r| &r[3] == "Tier").count(), rd.tier_changes());
    // Equal scenarios: only the per-period summary rows.
    let same =
        compare_csv(&s, &s, &diff_scenarios(&s, &s), &diff_results(&ra, &ra), Lang::En, &|r| r.as_str().to_string());
    let mut reader = csv::ReaderBuilder::new().from_reader(same.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.records().count(), 3 * s.periods.len());
}

#[test]
fn the_impact_diff_counts_what_the_full_diff_counts() {
    use pbcalc::engine::compare::diff_impact;
    let s = sample();
    let mut t = s.clone();
    t.settings.tiers.first_share = if s.settings.tiers.first_share == 0.3 { 0.1 } else { 0.3 };
    let (ra, rb) = (evaluate(&s), evaluate(&t));
    let (full, quick) = (diff_results(&ra, &rb), diff_impact(&ra, &rb));
    assert!(!full.impact().is_empty());
    assert_eq!(full.impact(), quick.impact());
    assert_eq!(full.tier_changes(), quick.tier_changes());
    assert!(quick.targets.is_empty() && quick.periods.iter().all(|p| p.tau.is_none()));
}
