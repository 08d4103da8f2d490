//! The official record: the lock refuses every kind of change of a locked scenario; what-if copies; names that
//! never collide; the flag through the file format.

use std::rc::Rc;

use pbcalc::model::record::{check, unique_name, what_if, ChangeKind};
use pbcalc::model::{codec, edit, paste, sample::sample, Scenario};

fn locked_sample() -> Scenario {
    let mut s = sample();
    s.locked = true;
    s
}

/// The list after editing scenario `i` with `f` (as the app does: a copy replaces it).
fn edited(list: &[Rc<Scenario>], i: usize, f: impl FnOnce(&mut Scenario)) -> Vec<Rc<Scenario>> {
    let mut next = (*list[i]).clone();
    f(&mut next);
    let mut out = list.to_vec();
    out[i] = Rc::new(next);
    out
}

#[test]
fn sample_is_not_locked_and_the_flag_travels_through_the_file() {
    assert!(!sample().locked);
    let s = locked_sample();
    let text = codec::scenario_to_value(&s).to_string();
    let back = codec::scenario_from_value(&serde_json::from_str(&text).unwrap()).unwrap();
    assert!(back.locked);
    assert_eq!(back, s);
    // Absent → false; not a boolean → refused with its path.
    let mut v = codec::scenario_to_value(&s);
    v.as_object_mut().unwrap().remove("locked");
    assert!(!codec::scenario_from_value(&v).unwrap().locked);
    v["locked"] = serde_json::json!("yes");
    let problems = codec::scenario_from_value(&v).unwrap_err();
    assert!(problems.iter().any(|p| p.path == "locked"), "{problems:?}");
}

#[test]
fn every_kind_of_edit_of_a_locked_scenario_is_refused() {
    let list = vec![Rc::new(locked_sample()), Rc::new(sample())];
    let s = &list[0];

    // Any editor: a branch renamed.
    let mut b = s.branches[0].clone();
    b.name = "改名".into();
    let after = edited(&list, 0, |sc| edit::update_branch(sc, 0, b).unwrap());
    assert!(check(&list, 0, &after, ChangeKind::EditCurrent).is_err());
    // Even an edit that changes nothing is refused up front (the editors are read-only).
    assert!(check(&list, 0, &list, ChangeKind::EditCurrent).is_err());

    // A paste into the periods grid: a block of cells parsed and written at once (peers' scores of two branches).
    let block = paste::parse("80\n90");
    assert_eq!(block.height(), 2);
    let cells: Vec<_> = block
        .cells()
        .map(|(row, _, text)| {
            let field = edit::records::RecordField::Peers;
            let value = edit::records::parse_field(s, &field, text).unwrap();
            (s.branches[row].id.clone(), field, value)
        })
        .collect();
    let after = edited(&list, 0, |sc| edit::records::set_fields(sc, 0, &cells).unwrap());
    assert_ne!(after[0], list[0]);
    assert!(check(&list, 0, &after, ChangeKind::EditCurrent).is_err());

    // The bulk suggested targets.
    let after = edited(&list, 0, |sc| {
        edit::targets::apply_suggested_to_flagged(sc).unwrap();
    });
    assert_ne!(after[0], list[0], "the sample has flagged targets");
    assert!(check(&list, 0, &after, ChangeKind::EditCurrent).is_err());
    // ... and the same change reaching the list by any other road (List) is refused too.
    assert_eq!(check(&list, 0, &after, ChangeKind::List).unwrap_err().index, 0);

    // Import while it is current.
    let mut imported = list.clone();
    imported.push(Rc::new(sample()));
    assert!(check(&list, 0, &imported, ChangeKind::ImportInto).is_err());

    // Rename, delete.
    let renamed = edited(&list, 0, |sc| sc.name = "新名".into());
    assert!(check(&list, 1, &renamed, ChangeKind::List).is_err());
    let deleted = vec![list[1].clone()];
    assert!(check(&list, 1, &deleted, ChangeKind::List).is_err());

    // Undo of an edit made before locking: the step holds the unlocked scenario (same content, unlocked, or an
    // older content): either would change the record.
    let mut unlocked = (*list[0]).clone();
    unlocked.locked = false;
    let undo_target = vec![Rc::new(unlocked.clone()), list[1].clone()];
    assert!(check(&list, 1, &undo_target, ChangeKind::List).is_err());
    unlocked.branches[0].members += 1;
    let older = vec![Rc::new(unlocked), list[1].clone()];
    assert!(check(&list, 0, &older, ChangeKind::List).is_err());
}

#[test]
fn changes_that_leave_the_record_as_it_is_are_allowed() {
    let list = vec![Rc::new(locked_sample()), Rc::new(sample())];
    // Editing the other (unlocked) scenario.
    let mut b = list[1].branches[0].clone();
    b.name = "改名".into();
    let after = edited(&list, 1, |sc| edit::update_branch(sc, 0, b).unwrap());
    assert!(check(&list, 1, &after, ChangeKind::EditCurrent).is_ok());
    // Importing while the other is current; adding, duplicating, deleting others; the record moving in the list.
    let mut more = list.clone();
    more.push(Rc::new(sample()));
    assert!(check(&list, 1, &more, ChangeKind::ImportInto).is_ok());
    let copy = what_if(&list[0], list.iter().map(|s| s.name.as_str()), "试算");
    let moved = vec![list[1].clone(), Rc::new(copy), list[0].clone()];
    assert!(check(&list, 0, &moved, ChangeKind::List).is_ok());
    let fewer = vec![list[0].clone()];
    assert!(check(&list, 0, &fewer, ChangeKind::List).is_ok());
    // Undo to a step that holds an equal copy of the record (not the same Rc).
    let equal = vec![Rc::new((*list[0]).clone())];
    assert!(check(&list, 0, &equal, ChangeKind::List).is_ok());
    // Nothing locked: nothing refused.
    let open = vec![Rc::new(sample())];
    let after = edited(&open, 0, |sc| sc.name = "x".into());
    assert!(check(&open, 0, &after, ChangeKind::EditCurrent).is_ok());
}

#[test]
fn what_if_copy_is_unlocked_and_named_after_the_record() {
    let s = locked_sample();
    let copy = what_if(&s, [s.name.as_str()], "试算");
    assert!(!copy.locked);
    assert_eq!(copy.name, format!("{}（试算）", s.name));
    assert_eq!(Scenario { name: s.name.clone(), locked: true, ..copy.clone() }, s, "only the name and the flag differ");
    // A second copy does not collide with the first.
    let names = [s.name.clone(), copy.name.clone()];
    let second = what_if(&s, names.iter().map(|n| n.as_str()), "试算");
    assert_eq!(second.name, format!("{}（试算）（2）", s.name));
}

#[test]
fn names_never_collide() {
    let names = ["方案", "方案（2）", "其他"];
    assert_eq!(unique_name(names, "新方案"), "新方案");
    assert_eq!(unique_name(names, "方案"), "方案（3）");
    assert_eq!(unique_name(["方案"], "方案"), "方案（2）");
    assert_eq!(unique_name(["其他", "其他（2）", "其他（3）"], "其他"), "其他（4）");
    // A name at the length limit keeps its suffix and stays within the limit.
    let long: String = "长".repeat(pbcalc::model::MAX_NAME_CHARS);
    let n = unique_name([long.as_str()], &long);
    assert!(n.ends_with("（2）"));
    assert_eq!(n.chars().count(), pbcalc::model::MAX_NAME_CHARS);
    assert!(pbcalc::model::validate::name(&n).is_ok());
}
