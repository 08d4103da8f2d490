//! [`Chunk`]: a part of a scenario shared between its versions, copied on write.
//!
//! Every edit makes a new version of the scenario (the old one stays for undo and for whoever still shows it),
//! so the version is a copy. The big, seldom-edited parts — a record's actuals and vetoes, a branch's history and
//! overrides — are chunks: copying a scenario copies a pointer for each, and an edit copies only the chunk it
//! writes to (`DerefMut` copies it first when another version shares it). Reading goes through `Deref`, as if the
//! part were held directly; the file format does not see chunks.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value shared by pointer between scenario versions, copied on write.
pub struct Chunk<T>(Arc<T>);

impl<T> Chunk<T> {
    pub fn new(value: T) -> Chunk<T> {
        Chunk(Arc::new(value))
    }

    /// Whether both are the same allocation (one version's part shared by the other).
    pub fn ptr_eq(a: &Chunk<T>, b: &Chunk<T>) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Default> Default for Chunk<T> {
    fn default() -> Self {
        Chunk::new(T::default())
    }
}

impl<T> Clone for Chunk<T> {
    fn clone(&self) -> Self {
        Chunk(self.0.clone())
    }
}

impl<T> Deref for Chunk<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Chunk<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Chunk<T> {
    fn from(value: T) -> Self {
        Chunk::new(value)
    }
}

/// A map written as a list of pairs (`[(key, value)].into()`), like `BTreeMap::from`.
impl<K: Ord, V, const N: usize> From<[(K, V); N]> for Chunk<std::collections::BTreeMap<K, V>> {
    fn from(pairs: [(K, V); N]) -> Self {
        Chunk::new(std::collections::BTreeMap::from(pairs))
    }
}

impl<T, A> FromIterator<A> for Chunk<T>
where
    T: FromIterator<A>,
{
    fn from_iter<I: IntoIterator<Item = A>>(iter: I) -> Self {
        Chunk::new(T::from_iter(iter))
    }
}

impl<'a, T> IntoIterator for &'a Chunk<T>
where
    &'a T: IntoIterator,
{
    type Item = <&'a T as IntoIterator>::Item;
    type IntoIter = <&'a T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        (&*self.0).into_iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Chunk<T>
where
    &'a mut T: IntoIterator,
{
    type Item = <&'a mut T as IntoIterator>::Item;
    type IntoIter = <&'a mut T as IntoIterator>::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).into_iter()
    }
}

/// Compares the values as if held directly; a chunk shared by both is equal without looking (scenario values are
/// finite numbers, never NaN, so this is what comparing the values would say).
impl<T: PartialEq> PartialEq for Chunk<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Chunk<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Written exactly as the value it holds.
impl<T: serde::Serialize> serde::Serialize for Chunk<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (*self.0).serialize(serializer)
    }
}
