//! Sorting for the library: the standard library's sorts natively; in
//! WebAssembly one compact merge sort shared by every element type, since
//! each monomorphized standard sort costs kilobytes of module size.
//!
//! The results are the same on both: the sorts here are stable, and the
//! unstable ones are only called on orders where equal elements are
//! indistinguishable (plain numbers, tuples of them, derived `Ord`).
//!
//! The engine's few hot sorts of large index vectors (`engine::link`,
//! `engine::prepare::sort_keys`) keep the standard sort everywhere: there
//! speed matters more than a few kilobytes.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as [`slice::sort_by`].
#[inline]
pub fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, cmp);
}

/// Sorts `v` stably by the key `f`, as [`slice::sort_by_key`].
#[inline]
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` by its order, as [`slice::sort_unstable`]. For types whose
/// equal elements are indistinguishable.
#[inline]
pub fn sort_unstable<T: Ord>(v: &mut [T]) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, T::cmp);
}

/// Sorts `v` by `cmp`, as [`slice::sort_unstable_by`]. For orders under
/// which equal elements are indistinguishable.
#[inline]
pub fn sort_unstable_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(cmp);
    #[cfg(target_arch = "wasm32")]
    compact::sort_by(v, cmp);
}

/// Sorts a short `v` stably by `cmp`, by insertion (for longer slices
/// the other sorts here).
#[inline]
pub(crate) fn insertion_sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod compact {
    use std::cmp::Ordering;

    /// Up to this many elements, a plain insertion sort: most sorts in the
    /// engine are of a sentence's words, and there the calls through
    /// `dyn` of the merge sort would cost more than the comparisons.
    const SMALL: usize = 24;

    /// Sorts `v` stably by `cmp`: short slices by insertion, longer ones
    /// by finding the order on indices with one non-generic merge sort,
    /// then applying it by swaps.
    pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
        if v.len() <= SMALL {
            return super::insertion_sort_by(v, cmp);
        }
        let mut order = {
            let v: &[T] = v;
            sorted_order(v.len(), &mut |i, j| cmp(&v[i], &v[j]))
        };
        permute(&mut order, &mut |i, j| v.swap(i, j));
    }

    /// The stable sorted order of `0..n` under `cmp` on indices: a bottom-up
    /// merge sort over runs of insertion-sorted blocks; an already sorted
    /// input costs `n - 1` comparisons.
    #[inline(never)]
    fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
        let mut a: Vec<usize> = (0..n).collect();
        if (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater) {
            return a;
        }
        const BLOCK: usize = 8;
        for block in a.chunks_mut(BLOCK) {
            super::insertion_sort_by(block, |&x, &y| cmp(x, y));
        }
        let mut b = vec![0usize; n];
        let mut width = BLOCK;
        while width < n {
            let mut lo = 0;
            while lo < n {
                let mid = (lo + width).min(n);
                let hi = (lo + 2 * width).min(n);
                let (mut i, mut j) = (lo, mid);
                for slot in &mut b[lo..hi] {
                    // Ties take the left run's element first: stable.
                    if i < mid && (j >= hi || cmp(a[j], a[i]) != Ordering::Less) {
                        *slot = a[i];
                        i += 1;
                    } else {
                        *slot = a[j];
                        j += 1;
                    }
                }
                lo = hi;
            }
            std::mem::swap(&mut a, &mut b);
            width *= 2;
        }
        a
    }

    /// Rearranges by `swap` so that position `k` gets the element that was
    /// at `order[k]`, one cycle at a time (`order` is used up).
    #[inline(never)]
    fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
        for start in 0..order.len() {
            let mut k = start;
            while order[k] != start {
                let src = order[k];
                swap(k, src);
                order[k] = k;
                k = src;
            }
            order[k] = k;
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, 0u16..1000), 0..200)) {
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                let mut got = v;
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                prop_assert_eq!(got, want);
            }
        }

        #[test]
        fn sorted_and_reversed_inputs() {
            for n in [0, 1, 2, SMALL as u32, SMALL as u32 + 1, 100] {
                let mut up: Vec<u32> = (0..n).collect();
                sort_by(&mut up, u32::cmp);
                assert_eq!(up, (0..n).collect::<Vec<_>>());
                let mut down: Vec<u32> = (0..n).rev().collect();
                sort_by(&mut down, u32::cmp);
                assert_eq!(down, up, "{n}");
            }
        }
    }
}
