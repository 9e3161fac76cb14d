//! Work spread over the machine's cores, natively. In a Web Worker (one
//! thread) everything runs one after the other, with the same results:
//! each piece of work depends on its input alone.
//!
//! Natively the work runs on a pool of threads started once (one fewer
//! than the cores: the calling thread does its share), so a comparison
//! does not pay for starting threads. Without the pool (one core, or the
//! system cannot start its threads), or when a piece of work fails on it,
//! the calling thread does that work: never a panic, never a lost result.

/// The number of threads worth running. Asking the system reads files on
/// Linux, so it is asked once.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The pool of `threads() - 1` threads (none with one core, or when the
/// system cannot start them).
#[cfg(not(target_arch = "wasm32"))]
fn pool() -> Option<&'static rayon_core::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon_core::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let n = threads();
        if n < 2 {
            return None;
        }
        rayon_core::ThreadPoolBuilder::new()
            .num_threads(n - 1)
            .thread_name(|i| format!("parallax-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `mine` on this thread while each of `jobs` runs on the pool; the
/// result of `mine`, and of each job in order (`None` for a job that
/// failed, or that no pool ran: the caller does it then).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn alongside<A, R: Send>(
    mine: impl FnOnce() -> A,
    jobs: Vec<impl FnOnce() -> R + Send>,
) -> (A, Vec<Option<R>>) {
    use std::sync::Mutex;
    let Some(pool) = pool().filter(|_| !jobs.is_empty()) else {
        return (mine(), jobs.iter().map(|_| None).collect());
    };
    let slots: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let a = pool.in_place_scope(|s| {
        for (job, slot) in jobs.into_iter().zip(&slots) {
            s.spawn(move |_| {
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).ok();
                if let Ok(mut slot) = slot.lock() {
                    *slot = r;
                }
            });
        }
        mine()
    });
    let done = slots
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect();
    (a, done)
}

/// Runs `a` and `b`, at once when a second thread is worth it.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    if threads() > 1 {
        let (x, mut y) = alongside(a, vec![&b]);
        let y = y.pop().flatten().unwrap_or_else(&b);
        return (x, y);
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
/// to `first` on this thread, each other one to `rest` on the pool (or on
/// this thread after all, without a pool or when it fails there). The
/// results in the order of the runs.
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
    let others: Vec<&[T]> = chunks.collect();
    let jobs: Vec<_> = others.iter().map(|&c| move || rest(c)).collect();
    let (first, done) = alongside(|| first(head), jobs);
    let mut out = Vec::with_capacity(others.len() + 1);
    out.push(first);
    for (c, r) in others.into_iter().zip(done) {
        out.push(r.unwrap_or_else(|| rest(c)));
    }
    out
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
