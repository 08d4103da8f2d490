//! The walk-through's steps on the built-in sample: each step's live change moves the numbers it names, in the
//! direction its text says, and taking it back (the sample as it was) restores them.

use pbcalc::demo::{changed, moved, STEPS};
use pbcalc::engine::{evaluate, Tier};
use pbcalc::i18n::Lang;
use pbcalc::model::sample::sample;

fn num(v: &str, prefix: &str) -> f64 {
    let rest = &v[v.find(prefix).unwrap_or_else(|| panic!("{prefix} in {v}")) + prefix.len()..];
    rest.split_whitespace().next().unwrap().trim_end_matches('%').parse().unwrap()
}

#[test]
fn every_step_moves_what_it_names_and_taking_it_back_restores_it() {
    let s = sample();
    for (i, _) in STEPS.iter().enumerate() {
        let after = changed(i, &s);
        assert_ne!(after, s, "step {} changes the scenario", i + 1);
        for lang in Lang::ALL {
            let m = moved(i, &s, &after, lang);
            assert!(!m.is_empty(), "step {} moves something", i + 1);
            assert!(m.iter().all(|x| x.before != x.after));
        }
        // Taking the change back is going back to the scenario before it: nothing differs.
        assert!(moved(i, &s, &s, Lang::Zh).is_empty());
    }
}

#[test]
fn the_steps_move_in_the_direction_their_text_says() {
    let s = sample();
    let m = |i: usize| moved(i, &s, &changed(i, &s), Lang::En);
    // 1 better conditions → higher targets (higher-is-better) or lower ones (lower-is-better cost, complaints).
    let targets = m(0);
    assert!(targets.len() >= 2, "{targets:?}");
    assert!(targets.iter().any(|x| num(&x.after, "= ") > num(&x.before, "= ")));
    // 2 and 4: wider tolerance / elastic → score fractions never fall, some rise.
    for i in [1, 3] {
        let v = m(i);
        assert!(v.iter().all(|x| num(&x.after, "s ") >= num(&x.before, "s ")), "{v:?}");
        assert!(v.iter().any(|x| num(&x.after, "s ") > num(&x.before, "s ")), "{v:?}");
    }
    // 5 the vetoed branch keeps its score and lands in the bottom tier.
    let after = changed(4, &s);
    let (r0, r1) = (evaluate(&s), evaluate(&after));
    let best = &r0.periods.last().unwrap().rows[0];
    let now = r1.periods.last().unwrap().rows.iter().find(|r| r.branch == best.branch).unwrap();
    assert_eq!(now.final_score, best.final_score);
    assert_eq!((best.tier, now.tier), (Tier::First, Tier::Bottom));
    assert!(now.vetoed);
    // 7 a larger first-tier share: more first-tier branches.
    let firsts =
        |r: &pbcalc::engine::Results| r.periods.last().unwrap().rows.iter().filter(|r| r.tier == Tier::First).count();
    assert!(firsts(&evaluate(&changed(6, &s))) > firsts(&r0));
    // 10 a higher veto probability: demotion chances rise.
    let v = m(9);
    assert!(v.iter().all(|x| num(&x.after, "") >= num(&x.before, "")), "{v:?}");
}

#[test]
#[ignore]
fn print_steps() {
    let s = sample();
    for i in 0..STEPS.len() {
        for x in moved(i, &s, &changed(i, &s), Lang::Zh).iter().take(4) {
            println!("{} {}: {} → {}", i + 1, x.what, x.before, x.after);
        }
    }
}
