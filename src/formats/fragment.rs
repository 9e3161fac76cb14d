//! The URL fragment as `key=value` pairs joined by `&`, so that several
//! features (the view state, a shared workspace) each own one key and leave
//! the others alone. Values are percent-encoded.
//!
//! ```
//! use parallax::formats::fragment::Fragment;
//! let mut f = Fragment::parse("#view=pair%3A0%2C1&ws=abc");
//! assert_eq!(f.get("view"), Some("pair:0,1"));
//! f.set("view", "matrix");
//! assert_eq!(f.to_string(), "view=matrix&ws=abc");
//! ```

use std::fmt;

/// Parsed fragment: ordered key/value pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    pairs: Vec<(String, String)>,
}

impl Fragment {
    /// Parses `#a=1&b=2` (the leading `#` is optional). Malformed parts are
    /// kept as keys with empty values; nothing panics.
    pub fn parse(s: &str) -> Self {
        let s = s.strip_prefix('#').unwrap_or(s);
        let pairs = s
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (decode(k), decode(v)),
                None => (decode(p), String::new()),
            })
            .collect();
        Fragment { pairs }
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` (replacing in place, or appending).
    pub fn set(&mut self, key: &str, value: &str) {
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(p) => p.1 = value.to_string(),
            None => self.pairs.push((key.to_string(), value.to_string())),
        }
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }
}

impl fmt::Display for Fragment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                f.write_str("&")?;
            }
            write!(f, "{}={}", encode(k), encode(v))?;
        }
        Ok(())
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding; invalid escapes are kept as they are and
/// invalid UTF-8 is replaced.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_hostile_input() {
        for s in ["", "#", "&&", "a", "%", "%zz=%4", "k=%E2%82%AC", "x=1&x=2"] {
            let f = Fragment::parse(s);
            assert_eq!(Fragment::parse(&f.to_string()), f, "{s}");
        }
        assert_eq!(Fragment::parse("k=%E2%82%AC").get("k"), Some("€"));
        assert_eq!(decode("%"), "%");
    }
}
