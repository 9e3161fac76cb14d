//! Hashing, hash-keyed maps and the sort of packed index keys: what
//! preparing, the lexicon, linking and judging share.

use std::collections::HashMap;

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Clone, Copy, Default)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v;
    }
    fn write_u8(&mut self, v: u8) {
        self.0 = (self.0.rotate_left(8) ^ v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A fast hasher for short strings (words): eight bytes a step.
#[derive(Clone, Copy, Default)]
pub(crate) struct StrHasher(u64);

impl StrHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for StrHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        // The last 1 to 7 bytes: their first and last four (overlapping),
        // or their first, middle and last.
        let rest = chunks.remainder();
        let n = rest.len();
        if n > 0 {
            let v = if n >= 4 {
                let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
                word(rest) | word(&rest[n - 4..]) << 32
            } else {
                rest[0] as u64 | (rest[n / 2] as u64) << 8 | (rest[n - 1] as u64) << 16
            };
            self.add(v ^ (n as u64) << 59);
        }
    }
    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.add(v as u64);
    }
}

/// A map keyed by hashes.
pub(crate) type KeyMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// FNV-1a with a final mix: a stable 64-bit hash (the same on every
/// platform and run, so results never depend on hashing order).
pub(crate) fn hash_bytes(salt: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ salt;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, salt)
}

/// Combines two hashes.
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The cache key of a document.
pub(crate) fn doc_key(text: &str, ignored: &[(usize, usize)]) -> u64 {
    let mut h = hash_bytes(1, text.as_bytes());
    for &(s, e) in ignored {
        h = mix(h, mix(s as u64, e as u64));
    }
    h
}

/// Sorts packed index keys: by their top bits into buckets (the keys are
/// hashes, so most buckets hold a key or two), then each bucket on its
/// own. The same order as `sort_unstable`, in about linear time.
pub(crate) fn sort_keys(all: &mut Vec<u128>) {
    let n = all.len();
    if n < 64 {
        all.sort_unstable();
        return;
    }
    let bits = (usize::BITS - (n - 1).leading_zeros()).min(16);
    // The bucket of a key: its top bits (from its high half, cheaper to
    // shift than the whole).
    let shift = 64 - bits;
    let bucket_of = |x: u128| ((x >> 64) as u64 >> shift) as usize;
    let buckets = 1usize << bits;
    // `ends[b]`: first the start of bucket `b`, after the scatter its end.
    let mut ends = vec![0u32; buckets + 1];
    for &x in all.iter() {
        ends[bucket_of(x) + 1] += 1;
    }
    for b in 0..buckets {
        ends[b + 1] += ends[b];
    }
    let mut out = all.clone();
    for &x in all.iter() {
        let slot = &mut ends[bucket_of(x)];
        out[*slot as usize] = x;
        *slot += 1;
    }
    let mut lo = 0usize;
    for &hi in &ends[..buckets] {
        let hi = hi as usize;
        let bucket = &mut out[lo..hi];
        if bucket.len() > 16 {
            bucket.sort_unstable();
        } else {
            crate::sort::insertion_sort_by(bucket, u128::cmp);
        }
        lo = hi;
    }
    *all = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_sort_is_a_sort() {
        // Hashed keys, repeated keys (a term in many units) and crowded
        // top bits all come out as `sort_unstable` orders them.
        let mut rand = crate::engine::xorshift(0x2545_f491_4f6c_dd1du64);
        for n in [0usize, 1, 63, 64, 65, 500, 3000] {
            for crowd in [0u32, 8, 60] {
                let mut v: Vec<u128> = (0..n)
                    .map(|i| {
                        let key = if i % 3 == 0 { 42 } else { rand() >> crowd };
                        (key as u128) << 64 | ((rand() % 4) as u128) << 32 | (i % 50) as u128
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                sort_keys(&mut v);
                assert_eq!(v, want, "n={n} crowd={crowd}");
            }
        }
    }
}
