//! The browser's Unicode normalization and lowercasing for the text code
//! ([`crate::text::UnicodeForms`]): `String.prototype.normalize`, a
//! `\p{M}` regular expression and `String.prototype.toLowerCase` instead of
//! tables in the module.

use js_sys::{JsString, RegExp};

/// Hands the browser's forms to [`crate::text`]; call before any text is
/// compared (page and worker alike).
pub fn install() {
    crate::text::set_unicode_forms(crate::text::UnicodeForms {
        nfkd_unmarked,
        nfc,
        lower,
    });
}

thread_local! {
    /// Any combining mark (General_Category M), globally.
    static MARKS: RegExp = RegExp::new("\\p{M}", "gu");
}

fn nfkd_unmarked(s: &str) -> String {
    let d = JsString::from(s).normalize("NFKD");
    MARKS.with(|re| d.replace_by_pattern(re, "")).into()
}

fn lower(s: &str) -> String {
    JsString::from(s).to_lower_case().into()
}

fn nfc(s: &str) -> String {
    JsString::from(s).normalize("NFC").into()
}
