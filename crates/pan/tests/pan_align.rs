//! Pairwise alignment of two long documents (`parallax_pan::pair`).

use parallax_pan::pair::{align_pair, PairPassage};

/// Deterministic filler text of pseudo-words (no English, no overlap
/// between different seeds beyond chance).
fn filler(seed: u64, sentences: usize) -> String {
    const SYL: [&str; 20] = [
        "ka", "lo", "mi", "ten", "ra", "sol", "vu", "den", "pa", "ri", "mon", "ta", "gel", "ni",
        "bor", "es", "qua", "zim", "fo", "hul",
    ];
    let mut x = seed.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut out = Vec::new();
    for _ in 0..sentences {
        let len = 8 + next(12);
        let words: Vec<String> = (0..len)
            .map(|_| (0..2 + next(2)).map(|_| SYL[next(SYL.len())]).collect())
            .collect();
        out.push(format!("{}.", words.join(" ")));
    }
    out.join(" ")
}

const PASSAGE: &str = "The regional council approved the new water budget after a long debate on Tuesday evening. \
The plan will fund pipes, pumps and treatment plants across the northern valleys for the next three years. \
Opponents argued that farmers would pay most of the cost while cities kept their old discounts. \
The mayor said the vote ended a dispute that had delayed repairs since the flood of the previous spring.";

const EDITED: &str = "The regional council passed the new water budget after a lengthy debate on Tuesday night. \
The plan will pay for pipes, pumps and treatment plants across the northern valleys for the coming three years. \
Critics argued that farmers would carry most of the cost while cities kept their old discounts. \
The mayor said the vote ended a quarrel that had delayed repairs since the flood of last spring.";

/// `before + " " + passage + " " + after`, and the char range of `passage`.
fn embed(before: &str, passage: &str, after: &str) -> (String, std::ops::Range<usize>) {
    let start = before.chars().count() + 1;
    let end = start + passage.chars().count();
    (format!("{before} {passage} {after}"), start..end)
}

fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn check_bounds(found: &[PairPassage], src: &str, susp: &str) {
    let (ns, np) = (src.chars().count(), susp.chars().count());
    for p in found {
        assert!(p.src.start < p.src.end && p.src.end <= ns, "{p:?}");
        assert!(p.susp.start < p.susp.end && p.susp.end <= np, "{p:?}");
    }
}

#[test]
fn verbatim_copy_is_found_with_exact_boundaries() {
    // (filler seeds, sentences before/after) on each side.
    let cases = [
        (1, 2, 10, 3, 4, 12),
        (5, 6, 0, 7, 8, 30),
        (9, 10, 25, 11, 12, 0),
    ];
    for (a, b, na, c, d, nc) in cases {
        let (src, src_r) = embed(&filler(a, na), PASSAGE, &filler(b, 15));
        let (susp, susp_r) = embed(&filler(c, nc), PASSAGE, &filler(d, 20));
        let found = align_pair(&src, &susp);
        check_bounds(&found, &src, &susp);
        assert_eq!(found.len(), 1, "seeds {a} {c}: {found:?}");
        assert_eq!(found[0].src, src_r, "source range, seeds {a} {c}");
        assert_eq!(found[0].susp, susp_r, "suspicious range, seeds {a} {c}");
    }
}

#[test]
fn edited_copy_is_found() {
    let (src, src_r) = embed(&filler(21, 12), PASSAGE, &filler(22, 12));
    let (susp, susp_r) = embed(&filler(23, 9), EDITED, &filler(24, 14));
    let found = align_pair(&src, &susp);
    check_bounds(&found, &src, &susp);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert!(
        overlap(&f.src, &src_r) * 10 >= src_r.len() * 9,
        "{f:?} vs {src_r:?}"
    );
    assert!(
        overlap(&f.susp, &susp_r) * 10 >= susp_r.len() * 9,
        "{f:?} vs {susp_r:?}"
    );
    assert!(
        f.src.len() <= src_r.len() + 10 && f.susp.len() <= susp_r.len() + 10,
        "{f:?}"
    );
}

#[test]
fn offsets_count_chars_not_bytes() {
    let before = "Ça coûte très cher — “déjà vu” à Zürich 😀😀. Naïve café owners ﬁnd it odd.";
    let (src, src_r) = embed(&filler(31, 5), PASSAGE, &filler(32, 5));
    let (susp, susp_r) = embed(before, PASSAGE, "Ende 🎉.");
    let found = align_pair(&src, &susp);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].susp, susp_r);
    assert_eq!(found[0].src, src_r);
    let chars: Vec<char> = susp.chars().collect();
    let got: String = chars[found[0].susp.clone()].iter().collect();
    assert_eq!(got, PASSAGE);
}

#[test]
fn unrelated_texts_give_nothing() {
    for (a, b) in [(41, 42), (43, 44), (45, 46)] {
        let found = align_pair(&filler(a, 40), &filler(b, 40));
        assert!(found.is_empty(), "seeds {a} {b}: {found:?}");
    }
    // Same topic words, different sentences.
    let src = "Water budgets worry farmers. Councils debate pipes and pumps every spring. \
               Valleys flood when repairs are delayed, residents say, and cities pay less.";
    let susp =
        "Spring brings pumps and pipes to every valley. Farmers say budgets never cover repairs. \
                Cities and councils rarely agree on who should pay for floods.";
    assert!(align_pair(src, susp).is_empty());
}

#[test]
fn two_copies_are_two_passages() {
    let p1 = PASSAGE;
    let p2 = "Engineers inspected the old dam near the eastern ridge and found deep cracks in its concrete wall. \
              They warned that heavy rain could force an evacuation of the villages downstream within days. \
              The ministry promised emergency funds and a full report before the end of the month.";
    let src = format!(
        "{} {p1} {} {p2} {}",
        filler(51, 6),
        filler(52, 10),
        filler(53, 6)
    );
    let susp = format!(
        "{} {p2} {} {p1} {}",
        filler(54, 6),
        filler(55, 12),
        filler(56, 6)
    );
    let found = align_pair(&src, &susp);
    check_bounds(&found, &src, &susp);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn never_panics_on_odd_inputs() {
    let long_word = "x".repeat(100_000);
    let repeated = "word ".repeat(40_000);
    let repeated2 = "word word other ".repeat(10_000);
    let mixed = "叙利亚总统阿萨德离开大马士革。بشار الأسد غادر دمشق. Ünïcödé 😀 ﬁ ＡＢＣ\u{0}\u{1}\u{feff}\r\n\r\n";
    let punct = "... !!! ??? --- \n\n\n ,,, ;;; ".repeat(100);
    let texts: Vec<&str> = vec![
        "", " ", "a", "word", ".", &long_word, &repeated, &repeated2, mixed, &punct, PASSAGE,
    ];
    for a in &texts {
        for b in &texts {
            let found = align_pair(a, b);
            check_bounds(&found, a, b);
        }
    }
    // Identical texts align with themselves.
    let found = align_pair(PASSAGE, PASSAGE);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].susp, 0..PASSAGE.chars().count());
}
