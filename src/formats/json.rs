//! A small JSON reader and writer for the documents Parallax reads and
//! writes (workspaces, result exports, the articles handed to the worker).
//! The output is the same as `serde_json`'s (compact, or pretty with two
//! spaces), so files keep their exact form; the code is a fraction of its
//! size in WebAssembly. Numbers are read as text and converted by the
//! caller (integers only where integers are expected).
//!
//! ```
//! use parallax::formats::json::{parse, Value, Writer};
//! let v = parse(r#"{"a": [1, "x\n"], "b": null}"#).unwrap();
//! assert_eq!(v.get("a").and_then(|a| a.items()).map(|i| i.len()), Some(2));
//! assert_eq!(v.get("b"), Some(&Value::Null));
//! let mut w = Writer::new(false);
//! w.obj(|w| {
//!     w.key("a").arr([1u64, 2], |w, n| w.uint(n));
//!     w.key("s").str("\"q\"");
//! });
//! assert_eq!(w.finish(), r#"{"a":[1,2],"s":"\"q\""}"#);
//! ```

use std::fmt::Write as _;

/// A parsed JSON value. Numbers keep their text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Value>),
    /// An object, members in document order.
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// Member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    /// The items of an array.
    pub fn items(&self) -> Option<&[Value]> {
        match self {
            Value::Arr(a) => Some(a),
            _ => None,
        }
    }
    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// A non-negative integer that fits `u64` (`1.0` or `1e2` are not).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Num(n) => n.parse().ok(),
            _ => None,
        }
    }
    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Num(_) => "a number",
            Value::Str(_) => "a string",
            Value::Arr(_) => "an array",
            Value::Obj(_) => "an object",
        }
    }
}

/// Why a text is not JSON: what was wrong and the byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the text.
    pub at: usize,
}

/// Arrays and objects nested deeper than this are refused (the reader
/// recurses; serde_json has the same limit).
const MAX_DEPTH: usize = 128;

/// Parses one JSON value (whitespace around it allowed).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        b: text.as_bytes(),
        pos: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.pos != p.b.len() {
        return Err(p.err());
    }
    Ok(v)
}

struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn err(&self) -> SyntaxError {
        SyntaxError { at: self.pos }
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let ok = self.peek() == Some(c);
        self.pos += usize::from(ok);
        ok
    }
    fn word(&mut self, w: &[u8], v: Value) -> Result<Value, SyntaxError> {
        if self.b[self.pos..].starts_with(w) {
            self.pos += w.len();
            Ok(v)
        } else {
            Err(self.err())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.ws();
        if depth > MAX_DEPTH {
            return Err(self.err());
        }
        match self.peek().ok_or_else(|| self.err())? {
            b'n' => self.word(b"null", Value::Null),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'"' => self.string().map(Value::Str),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.err());
                        }
                    }
                }
                Ok(Value::Arr(items))
            }
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.peek() != Some(b'"') {
                            return Err(self.err());
                        }
                        let k = self.string()?;
                        if !self.eat(b':') {
                            return Err(self.err());
                        }
                        members.push((k, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.err());
                        }
                    }
                }
                Ok(Value::Obj(members))
            }
            _ => self.number(),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        self.pos += usize::from(self.peek() == Some(b'-'));
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 || (n > 1 && self.b[int_start] == b'0') {
            return Err(self.err());
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.err());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.err());
            }
        }
        // Only ASCII was consumed, so this is a char boundary.
        Ok(Value::Num(
            String::from_utf8_lossy(&self.b[start..self.pos]).into_owned(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0;
        for _ in 0..4 {
            let d = self
                .peek()
                .and_then(|c| char::from(c).to_digit(16))
                .ok_or_else(|| self.err())?;
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }

    /// A string; the opening quote is at `pos`.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            // A run of plain bytes goes over at once.
            let rest = self.b.get(self.pos..).unwrap_or_default();
            let plain = rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(rest.len());
            out.extend_from_slice(&rest[..plain]);
            self.pos += plain;
            let c = self.peek().ok_or_else(|| self.err())?;
            self.pos += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.peek().ok_or_else(|| self.err())?;
                    self.pos += 1;
                    let ch = match e {
                        b'"' | b'\\' | b'/' => char::from(e),
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                if !self.b[self.pos..].starts_with(b"\\u") {
                                    return Err(self.err());
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return Err(self.err());
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.err())?
                        }
                        _ => return Err(self.err()),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return Err(self.err()),
                _ => out.push(c),
            }
        }
        // The input is a &str and escapes add whole chars: always UTF-8.
        String::from_utf8(out).map_err(|_| self.err())
    }
}

/// Writes JSON in `serde_json`'s layout, compact or pretty.
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// No item written yet in the current array or object.
    first: bool,
    /// A key was just written: the value follows it directly.
    after_key: bool,
    float: fn(f64) -> String,
}

impl Writer {
    /// An empty writer; floats are written through Rust's formatting
    /// (in WebAssembly, which lacks that code, to 9 decimals: pass the
    /// browser's formatting with [`Writer::with_floats`] where floats matter).
    pub fn new(pretty: bool) -> Self {
        Writer::with_floats(pretty, default_float)
    }

    /// An empty writer whose floats come from `float`, which gives the
    /// shortest decimal text that reads back as the number, in any common
    /// form (`0.00012`, `1.2e-4`, `1.2e+21`); it is laid out as
    /// `serde_json` does. In the browser this is JavaScript's own.
    pub fn with_floats(pretty: bool, float: fn(f64) -> String) -> Self {
        Writer {
            out: String::new(),
            pretty,
            depth: 0,
            first: true,
            after_key: false,
            float,
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Before a value: the separator and indentation it needs.
    fn item(&mut self) {
        if std::mem::take(&mut self.after_key) {
            return;
        }
        if self.depth > 0 {
            if !self.first {
                self.out.push(',');
            }
            if self.pretty {
                self.newline();
            }
        }
        self.first = false;
    }

    fn open(&mut self, c: char, body: impl FnOnce(&mut Self), close: char) {
        self.item();
        self.out.push(c);
        self.depth += 1;
        self.first = true;
        body(self);
        self.depth -= 1;
        if self.pretty && !self.first {
            self.newline();
        }
        self.first = false;
        self.out.push(close);
    }

    /// An object; `body` writes its members with [`Writer::key`].
    pub fn obj(&mut self, body: impl FnOnce(&mut Self)) {
        self.open('{', body, '}');
    }

    /// An array of `items`, each written by `each`.
    pub fn arr<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) {
        self.open(
            '[',
            |w| {
                for t in items {
                    each(w, t);
                }
            },
            ']',
        );
    }

    /// A member's key; write its value next.
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.item();
        self.string(k);
        self.out.push_str(if self.pretty { ": " } else { ":" });
        self.after_key = true;
        self
    }

    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut rest = s;
        // Bytes, not chars: what is escaped is ASCII, and no byte of a
        // multi-byte character is below 0x80.
        while let Some(i) = rest
            .bytes()
            .position(|c| c < b' ' || c == b'"' || c == b'\\')
        {
            self.out.push_str(&rest[..i]);
            let c = rest.as_bytes()[i];
            match c {
                b'"' => self.out.push_str("\\\""),
                b'\\' => self.out.push_str("\\\\"),
                b'\n' => self.out.push_str("\\n"),
                b'\r' => self.out.push_str("\\r"),
                b'\t' => self.out.push_str("\\t"),
                8 => self.out.push_str("\\b"),
                12 => self.out.push_str("\\f"),
                _ => {
                    let _ = write!(self.out, "\\u{c:04x}");
                }
            }
            rest = &rest[i + 1..];
        }
        self.out.push_str(rest);
        self.out.push('"');
    }

    /// A string value.
    pub fn str(&mut self, s: &str) {
        self.item();
        self.string(s);
    }

    /// An optional string value (`null` when absent).
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// An unsigned integer value.
    pub fn uint(&mut self, n: impl Into<u64>) {
        self.item();
        let _ = write!(self.out, "{}", n.into());
    }

    /// A `usize` value.
    pub fn usize(&mut self, n: usize) {
        self.uint(n as u64);
    }

    /// A boolean value.
    pub fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn raw(&mut self, s: &str) {
        self.item();
        self.out.push_str(s);
    }

    /// A float value (`null` when not finite, as serde_json writes it).
    pub fn float(&mut self, x: f64) {
        if !x.is_finite() {
            return self.raw("null");
        }
        let text = if x == 0.0 {
            String::new()
        } else {
            (self.float)(x)
        };
        self.raw(&layout(x.is_sign_negative(), &text));
    }
}

/// Natively, `serde_json`'s shortest text: of two equally near 17-digit
/// texts it takes the even one, as JavaScript does (Rust's own `{:e}`
/// takes the upper one).
#[cfg(not(target_arch = "wasm32"))]
fn default_float(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
fn default_float(x: f64) -> String {
    crate::formats::fixed::fixed(x, 9)
}

/// Lays out a float as `serde_json` does, from the shortest decimal text
/// of its magnitude or sign (`text` may carry a sign and an exponent;
/// empty means zero): plain notation for decimal exponents -5..=15 (with
/// `.0` for whole numbers), else `1.5e-7` / `1e+16`.
fn layout(negative: bool, text: &str) -> String {
    let mut digits = String::new();
    let mut point: i64 = 0;
    let mut seen_point = false;
    let mut exp: i64 = 0;
    let mut chars = text.trim_start_matches(['-', '+']).chars();
    for c in chars.by_ref() {
        match c {
            // Leading zeros only move the point.
            '0' if digits.is_empty() => point -= i64::from(seen_point),
            '0'..='9' => {
                digits.push(c);
                point += i64::from(!seen_point);
            }
            '.' => seen_point = true,
            _ => break,
        }
    }
    // The exponent part, if any.
    let e: String = chars.collect();
    if let Ok(v) = e.trim_start_matches('+').parse::<i64>() {
        exp = v;
    }
    let digits = digits.trim_end_matches('0');
    let mut out = String::from(if negative { "-" } else { "" });
    if digits.is_empty() {
        out.push_str("0.0");
        return out;
    }
    // Scientific exponent: the value is d.ddd × 10^e.
    let e = point - 1 + exp;
    let n = digits.len() as i64;
    if (-5..=15).contains(&e) {
        if n - 1 <= e {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', (e - (n - 1)) as usize));
            out.push_str(".0");
        } else if e >= 0 {
            out.push_str(&digits[..=e as usize]);
            out.push('.');
            out.push_str(&digits[e as usize + 1..]);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-e - 1) as usize));
            out.push_str(digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{}", if e >= 0 { "+" } else { "-" }, e.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(x: f64) {
        let want = serde_json::to_string(&x).unwrap();
        let mut w = Writer::new(false);
        w.float(x);
        assert_eq!(w.finish(), want, "{x:e}");
        // The plain decimal form, as JavaScript writes numbers in -1e21..1e21,
        // is laid out as the exponent form of the same digits.
        let negative = x.is_sign_negative();
        assert_eq!(
            layout(negative, &format!("{x}")),
            layout(negative, &format!("{x:e}")),
            "{x}"
        );
    }

    #[test]
    fn floats_as_serde_json_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            0.5,
            0.1,
            1.0 / 3.0,
            2.0 / 3.0,
            123.0,
            1e15,
            1e16,
            1.25e16,
            1e-5,
            1.2e-5,
            1e-6,
            1.5e-7,
            1e21,
            1e22,
            1e300,
            5e-324,
            123456789012345680.0,
            -7.25,
            f64::MAX,
            f64::MIN_POSITIVE,
            // Exactly 2184505421953549.25, halfway between two 17-digit
            // texts: the even one.
            2184505421953549.2,
        ] {
            same_as_serde(x);
        }
        // JavaScript's exponent form.
        assert_eq!(layout(false, "1.2e-7"), "1.2e-7");
        assert_eq!(layout(false, "1e+21"), "1e+21");
        let mut w = Writer::new(false);
        w.arr([f64::NAN, f64::INFINITY], |w, x| w.float(x));
        assert_eq!(w.finish(), "[null,null]");
    }

    proptest::proptest! {
        #[test]
        fn any_float_as_serde_json(bits in proptest::num::u64::ANY) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                same_as_serde(x);
            }
        }

        #[test]
        fn strings_as_serde_json(s in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let mut w = Writer::new(false);
            w.str(&s);
            let text = w.finish();
            proptest::prop_assert_eq!(&text, &serde_json::to_string(&s).unwrap());
            proptest::prop_assert_eq!(parse(&text), Ok(Value::Str(s)));
        }

        #[test]
        fn any_text_is_read_or_refused_without_panic(s in "\\PC{0,200}") {
            let ours = parse(&s).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(&s).is_ok();
            proptest::prop_assert_eq!(ours, theirs, "{}", s);
        }
    }

    #[test]
    fn pretty_layout_as_serde_json() {
        let v = serde_json::json!({
            "a": [], "b": {}, "c": [[1, 2], [3]], "d": {"e": "f", "g": [true, false, null]}, "h": 1
        });
        for pretty in [false, true] {
            let mut w = Writer::new(pretty);
            w.obj(|w| {
                w.key("a").arr(Vec::<u64>::new(), |w, n| w.uint(n));
                w.key("b").obj(|_| {});
                w.key("c").arr([vec![1u64, 2], vec![3]], |w, v| {
                    w.arr(v, |w, n| w.uint(n));
                });
                w.key("d").obj(|w| {
                    w.key("e").str("f");
                    w.key("g")
                        .arr([Some(true), Some(false), None], |w, b| match b {
                            Some(b) => w.bool(b),
                            None => w.opt_str(None),
                        });
                });
                w.key("h").usize(1);
            });
            let want = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            assert_eq!(w.finish(), want);
        }
    }

    #[test]
    fn reading() {
        let v = parse(" {\"a\":[1,-2.5e3,true,false,null,\"\\u00e9\\ud83d\\ude42\\/\"],\"a\":0} ")
            .unwrap();
        assert_eq!(v.get("a"), Some(&Value::Num("0".into())));
        let Value::Obj(m) = &v else { panic!() };
        let items = m[0].1.items().unwrap();
        assert_eq!(items[1], Value::Num("-2.5e3".into()));
        assert_eq!(items[5].as_str(), Some("é🙂/"));
        assert_eq!(items[0].as_u64(), Some(1));
        assert_eq!(items[1].as_u64(), None);
        for bad in [
            "",
            "{",
            "[1,]",
            "01",
            "1.",
            "\"\\ud83d\"",
            "\"a\nb\"",
            "[1] x",
            "{1:2}",
            "nul",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep).is_err());
    }
}
