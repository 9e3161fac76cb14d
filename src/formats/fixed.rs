//! Numbers with a fixed number of decimals, the same text as
//! `format!("{:.N}", x)` (the binary value rounded exactly, half to even)
//! in a few integer steps: the standard float formatting machinery is
//! several kilobytes of the WebAssembly module.

/// `x` with `decimals` digits after the point (at most 19), as
/// `format!("{x:.decimals$}")`.
pub(crate) fn fixed(x: f64, decimals: usize) -> String {
    let decimals = decimals.min(19);
    if x.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    let x = x.abs();
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // x = m * 2^e exactly.
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    let scale = 10u128.pow(decimals as u32);
    if e >= 0 {
        // An integer.
        if e <= 11 {
            out.push_str(&(m << e).to_string());
        } else {
            out.push_str(&big_integer(m, e as u32));
        }
        if decimals > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', decimals));
        }
        return out;
    }
    // q = x * 10^decimals, rounded half to even (m * scale < 2^117).
    let shift = (-e) as u32;
    let q = if shift > 120 {
        0
    } else {
        let n = m as u128 * scale;
        let q = n >> shift;
        let r = n & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if r > half || (r == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    // Both parts fit u64 (x < 2^53 here, scale <= 10^19): the u128
    // formatting code stays out of the module.
    out.push_str(&((q / scale) as u64).to_string());
    if decimals > 0 {
        out.push('.');
        let f = ((q % scale) as u64).to_string();
        out.extend(std::iter::repeat_n('0', decimals - f.len()));
        out.push_str(&f);
    }
    out
}

/// `x` rounded to two decimals, without trailing zeros: the same text as
/// `format!("{x}")` for numbers with at most two decimals (drawing
/// coordinates, which are whole or half units). Used by the web app.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn short(x: f64) -> String {
    let mut s = fixed(x, 2);
    if s.contains('.') {
        let keep = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(keep);
    }
    s
}

/// The decimal digits of `m * 2^e`.
fn big_integer(m: u64, e: u32) -> String {
    // Base 2^32 limbs, least significant first.
    let mut limbs = vec![0u32; (e / 32) as usize];
    let v = (m as u128) << (e % 32);
    limbs.extend([v as u32, (v >> 32) as u32, (v >> 64) as u32]);
    let mut digits = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for l in limbs.iter_mut().rev() {
            let cur = (rem << 32) | *l as u64;
            *l = (cur / 10) as u32;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// `n` and a word, plural unless `n` is 1: "1 article", "3 lines".
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::{fixed, short};
    use proptest::prelude::*;

    #[test]
    fn like_format_on_ties_and_edges() {
        let xs = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            0.05,
            0.15,
            0.25,
            0.125,
            0.375,
            99.95,
            99.5,
            1e-300,
            5e-324,
            1e21,
            1.7e308,
            f64::MAX,
            f64::MIN_POSITIVE,
            123456.789,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            2f64.powi(64),
            2f64.powi(63) + 2048.0,
        ];
        for x in xs {
            for d in 0..=6 {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "{x:e} with {d} decimals");
            }
        }
    }

    #[test]
    fn short_like_display_on_quarters() {
        for k in -4000..4000 {
            let x = k as f64 / 4.0;
            assert_eq!(short(x), format!("{x}"));
        }
        assert_eq!(short(-0.0), format!("{}", -0.0));
        assert_eq!(short(2.0 / 3.0), "0.67");
    }

    proptest! {
        #[test]
        fn like_format_any_float(bits in any::<u64>(), d in 0usize..8) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fixed(x, d), format!("{x:.d$}"));
        }

        #[test]
        fn like_format_on_binary_fractions(k in -100_000i64..100_000, p in 0i32..12, d in 0usize..5) {
            let x = k as f64 / 2f64.powi(p);
            prop_assert_eq!(fixed(x, d), format!("{x:.d$}"));
        }

        #[test]
        fn like_format_on_percentages(x in 0.0f64..1.0, d in 0usize..4) {
            let x = x * 100.0;
            prop_assert_eq!(fixed(x, d), format!("{x:.d$}"));
        }
    }
}
