//! Arrays of a saved file used where they lie in its memory map instead of
//! being copied out of it.
//!
//! A check loads the prepared TM (`check::tm_cache`, ~115 MB for the
//! benchmark's 100k-unit TM) on every run. Copying its texts, token lists
//! and fuzzy-index arrays into fresh vectors made the kernel hand the
//! process ~140 MB of new pages, each zeroed before use: on the benchmark
//! machine that zeroing was most of the time before the first unit could
//! be checked, and the part of a check's time that varied most from run to
//! run. Pages of a mapped file come from the page cache as they are, so a
//! [`Slab`] over the map costs no new memory at all.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use memmap2::Mmap;

/// Little-endian integers a [`Slab`] can hold: every bit pattern is a
/// value, so any aligned bytes of the right length are a valid `[T]`.
pub(crate) trait Word: Copy + Send + Sync + 'static {
    /// The value of `bytes` (exactly `size_of::<Self>()` of them),
    /// little-endian.
    fn from_le(bytes: &[u8]) -> Self;
}

impl Word for u8 {
    fn from_le(bytes: &[u8]) -> Self {
        bytes.first().copied().unwrap_or(0)
    }
}

impl Word for u32 {
    fn from_le(bytes: &[u8]) -> Self {
        bytes.try_into().map_or(0, u32::from_le_bytes)
    }
}

impl Word for u64 {
    fn from_le(bytes: &[u8]) -> Self {
        bytes.try_into().map_or(0, u64::from_le_bytes)
    }
}

/// What keeps a [`Slab`]'s items alive.
enum Owner<T> {
    /// Items of its own.
    Vec(Vec<T>),
    /// Items inside a mapped file.
    Map(Arc<Mmap>),
}

/// An immutable `[T]` that is either a vector's or part of a mapped file:
/// derefs to the slice either way, as cheaply as a `Vec` does.
pub(crate) struct Slab<T: Word> {
    ptr: *const T,
    len: usize,
    owner: Owner<T>,
}

// SAFETY: a slab is an immutable slice of `T` (which is `Send + Sync`)
// together with what owns it (a `Vec<T>`, or an `Arc<Mmap>`, both `Send +
// Sync`); nothing is ever written through `ptr`.
unsafe impl<T: Word> Send for Slab<T> {}
// SAFETY: as above.
unsafe impl<T: Word> Sync for Slab<T> {}

impl<T: Word> Slab<T> {
    /// The items of `bytes`, a part of `map`: in place when they are
    /// aligned for `T` and this machine is little-endian (the saved formats
    /// align every array they want used in place), decoded into a vector
    /// otherwise. Trailing bytes short of a whole item are ignored.
    pub(crate) fn in_map(map: &Arc<Mmap>, bytes: &[u8]) -> Slab<T> {
        let size = std::mem::size_of::<T>();
        let within = {
            let outer = map.as_ptr_range();
            let inner = bytes.as_ptr_range();
            outer.start <= inner.start && inner.end <= outer.end
        };
        let aligned = bytes.as_ptr().align_offset(std::mem::align_of::<T>()) == 0;
        if cfg!(target_endian = "little") && within && aligned && bytes.len().is_multiple_of(size) {
            Slab {
                ptr: bytes.as_ptr().cast::<T>(),
                len: bytes.len() / size,
                owner: Owner::Map(Arc::clone(map)),
            }
        } else {
            Slab::from(bytes.chunks_exact(size).map(T::from_le).collect::<Vec<T>>())
        }
    }

    /// True when the items are those of a mapped file (not copied).
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        matches!(self.owner, Owner::Map(_))
    }

    /// Bytes of memory of its own (none when mapped).
    pub(crate) fn heap_bytes(&self) -> usize {
        match &self.owner {
            Owner::Vec(v) => v.capacity() * std::mem::size_of::<T>(),
            Owner::Map(_) => 0,
        }
    }
}

impl<T: Word> From<Vec<T>> for Slab<T> {
    fn from(v: Vec<T>) -> Slab<T> {
        Slab {
            ptr: v.as_ptr(),
            len: v.len(),
            owner: Owner::Vec(v),
        }
    }
}

impl<T: Word> Deref for Slab<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` and `len` describe either the vector's buffer
        // (whose heap allocation does not move when the vector does, and is
        // never changed: the slab gives no mutable access) or aligned bytes
        // inside the map, checked in `in_map`, valid as `T` whatever they
        // are (see `Word`) and alive while `owner` holds the map. The map
        // itself is of a file concord only ever replaces by renaming a new
        // one over it, so the mapped bytes do not change under us.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl<T: Word> Default for Slab<T> {
    fn default() -> Slab<T> {
        Slab::from(Vec::new())
    }
}

impl<T: Word> Clone for Slab<T> {
    fn clone(&self) -> Slab<T> {
        match &self.owner {
            Owner::Vec(v) => Slab::from(v.clone()),
            Owner::Map(map) => Slab {
                ptr: self.ptr,
                len: self.len,
                owner: Owner::Map(Arc::clone(map)),
            },
        }
    }
}

impl<T: Word + fmt::Debug> fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: Word + PartialEq> PartialEq for Slab<T> {
    fn eq(&self, other: &Slab<T>) -> bool {
        **self == **other
    }
}

impl<T: Word + Eq> Eq for Slab<T> {}

/// `path` mapped into memory, for reading only.
pub(crate) fn map_file(path: &std::path::Path) -> Option<Arc<Mmap>> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: the files concord maps (its saved, prepared TMs) are only
    // ever replaced by renaming a new file over them, which leaves a
    // mapped one as it was; whatever their bytes are, the readers check
    // them (checksum, bounds, UTF-8) before using them.
    let map = unsafe { Mmap::map(&file) }.ok()?;
    Some(Arc::new(map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn mapped(bytes: &[u8]) -> Arc<Mmap> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f.flush().unwrap();
        map_file(f.path()).unwrap()
    }

    #[test]
    fn aligned_items_are_used_in_place_and_others_copied() {
        let mut bytes = Vec::new();
        for v in [1u32, 2, 3, 0xdead_beef] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.push(9);
        let map = mapped(&bytes);
        let aligned: Slab<u32> = Slab::in_map(&map, &map[..16]);
        assert_eq!(&*aligned, &[1, 2, 3, 0xdead_beef]);
        assert_eq!(aligned.is_mapped(), cfg!(target_endian = "little"));
        assert_eq!(aligned.heap_bytes(), 0);
        // Misaligned, or a piece of an item left over: decoded, same values.
        let shifted: Slab<u32> = Slab::in_map(&map, &map[1..13]);
        assert!(!shifted.is_mapped());
        assert_eq!(shifted.len(), 3);
        let ragged: Slab<u32> = Slab::in_map(&map, &map[..17]);
        assert!(!ragged.is_mapped());
        assert_eq!(&*ragged, &*aligned);
        // Bytes outside the map are never used in place.
        let elsewhere: Slab<u32> = Slab::in_map(&map, &bytes[..16]);
        assert!(!elsewhere.is_mapped());
        assert_eq!(elsewhere, aligned);
        // A clone of a mapped slab shares the map; it outlives the original.
        let clone = aligned.clone();
        drop(aligned);
        drop(map);
        assert_eq!(&*clone, &[1, 2, 3, 0xdead_beef]);
    }

    #[test]
    fn a_vector_slab_is_the_vector() {
        let s = Slab::from(vec![7u64, 8]);
        assert_eq!(&*s, &[7, 8]);
        assert!(!s.is_mapped());
        assert_eq!(Slab::<u64>::default().len(), 0);
        assert_eq!(format!("{s:?}"), "[7, 8]");
    }
}
