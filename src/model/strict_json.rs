//! Strict JSON: the text parsed into a [`Value`] in one pass that also finds every key written twice in the same
//! object. A plain `serde_json` read keeps the last of two equal keys silently, so `{"weight": 10, "weight": 0}`
//! would import a 0 nobody sees; here each repeat is a problem at its JSON path (the value read is otherwise
//! the same as `serde_json::from_str`'s, including its nesting limit of 128).

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::problem::{index, join, Problem, ProblemKind};

/// Parses `text`; the value and the duplicate keys found (each at its path), or the parser's error.
pub fn parse(text: &str) -> Result<(Value, Vec<Problem>), serde_json::Error> {
    let dups = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Node { seg: Seg::Root, parent: None, dups: &dups }.deserialize(&mut de)?;
    de.end()?;
    Ok((value, dups.into_inner()))
}

/// One step of a path.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// Where a value sits: its step and its parent; the path is only written out for a duplicate.
#[derive(Clone, Copy)]
struct Node<'a> {
    seg: Seg<'a>,
    parent: Option<&'a Node<'a>>,
    dups: &'a RefCell<Vec<Problem>>,
}

impl Node<'_> {
    fn path(&self) -> String {
        let parent = self.parent.map(Node::path).unwrap_or_default();
        match self.seg {
            Seg::Root => parent,
            Seg::Key(k) => join(&parent, k),
            Seg::Index(i) => index(&parent, i),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        let me = &self;
        while let Some(v) =
            seq.next_element_seed(Node { seg: Seg::Index(out.len()), parent: Some(me), dups: me.dups })?
        {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        let mut seen: HashSet<String> = HashSet::new();
        let me = &self;
        while let Some(key) = map.next_key::<String>()? {
            let child = Node { seg: Seg::Key(&key), parent: Some(me), dups: me.dups };
            let v = map.next_value_seed(child)?;
            if !seen.insert(key.clone()) {
                me.dups.borrow_mut().push(Problem::new(child.path(), ProblemKind::DuplicateKey));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_as_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, 1e300, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        let (v, dups) = parse(text).unwrap();
        assert!(dups.is_empty());
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn every_duplicate_key_is_found_at_its_path() {
        let text = r#"{"name": "a", "branches": [{"id": "b1", "id": "b2", "history": {"x": [1], "x": [2]}}],
                      "name": "b"}"#;
        let (v, dups) = parse(text).unwrap();
        let paths: Vec<&str> = dups.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec!["branches[0].id", "branches[0].history.x", "name"]);
        assert!(dups.iter().all(|p| p.kind == ProblemKind::DuplicateKey));
        assert_eq!(v["name"], "b");
    }

    #[test]
    fn syntax_errors_and_trailing_text_are_the_parsers() {
        assert!(parse("{\"a\": 1").is_err());
        assert!(parse("{} x").is_err());
        assert!(parse(&("[".repeat(200) + &"]".repeat(200))).is_err(), "nesting limit");
    }
}
