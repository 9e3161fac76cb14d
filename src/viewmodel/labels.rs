//! Labels for articles: the outlet a text names for itself, else a file
//! name that names something, else the headline. Used for every loaded
//! file, the demo set and the command line.

/// The outlet an article names for itself in a `Source: example.com` line,
/// if it has one.
///
/// ```
/// use parallax::viewmodel::labels::named_outlet;
/// assert_eq!(named_outlet("Text.\nSource: dailymail.co.uk\n"), Some("dailymail.co.uk".into()));
/// assert_eq!(named_outlet("No outlet here."), None);
/// ```
pub fn named_outlet(text: &str) -> Option<String> {
    text.lines().rev().find_map(|line| {
        let rest = line.trim().strip_prefix("Source:")?.trim();
        let ok =
            !rest.is_empty() && rest.chars().count() <= 60 && !rest.contains(char::is_whitespace);
        ok.then(|| rest.to_string())
    })
}

/// Longest label made from a headline, in chars.
const HEADLINE_CHARS: usize = 40;

/// A label for an article: the outlet its text names (a `Source:` line),
/// else its file name when that names something (`fox-news.txt`, not
/// `article2.txt` or a hash), else its headline (the first line), shortened;
/// "Article N" (`index` 0-based) only for a text without words.
///
/// ```
/// use parallax::viewmodel::labels::label_for;
/// assert_eq!(label_for("Rebels enter Damascus. More later.\nBody.", None, 1), "Rebels enter Damascus");
/// assert_eq!(label_for("Body.", Some("fox-news"), 0), "fox-news");
/// assert_eq!(label_for("Body text.", Some("article2"), 0), "Body text");
/// ```
pub fn label_for(text: &str, file_stem: Option<&str>, index: usize) -> String {
    named_outlet(text)
        .or_else(|| file_stem.filter(|s| names_something(s)).map(str::to_string))
        .or_else(|| headline(text))
        .unwrap_or_else(|| format!("Article {}", index + 1))
}

/// Whether a file name stem is a name a reader chose: letters that are
/// not a generic word ("article", "text", "untitled"), and no long run of
/// hex digits (a hash).
fn names_something(stem: &str) -> bool {
    const GENERIC: [&str; 8] = [
        "article",
        "text",
        "file",
        "untitled",
        "document",
        "doc",
        "page",
        "pastedtext",
    ];
    let letters: String = stem
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    !letters.is_empty()
        && !GENERIC.contains(&letters.as_str())
        && !stem
            .split(|c: char| !c.is_ascii_hexdigit())
            .any(|r| r.len() >= 8)
}

/// The first line with letters, without a leading date ("date
/// 2024-12-08"), up to its first sentence end, cut at a word to at most
/// [`HEADLINE_CHARS`] chars (an ellipsis marks the cut).
fn headline(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.chars().any(char::is_alphabetic))?;
    let line = line.trim_start();
    let line = line
        .strip_prefix("date")
        .unwrap_or(line)
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '/' | '.' | ':' | ',')
        });
    let (mut out, mut len) = (String::new(), 0);
    for w in line.split_whitespace() {
        len += w.chars().count() + 1;
        if len > HEADLINE_CHARS + 1 {
            out.truncate(out.trim_end_matches([',', ';', ':', ' ']).len());
            out.push('\u{2026}');
            break;
        }
        out.push_str(w);
        if w.ends_with(['.', '!', '?']) {
            out.pop();
            break;
        }
        out.push(' ');
    }
    let out = out.trim_end();
    (!out.is_empty()).then(|| out.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_file_names_and_headlines() {
        assert_eq!(label_for("x", Some("nyt_assad"), 0), "nyt_assad");
        for generic in [
            "article 2",
            "Article-3",
            "000_716acfc6e395a404",
            "untitled",
            "12",
        ] {
            assert_eq!(
                label_for("Rebels reach the capital", Some(generic), 0),
                "Rebels reach the capital",
                "{generic}"
            );
        }
        assert_eq!(label_for("  \n\n", None, 2), "Article 3");
        assert_eq!(label_for("2024-12-08\n", None, 0), "Article 1");
        assert_eq!(
            label_for(
                "Assad, who ruled Syria for 24 years, fled to Moscow on a plane on Sunday.",
                None,
                0
            ),
            "Assad, who ruled Syria for 24 years\u{2026}"
        );
        assert_eq!(
            label_for("First of three, about the port strike.", None, 0),
            "First of three, about the port strike"
        );
        assert_eq!(
            label_for("Text.\nSource: example.test", Some("fox"), 0),
            "example.test"
        );
    }
}
