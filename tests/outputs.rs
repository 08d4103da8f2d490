//! Outputs a committee member can paste and trust: grade reasons at the floor, the remedy offered for a flagged
//! target, and the ranking CSV written as the results page shows it.

use pbcalc::engine::grades::{apply_rules, CycleFacts};
use pbcalc::engine::motivation::{probability, remedy, Remedy};
use pbcalc::engine::results::evaluate;
use pbcalc::engine::{MotivationClass, Reason, Tier};
use pbcalc::i18n::pages::outputs::{assessed_line, grade_reason, no_remedy_text, pool_line};
use pbcalc::i18n::Lang;
use pbcalc::model::edit::targets::{apply_suggested, fixable_cells, flagged_cells, suggestion};
use pbcalc::model::sample::sample;
use pbcalc::model::settings::{Grades, Motivation, Settings};
use pbcalc::model::Direction;
use pbcalc::report::ranking_csv;

fn grades() -> Grades {
    Settings::default().grades
}

#[test]
fn a_demotion_at_the_lowest_grade_says_the_grade_stayed() {
    let g = grades();
    let facts = CycleFacts { score: 80.0, tier: Tier::Middle, vetoed: false, warnings: g.warnings_to_demote };
    let step = apply_rules(1, 0, &facts, &g);
    assert_eq!((step.grade, step.reason), (1, Reason::Warnings));
    let zh = grade_reason(step.reason, 1, step.grade, &g, Lang::Zh);
    assert_eq!(zh, format!("黄牌达到 {} 次（已是最低等级，等级不变）", g.warnings_to_demote));
    assert!(!zh.contains("降 1 级"));
    let en = grade_reason(step.reason, 1, step.grade, &g, Lang::En);
    assert!(en.contains("already the lowest grade") && !en.contains("down 1"), "{en}");
    // Higher up the rule reads as before.
    assert!(grade_reason(Reason::Warnings, 3, 2, &g, Lang::Zh).contains("降 1 级"));
    // A veto that drops 2 grades from grade 2 goes down only 1.
    assert_eq!(g.veto_drop, 2);
    assert_eq!(grade_reason(Reason::Veto, 2, 1, &g, Lang::Zh), "一票否决：降 1 级（已到最低等级）");
    assert_eq!(grade_reason(Reason::Veto, 1, 1, &g, Lang::Zh), "一票否决（已是最低等级，等级不变）");
    assert_eq!(grade_reason(Reason::Bottom, 1, 1, &g, Lang::Zh), "周期列末档（已是最低等级，等级不变）");
    assert_eq!(grade_reason(Reason::Promoted, 2, 3, &g, Lang::Zh), "周期列第一档：升 1 级");
}

#[test]
fn assessed_and_pool_lines() {
    assert_eq!(assessed_line(2, 13, Lang::Zh).0, "仅 2/13 个支部参评：排名、档次、奖金只在参评支部之间计算");
    assert!(assessed_line(2, 13, Lang::Zh).1);
    assert_eq!(assessed_line(13, 13, Lang::Zh), ("13/13 个支部参评".to_string(), false));
    assert_eq!(pool_line(100000.0, 9, Lang::Zh), "奖金池 100000 元由 9 个支部分享");
    assert_eq!(pool_line(100000.0, 9, Lang::En), "Bonus pool of 100000 yuan shared by 9 branches");
}

fn mot() -> Motivation {
    Settings::default().motivation
}

#[test]
fn the_suggested_target_is_kept_when_it_is_motivating() {
    let m = mot();
    assert_eq!(remedy(Direction::Higher, 0, 10.0, 1.0, &m), Some(Remedy::Target(10.0)));
}

#[test]
fn a_coarse_suggestion_is_replaced_by_the_nearest_motivating_value() {
    // p* = 0.85 close to easy_above 0.9: the ideal target 10.49 rounds to 10, which is too easy; 11 is not.
    let m = Motivation { desired: 0.85, ..mot() };
    let (mu, sigma) = (10.9, 0.4);
    let p10 = probability(Direction::Higher, 10.0, mu, sigma);
    assert!(p10 > m.easy_above, "{p10}");
    assert_eq!(remedy(Direction::Higher, 0, mu, sigma, &m), Some(Remedy::Target(11.0)));
}

#[test]
fn when_no_whole_target_is_motivating_it_says_so() {
    let m = mot();
    // p(1) ≈ 0.95 and p(2) ≈ 0.11: every whole target is too easy or out of reach.
    let (mu, sigma) = (1.5729, 0.34825);
    let r = remedy(Direction::Higher, 0, mu, sigma, &m).unwrap();
    let Remedy::None { below, above } = r else { panic!("{r:?}") };
    assert_eq!((below.0, above.0), (1.0, 2.0));
    assert_eq!(no_remedy_text(&r, 0, Lang::Zh).unwrap(), "1 → 95 %，2 → 11 %：整数目标无法兼顾");
    assert_eq!(no_remedy_text(&r, 0, Lang::En).unwrap(), "1 → 95 %, 2 → 11 %: no whole-number target is motivating");
    assert_eq!(no_remedy_text(&Remedy::Target(1.0), 0, Lang::Zh), None);
}

#[test]
fn every_offered_fix_makes_the_target_motivating_and_the_bulk_counts_only_those() {
    let mut s = sample();
    // Narrow the motivating band so some whole-number targets of the sample cannot be fixed.
    s.settings.motivation = Motivation { easy_above: 0.62, hard_below: 0.55, desired: 0.6, min_cv: 0.01 };
    let flagged = flagged_cells(&s);
    let fixable = fixable_cells(&s);
    assert!(
        fixable.len() < flagged.len(),
        "some flagged targets cannot be fixed: {} of {}",
        fixable.len(),
        flagged.len()
    );
    assert!(!fixable.is_empty());
    for (b, i) in &fixable {
        let mut t = s.clone();
        let v = suggestion(&t, b, i).unwrap();
        apply_suggested(&mut t, &[(b.clone(), i.clone())]).unwrap();
        let class = pbcalc::engine::motivation::check(&t, b, i).unwrap().class;
        assert_eq!(class, MotivationClass::Motivating, "{b}/{i} at {v}");
    }
}

#[test]
fn the_ranking_csv_shows_numbers_as_the_page_does_and_names_its_period() {
    let s = sample();
    let r = evaluate(&s);
    let p = r.periods.last().unwrap();
    let csv = ranking_csv(&s, p, Lang::Zh);
    let period = s.periods.iter().find(|x| x.id == p.period).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("期间编号,期间名称,"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), p.rows.len());
    for (line, row) in rows.iter().zip(&p.rows) {
        assert!(line.starts_with(&format!("{},{},", period.id, period.name)), "{line}");
        for cell in line.split(',') {
            if let Some((_, frac)) = cell.split_once('.') {
                if cell.trim_start_matches('-').replace('.', "").chars().all(|c| c.is_ascii_digit()) {
                    assert!(frac.len() <= 2, "{cell} in {line}");
                }
            }
            assert!(!cell.contains('e') || !cell.chars().next().unwrap_or('x').is_ascii_digit(), "{cell}");
        }
        assert!(line.contains(&format!(",{:.2},", row.final_score)), "{line}");
    }
}

#[test]
fn docs_name_package_registries_by_what_they_are() {
    for (name, text) in
        [("README.md", include_str!("../README.md")), ("scripts/setup.sh", include_str!("../scripts/setup.sh"))]
    {
        for host in ["crates.io", "npmjs.com", "deb.debian.org"] {
            assert!(!text.contains(host), "{name} names the registry {host} by its host name");
        }
    }
}
