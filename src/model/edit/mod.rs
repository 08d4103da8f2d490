//! Edits of a scenario that keep it consistent (no dangling references), used by the UI's actions.
//! Each returns the problems that stop it, leaving the scenario unchanged, or applies it whole.
//! Branches are here; the other parts of a scenario have a module each.

pub mod categories;
pub mod indicators;
pub mod plans;
pub mod records;
pub mod settings;
pub mod targets;

use std::collections::BTreeMap;

use super::{validate, Branch, Problem, Scenario};

/// Removes `key` from an id-keyed map and returns its value, as `BTreeMap::remove` does, by rebuilding the map
/// from its other entries. Every edit that drops an entry of a model map goes through here (or
/// [`retain_entries`]): the WebAssembly build then carries no B-tree node removal and rebalancing code for the
/// model's map types (a few KB for each key/value type); the maps are small, or the edit is rare.
pub fn remove_key<V>(map: &mut BTreeMap<String, V>, key: &str) -> Option<V> {
    if !map.contains_key(key) {
        return None;
    }
    let mut taken = None;
    for (k, v) in std::mem::take(map) {
        if k == key {
            taken = Some(v);
        } else {
            map.insert(k, v);
        }
    }
    taken
}

/// Keeps the entries for which `keep` is true, visiting them in key order (as `BTreeMap::retain` does); see
/// [`remove_key`].
pub fn retain_entries<V>(map: &mut BTreeMap<String, V>, keep: &mut dyn FnMut(&String, &mut V) -> bool) {
    for (k, mut v) in std::mem::take(map) {
        if keep(&k, &mut v) {
            map.insert(k, v);
        }
    }
}

/// A fresh branch id: `b01`, `b02`, … the first one not yet used.
pub fn next_branch_id(s: &Scenario) -> String {
    (1..).map(|n| format!("b{n:02}")).find(|id| s.branch(id).is_none()).expect("an unused id exists")
}

/// Adds a branch at the end of the list.
pub fn add_branch(s: &mut Scenario, b: Branch) -> Result<(), Vec<Problem>> {
    let problems = validate::branch(&b, s, None);
    if !problems.is_empty() {
        return Err(problems);
    }
    super::limits::room(s, |z| z.branches += 1)?;
    s.branches.push(b);
    Ok(())
}

/// Replaces the branch at `index`. Its id stays as it was (records refer to it).
pub fn update_branch(s: &mut Scenario, index: usize, mut b: Branch) -> Result<(), Vec<Problem>> {
    let Some(old) = s.branches.get(index) else {
        return Err(Vec::new());
    };
    b.id = old.id.clone();
    let problems = validate::branch(&b, s, Some(index));
    if !problems.is_empty() {
        return Err(problems);
    }
    s.branches[index] = b;
    Ok(())
}

/// Removes the branch at `index` together with its records in every period.
pub fn delete_branch(s: &mut Scenario, index: usize) -> Option<Branch> {
    if index >= s.branches.len() {
        return None;
    }
    let b = s.branches.remove(index);
    for p in &mut s.periods {
        remove_key(&mut p.records, &b.id);
    }
    plans::forget_branch(s, &b.id);
    Some(b)
}

/// Test helper of the editors: the scenario passes validation, or the test fails with the problems.
#[cfg(test)]
pub(crate) fn assert_valid(s: &Scenario) {
    let problems = validate::scenario(s);
    assert!(problems.is_empty(), "{problems:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::sample;

    #[test]
    fn add_update_delete_keep_the_scenario_valid() {
        let mut s = sample();
        let id = next_branch_id(&s);
        assert_eq!(id, "b01");
        let mut b = Branch::new(&id, "新建党支部");
        b.members = 10;
        add_branch(&mut s, b.clone()).unwrap();
        assert_eq!(s.branches.last(), Some(&b));

        let mut bad = b.clone();
        bad.conditions.personnel = 9;
        bad.name = String::new();
        let n = s.branches.len() - 1;
        let err = update_branch(&mut s, n, bad).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec!["branches[12].name", "branches[12].conditions.personnel"]);
        assert_eq!(s.branches[n], b, "a refused edit changes nothing");

        let first = s.branches[0].id.clone();
        assert!(s.periods[0].records.contains_key(&first));
        delete_branch(&mut s, 0);
        assert!(s.periods.iter().all(|p| !p.records.contains_key(&first)));
        assert!(validate::scenario(&s).is_empty());
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut s = sample();
        let dup = Branch::new(&s.branches[0].id.clone(), "重复");
        assert!(add_branch(&mut s, dup).is_err());
    }

    #[test]
    fn remove_key_and_retain_entries_match_the_map_methods() {
        let base: BTreeMap<String, u32> = (0..40u32).map(|i| (format!("k{}", i * 7 % 40), i)).collect();
        for key in ["k0", "k13", "k39", "absent", ""] {
            let (mut ours, mut theirs) = (base.clone(), base.clone());
            assert_eq!(remove_key(&mut ours, key), theirs.remove(key), "{key}");
            assert_eq!(ours, theirs, "{key}");
        }
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let (mut seen_ours, mut seen_theirs) = (Vec::new(), Vec::new());
        retain_entries(&mut ours, &mut |k, v| {
            seen_ours.push(k.clone());
            *v += 1;
            *v % 3 != 0
        });
        theirs.retain(|k, v| {
            seen_theirs.push(k.clone());
            *v += 1;
            *v % 3 != 0
        });
        assert_eq!(ours, theirs);
        assert_eq!(seen_ours, seen_theirs);
        assert!(ours.len() < base.len());
    }
}
