//! A list that grows a chunk at a time.
//!
//! What a check keeps of every unit (C001/C002's `Seen`, the findings) grew
//! as `Vec`s by doubling: each doubling of a list of tens of megabytes
//! copied it into fresh memory the kernel had to zero, and the peak held
//! both copies. Chunks of a fixed size are never copied.

/// Items in chunks of [`CHUNK`]; indexed and iterated in push order.
#[derive(Debug)]
pub(crate) struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

/// Items per chunk.
const CHUNK: usize = 4096;

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    pub(crate) fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(item),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(item);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

impl<T> IntoIterator for Chunks<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_order_and_indexes_across_chunks() {
        let mut c = Chunks::default();
        let n = 2 * CHUNK + 5;
        for i in 0..n {
            c.push(i);
        }
        assert_eq!(c.len(), n);
        assert_eq!(c.get(0), Some(&0));
        assert_eq!(c.get(CHUNK), Some(&CHUNK));
        assert_eq!(c.get(n - 1), Some(&(n - 1)));
        assert_eq!(c.get(n), None);
        assert!(c.iter().copied().eq(0..n));
        assert!(c.into_iter().eq(0..n));
        assert_eq!(Chunks::<u8>::default().iter().count(), 0);
    }
}
