//! A small raw DEFLATE (RFC 1951) decoder for share codes: stored, fixed
//! and dynamic Huffman blocks, with a limit on the output size. Damaged
//! input is an error, never a panic. Compression is done elsewhere (the
//! browser's `CompressionStream`; natively `miniz_oxide`).
//!
//! ```
//! use parallax::formats::inflate::{inflate, InflateError};
//! // "hi" in one stored block.
//! assert_eq!(inflate(&[1, 2, 0, 253, 255, b'h', b'i'], 100), Ok(b"hi".to_vec()));
//! assert_eq!(inflate(&[1, 2, 0, 253, 255, b'h', b'i'], 1), Err(InflateError::TooBig));
//! assert_eq!(inflate(&[1, 2, 0], 100), Err(InflateError::Damaged));
//! ```

/// Why decoding failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// Not valid DEFLATE data, or cut short.
    Damaged,
    /// The output would exceed the limit.
    TooBig,
}

type Res<T> = Result<T, InflateError>;

const MAX_BITS: usize = 15;

/// Base lengths and extra bits of length codes 257..=285.
const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distances and extra bits of distance codes 0..=29.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code length code lengths are sent in.
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// A canonical Huffman code: the number of codes of each length and the
/// symbols ordered by code.
struct Huffman {
    count: [u16; MAX_BITS + 1],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code for `lengths` (0 = symbol unused). Over-subscribed sets are
    /// refused; incomplete ones are allowed (a lone distance code is).
    fn new(lengths: &[u8]) -> Res<Self> {
        let mut count = [0u16; MAX_BITS + 1];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = left * 2 - i32::from(c);
            if left < 0 {
                return Err(InflateError::Damaged);
            }
        }
        let mut offs = [0u16; MAX_BITS + 2];
        for len in 1..=MAX_BITS {
            offs[len + 1] = offs[len] + count[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let at = &mut offs[usize::from(l)];
                symbols[usize::from(*at)] = sym as u16;
                *at += 1;
            }
        }
        Ok(Huffman { count, symbols })
    }
}

struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    bit_buf: u32,
    bit_count: u32,
}

impl Reader<'_> {
    fn bits(&mut self, need: u32) -> Res<u32> {
        while self.bit_count < need {
            let byte = *self.input.get(self.pos).ok_or(InflateError::Damaged)?;
            self.pos += 1;
            self.bit_buf |= u32::from(byte) << self.bit_count;
            self.bit_count += 8;
        }
        let v = self.bit_buf & ((1u32 << need) - 1);
        self.bit_buf >>= need;
        self.bit_count -= need;
        Ok(v)
    }

    /// One symbol of `h`, read bit by bit (codes are sent MSB first).
    fn decode(&mut self, h: &Huffman) -> Res<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..=MAX_BITS {
            code |= self.bits(1)? as i32;
            let count = i32::from(h.count[len]);
            if code - count < first {
                return h
                    .symbols
                    .get((index + code - first) as usize)
                    .copied()
                    .ok_or(InflateError::Damaged);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Damaged)
    }
}

/// Decodes raw DEFLATE `input`; the output may be at most `limit` bytes.
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut r = Reader {
        input,
        pos: 0,
        bit_buf: 0,
        bit_count: 0,
    };
    let mut out = Vec::new();
    loop {
        let last = r.bits(1)?;
        match r.bits(2)? {
            0 => stored(&mut r, &mut out, limit)?,
            1 => {
                let mut l = [8u8; 288];
                l[144..256].fill(9);
                l[256..280].fill(7);
                let lit = Huffman::new(&l)?;
                let dist = Huffman::new(&[5u8; 30])?;
                codes(&mut r, &mut out, limit, &lit, &dist)?;
            }
            2 => {
                let (lit, dist) = dynamic(&mut r)?;
                codes(&mut r, &mut out, limit, &lit, &dist)?;
            }
            _ => return Err(InflateError::Damaged),
        }
        if last == 1 {
            return Ok(out);
        }
    }
}

fn stored(r: &mut Reader<'_>, out: &mut Vec<u8>, limit: usize) -> Res<()> {
    r.bit_buf = 0;
    r.bit_count = 0;
    let head = r.input.get(r.pos..r.pos + 4).ok_or(InflateError::Damaged)?;
    let len = usize::from(u16::from_le_bytes([head[0], head[1]]));
    let nlen = u16::from_le_bytes([head[2], head[3]]);
    if len != usize::from(!nlen) {
        return Err(InflateError::Damaged);
    }
    r.pos += 4;
    let data = r
        .input
        .get(r.pos..r.pos + len)
        .ok_or(InflateError::Damaged)?;
    if out.len() + len > limit {
        return Err(InflateError::TooBig);
    }
    out.extend_from_slice(data);
    r.pos += len;
    Ok(())
}

fn dynamic(r: &mut Reader<'_>) -> Res<(Huffman, Huffman)> {
    let nlen = r.bits(5)? as usize + 257;
    let ndist = r.bits(5)? as usize + 1;
    let ncode = r.bits(4)? as usize + 4;
    if nlen > 286 || ndist > 30 {
        return Err(InflateError::Damaged);
    }
    let mut cl = [0u8; 19];
    for &i in &CL_ORDER[..ncode] {
        cl[i] = r.bits(3)? as u8;
    }
    let clh = Huffman::new(&cl)?;
    let mut lengths = vec![0u8; nlen + ndist];
    let mut i = 0;
    while i < nlen + ndist {
        let sym = r.decode(&clh)?;
        let (value, repeat) = match sym {
            0..=15 => (sym as u8, 1),
            16 => {
                let prev = *lengths
                    .get(i.wrapping_sub(1))
                    .ok_or(InflateError::Damaged)?;
                (prev, 3 + r.bits(2)? as usize)
            }
            17 => (0, 3 + r.bits(3)? as usize),
            _ => (0, 11 + r.bits(7)? as usize),
        };
        let run = lengths
            .get_mut(i..i + repeat)
            .ok_or(InflateError::Damaged)?;
        run.fill(value);
        i += repeat;
    }
    if lengths[256] == 0 {
        return Err(InflateError::Damaged);
    }
    Ok((
        Huffman::new(&lengths[..nlen])?,
        Huffman::new(&lengths[nlen..])?,
    ))
}

fn codes(
    r: &mut Reader<'_>,
    out: &mut Vec<u8>,
    limit: usize,
    lit: &Huffman,
    dist: &Huffman,
) -> Res<()> {
    loop {
        let sym = usize::from(r.decode(lit)?);
        if sym < 256 {
            if out.len() >= limit {
                return Err(InflateError::TooBig);
            }
            out.push(sym as u8);
            continue;
        }
        if sym == 256 {
            return Ok(());
        }
        let k = sym - 257;
        let (&base, &extra) = LEN_BASE
            .get(k)
            .zip(LEN_EXTRA.get(k))
            .ok_or(InflateError::Damaged)?;
        let len = usize::from(base) + r.bits(u32::from(extra))? as usize;
        let d = usize::from(r.decode(dist)?);
        let (&base, &extra) = DIST_BASE
            .get(d)
            .zip(DIST_EXTRA.get(d))
            .ok_or(InflateError::Damaged)?;
        let back = usize::from(base) + r.bits(u32::from(extra))? as usize;
        if back > out.len() {
            return Err(InflateError::Damaged);
        }
        if out.len() + len > limit {
            return Err(InflateError::TooBig);
        }
        let from = out.len() - back;
        for j in 0..len {
            let b = out[from + j];
            out.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: u64, n: usize) -> Vec<u8> {
        let mut x = seed | 1;
        let words = [
            "the ",
            "rebels ",
            "Damascus ",
            "said ",
            "on ",
            "Sunday. ",
            "«é» ",
            "\n",
        ];
        let mut out = Vec::new();
        while out.len() < n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(9) {
                out.push((x >> 20) as u8);
            } else {
                out.extend_from_slice(words[(x >> 32) as usize % words.len()].as_bytes());
            }
        }
        out
    }

    #[test]
    fn reads_every_level_and_block_kind() {
        for (seed, n) in [(1, 0), (2, 1), (3, 100), (4, 5_000), (5, 200_000)] {
            let data = text(seed, n);
            for level in [0, 1, 3, 6, 9, 10] {
                let packed = miniz_oxide::deflate::compress_to_vec(&data, level);
                assert_eq!(
                    inflate(&packed, data.len()),
                    Ok(data.clone()),
                    "{n} {level}"
                );
                if !data.is_empty() {
                    assert_eq!(
                        inflate(&packed, data.len() - 1),
                        Err(InflateError::TooBig),
                        "{n} {level}"
                    );
                }
            }
        }
    }

    #[test]
    fn cut_or_flipped_input_is_an_error_not_a_panic() {
        let data = text(7, 3_000);
        let packed = miniz_oxide::deflate::compress_to_vec(&data, 9);
        for cut in 0..packed.len() {
            assert!(inflate(&packed[..cut], 1 << 20).is_err(), "cut at {cut}");
        }
        for i in 0..packed.len() {
            let mut bad = packed.clone();
            bad[i] ^= 0x5a;
            let _ = inflate(&bad, 1 << 20);
        }
        assert_eq!(inflate(&[0xff; 64], 1 << 20), Err(InflateError::Damaged));
    }

    proptest::proptest! {
        #[test]
        fn hostile_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = inflate(&bytes, 1 << 16);
        }

        #[test]
        fn round_trips(data in proptest::collection::vec(0u8..8, 0..3000), level in 0u8..10) {
            let packed = miniz_oxide::deflate::compress_to_vec(&data, level);
            proptest::prop_assert_eq!(inflate(&packed, data.len()), Ok(data));
        }
    }
}
