//! Hashers for the maps a check probes once per word or per character.
//!
//! The standard SipHash resists hash flooding, which these maps do not need
//! (their keys are the words of one's own glossary and documents), and its
//! set-up cost showed in every profile of `concord check`. Two small
//! hashers replace it where keys are short:
//!
//! - [`Fnv`] for strings (words, keys of words, folded sentences);
//! - [`MixHasher`] for keys that are integers already (packed characters,
//!   ids, hashes): one splitmix64 finaliser, so the bucket bits depend on
//!   every key bit.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's scheme eight bytes at a time, with a splitmix64 finaliser: a
/// key of a word costs one or two multiplications, a sentence (the TM's
/// exact-match keys) a few dozen instead of one per byte.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x9e37_79b9_7f4a_7c15;

impl Default for Fnv {
    fn default() -> Self {
        Fnv(SEED)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
        }
        let rest = words.remainder();
        // The length keeps "a" and "a\0" apart.
        self.0 = (self.0 ^ padded_le(rest) ^ ((rest.len() as u64) << 59)).wrapping_mul(PRIME);
    }
    /// `write(&[b])`, as `str`'s terminator is hashed after every key.
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b) ^ (1 << 59)).wrapping_mul(PRIME);
    }
}

/// The bytes of `rest` (fewer than eight) as a little-endian number, as if
/// zero-padded to eight: two overlapping loads instead of a copy into a
/// buffer, which was a `memcpy` call for every key hashed (words, keys,
/// term candidates: hundreds a unit).
fn padded_le(rest: &[u8]) -> u64 {
    let n = rest.len();
    if let (Some(lo), Some(hi)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        // Bytes 4-n..4 are in both halves: the same bytes, OR-ed.
        u64::from(u32::from_le_bytes(*lo)) | (u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4)))
    } else if let (Some(lo), Some(hi)) = (rest.first_chunk::<2>(), rest.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*lo)) | (u64::from(u16::from_le_bytes(*hi)) << (8 * (n - 2)))
    } else {
        rest.first().map_or(0, |&b| u64::from(b))
    }
}

/// A splitmix64 finaliser over integer keys.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0 ^ n);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// splitmix64's finaliser.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// [`Fnv`] of `s` as a number (without `str`'s 0xff terminator): a hash
/// that is the same on every run, for grouping texts that are then
/// compared.
pub(crate) fn fnv_str(s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(s.as_bytes());
    h.finish()
}

/// [`fnv_str`] of `s.to_ascii_lowercase()`, without the copy: comparison
/// keys of English targets are their lower-cased text, and only their hash
/// is needed for most units.
pub(crate) fn fnv_ascii_lowercase(s: &str) -> u64 {
    let mut h = Fnv::default();
    let bytes = s.as_bytes();
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h.0 = (h.0 ^ ascii_lowercase_word(u64::from_le_bytes(word))).wrapping_mul(PRIME);
    }
    let rest = words.remainder();
    let word = ascii_lowercase_word(padded_le(rest));
    h.0 = (h.0 ^ word ^ ((rest.len() as u64) << 59)).wrapping_mul(PRIME);
    h.finish()
}

/// `make_ascii_lowercase` of the eight bytes of `w` at once (bytes from
/// 0x80 up are left as they are): lower-casing byte by byte was most of
/// hashing a target's key.
fn ascii_lowercase_word(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Each byte's low seven bits; adding to them carries into no other byte.
    let low = w & !HIGH;
    // The high bit of each byte: set where the low bits are >= 'A' ...
    let from_a = low + ONES * (0x80 - u64::from(b'A'));
    // ... and where they are > 'Z'.
    let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    // An ASCII capital: from 'A', not past 'Z', high bit clear.
    let capital = from_a & !past_z & !w & HIGH;
    // 0x80 >> 2 is 0x20, the bit that makes a capital lower case.
    w | (capital >> 2)
}

pub(crate) type MixBuild = BuildHasherDefault<MixHasher>;
/// A map keyed by integers.
pub(crate) type MixMap<K, V> = HashMap<K, V, MixBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lowercase_hash_is_the_hash_of_the_lowercased_text() {
        for s in [
            "",
            "A",
            "Belt and ROAD",
            "中国-中亚 Spirit",
            "ABCDEFGH",
            "ABCDEFGHI",
        ] {
            assert_eq!(
                fnv_ascii_lowercase(s),
                fnv_str(&s.to_ascii_lowercase()),
                "{s}"
            );
        }
    }

    #[test]
    fn word_lowercasing_of_every_byte() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b, b'Z', 0x80, b'@', b'[', b'a', 0xC1, b'A']);
            let mut want = word.to_le_bytes();
            want.make_ascii_lowercase();
            assert_eq!(
                ascii_lowercase_word(word),
                u64::from_le_bytes(want),
                "{b:#x}"
            );
        }
    }

    /// The zero-padded little-endian value the loads must give.
    fn padded_by_copy(rest: &[u8]) -> u64 {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        u64::from_le_bytes(word)
    }

    #[test]
    fn terminator_byte_hashes_as_a_one_byte_write() {
        for b in 0..=255u8 {
            let (mut a, mut w) = (Fnv::default(), Fnv::default());
            a.write(b"key");
            w.write(b"key");
            a.write_u8(b);
            w.write(&[b]);
            assert_eq!(a.finish(), w.finish(), "{b}");
        }
    }

    proptest! {
        #[test]
        fn padded_loads_equal_the_copy(bytes in any::<[u8; 7]>(), n in 0usize..8) {
            prop_assert_eq!(padded_le(&bytes[..n]), padded_by_copy(&bytes[..n]));
        }

        #[test]
        fn lowercase_hash_agrees_on_any_text(s in "\\PC{0,40}") {
            prop_assert_eq!(fnv_ascii_lowercase(&s), fnv_str(&s.to_ascii_lowercase()));
        }

        #[test]
        fn word_lowercasing_is_bytewise(bytes in any::<[u8; 8]>()) {
            let mut lower = bytes;
            lower.make_ascii_lowercase();
            prop_assert_eq!(
                ascii_lowercase_word(u64::from_le_bytes(bytes)),
                u64::from_le_bytes(lower)
            );
        }
    }
}
