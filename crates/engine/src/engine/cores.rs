//! Work spread over the machine's cores, natively. In a Web Worker (one
//! thread) everything runs one after the other, with the same results:
//! each piece of work depends on its input alone.
//!
//! A thread the system cannot start, or one that fails, leaves its work to
//! the calling thread: never a panic, never a lost result.

/// The number of threads worth running. Asking the system reads files on
/// Linux, so it is asked once.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Runs `a` and `b`, at once when a second thread is worth it.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    if threads() > 1 {
        return std::thread::scope(|s| {
            let other = std::thread::Builder::new().spawn_scoped(s, &b).ok();
            let x = a();
            let y = other.and_then(|h| h.join().ok()).unwrap_or_else(&b);
            (x, y)
        });
    }
    (a(), b())
}

/// `f` over `items`, in order. With `min_part` items or more for each
/// core, the items are cut into one run of consecutive items per core.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    min_part: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let parts = threads().min(items.len() / min_part.max(1));
        if parts > 1 {
            return map_in_parts(items, parts, f);
        }
    }
    let _ = min_part;
    items.iter().map(f).collect()
}

/// [`map`] in `parts` runs.
#[cfg(not(target_arch = "wasm32"))]
fn map_in_parts<T: Sync, R: Send>(items: &[T], parts: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let run = |part: &[T]| part.iter().map(&f).collect::<Vec<R>>();
    in_parts(items, parts, run, run)
        .into_iter()
        .flatten()
        .collect()
}

/// `items` cut into `parts` runs of consecutive items: the first run goes
/// to `first` on this thread, each other one to `rest` on a thread of its
/// own (or on this one after all, when that thread cannot start or
/// fails). The results in the order of the runs.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn in_parts<T: Sync, R: Send>(
    items: &[T],
    parts: usize,
    first: impl FnOnce(&[T]) -> R,
    rest: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let mut chunks = items.chunks(items.len().div_ceil(parts.max(1)).max(1));
    let head = chunks.next().unwrap_or(&[]);
    let rest = &rest;
    std::thread::scope(|s| {
        let others: Vec<_> = chunks
            .map(|c| {
                let thread = std::thread::Builder::new().spawn_scoped(s, move || rest(c));
                (c, thread.ok())
            })
            .collect();
        let mut out = Vec::with_capacity(others.len() + 1);
        out.push(first(head));
        for (c, h) in others {
            out.push(h.and_then(|h| h.join().ok()).unwrap_or_else(|| rest(c)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_keeps_order_however_cut() {
        let items: Vec<u32> = (0..1000).collect();
        for min_part in [1, 3, 100, 999, 5000] {
            let got = super::map(&items, min_part, |x| x * 2 + 1);
            let want: Vec<u32> = items.iter().map(|x| x * 2 + 1).collect();
            assert_eq!(got, want, "min_part {min_part}");
        }
        assert!(super::map(&[] as &[u32], 1, |x| *x).is_empty());
    }

    #[test]
    fn join_returns_both() {
        let v = [1, 2, 3];
        let (a, b) = super::join(|| v.iter().sum::<i32>(), || v.len());
        assert_eq!((a, b), (6, 3));
    }
}
