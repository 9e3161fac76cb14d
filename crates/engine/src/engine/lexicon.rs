//! A compact built-in sense of English: function words, very common words,
//! irregular verb forms and a few groups of interchangeable news words.
//!
//! Nothing here is specific to one story: the lists are general English.
//!
//! Each list is one string, its words apart by spaces (a list of `&str`
//! would cost 8 bytes a word more in the WebAssembly module); [`CANON`]
//! holds groups `term: word word ...;`.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::keys::StrHasher;

/// Function words: never evidence on their own.
const STOP: &str = "a about above after again against all also am an and any are as at be because \
    been before being below between both but by can could did do does doing down during each \
    either else ever few for from further had has have having he her here hers herself him \
    himself his how however i if in into is it its itself just let may me might mine more most \
    much must my myself neither no nor not now of off on once one only or other others our ours \
    ourselves out over own per same shall she should so some such than that the their theirs them \
    themselves then there these they this those though through thus to too under until up upon us \
    very via was we were what when where whether which while who whom whose why will with within \
    without would yet you your yours yourself it's he's she's that's there's they're we're i'm \
    don't didn't doesn't isn't wasn't weren't won't can't couldn't wouldn't hasn't haven't hadn't \
    mr mrs ms dr st also although among amid around across along toward towards onto whereas \
    whilst s al el de la le der die das von van du des et";

/// Very common English content words: weak evidence (a frequency sense,
/// independent of the articles compared).
/// The days of the week, normalized: common words, and never names.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const COMMON: &str = "say tell time year day week month today yesterday tomorrow people way thing \
    man woman child world life hand part place case point number group problem fact home work \
    make get go know take see come think look want give use find ask seem feel try call need \
    become put mean keep begin show hear play run move like live believe hold bring happen write \
    provide sit stand lose pay meet include continue set learn change lead understand watch \
    follow stop create speak read allow add spend grow open walk win offer remember love consider \
    appear buy wait serve die send expect build stay fall cut reach remain suggest raise pass \
    sell require decide good new first last long great little old big high different small large \
    next early young important public bad able late second third many several two three four five \
    six seven eight nine ten hundred thousand million billion dozen former current recent other \
    even back still well only already really never always often again later soon almost ago since \
    least less far away together according including report news statement official state country \
    government city area region side end morning evening night afternoon hour minute yes per told \
    stated mention agency source medium media post video footage image photo story article \
    comment share follow click subscribe sign join right top bottom front line word name house \
    system program question company business service market money power water family school \
    student member issue level office door health person art war history party result reason idea \
    body information face friend parent kind head community team minute moment air force process \
    experience effort plan situation event matter development role rate law policy need real sure \
    true free full clear major key main whole likely possible political national international \
    local social military general special human certain further course around along inside \
    outside near past following another every something nothing everything anything someone \
    everyone anyone nobody what per yet whose etc";

/// Irregular forms and interchangeable words mapped to one term. General
/// news English, so that "fled" meets "escaped" and "troops" meets
/// "soldiers"; months as news style abbreviates them before a date ("Dec. 8");
/// numbers in words by their figures, so that "five" meets "5" and "fifth"
/// "5th" (not "one", "first" or "second": those are more often something
/// else), and they count as numbers.
const CANON: &str = "2: two; 3: three; 4: four; 5: five; 6: six; 7: seven; 8: eight; \
    9: nine; 10: ten; 11: eleven; 12: twelve; 3rd: third; 4th: fourth; 5th: fifth; 6th: sixth; \
    7th: seventh; 8th: eighth; 9th: ninth; 10th: tenth; 11th: eleventh; 12th: twelfth; \
    january: jan; february: feb; august: aug; september: sep sept; october: \
    oct; november: nov; december: dec; leave: left leaves leaving depart departed departs \
    departing departure fled flee flees fleeing escape escaped escapes; say: said says saying \
    told tell tells telling stated announced announce announces announcing declared declare \
    declares mentioned reported reports reportedly added adds; state: states; take: took \
    taken; go: went gone; come: came; give: gave given giving; hold: held; fight: fought; \
    seek: sought; bring: brought; think: thought; meet: met; win: won; run: ran; begin: began \
    begun started start starts launched launch; break: broke broken; see: saw seen; know: knew \
    known; shoot: shot; strike: struck; send: sent; build: built; speak: spoke spoken; choose: \
    chose chosen; lose: lost; lead: led; keep: kept; feel: felt; fall: fell fallen; fly: flew \
    flown flight; write: wrote written; soldier: troops troop soldiers; plane: aircraft \
    airplane jet planes; transfer: handover; order: instructions instruction orders ordered \
    command; storm: raid raided stormed storming ransack ransacked ransacking looted looting; \
    capture: seize seized captured; unknown: undisclosed unspecified unidentified; \
    destination: location; avoid: refrain refrained avoided; urge: urged urges urging \
    appealed; talk: negotiations negotiation talks discussions discussion; involve: \
    participate participated involved; overthrow: overthrown overthrew ousted oust ouster \
    deposed; topple: toppled; rebel: insurgents insurgent rebels; celebrate: celebrated \
    celebrating celebrations rejoiced; release: freed released; prisoner: detainees detainee \
    inmates prisoners; prison: jail; threat: danger; reveal: disclose disclosed revealed; \
    confirm: verified confirmed; kill: killed slain; man: men; woman: women; child: children; \
    people: people;";

/// Verbs that attribute words to a speaker ("X said", "X urged").
const SPEECH: &str = "accused added adds announced announces argued asked call called calling \
    calls claimed claims condemned confirmed confirms declared declares demanded denied denies \
    described describes emphasised emphasized insisted pledged posted promised said say says \
    stated states stressed told tweeted urge urged urges urging vowed warned warns wrote";

/// Words that may stand between a speaker and the verb ("X has also said").
const SPEAKER_GAP: &str = "again also earlier had has have is later previously publicly \
    repeatedly then was were will would";

/// Subjects that stand for a speaker named before ("He said").
const SPEAKER_PRONOUN: &str = "he it she they we";

/// Prepositions: a name just after one is its object ("residents of
/// Pellan said"), not a speaker.
const PREPOSITION: &str = "across after around at before by during for from in inside into near \
    of on outside over to toward towards with within";

/// News agencies: they relay what others say, so a report they carry is
/// not theirs. Two outlets citing different agencies may well report the
/// same words.
const AGENCY: &str = "afp anadolu ansa ap bernama bloomberg dpa efe interfax irna kyodo novosti \
    reuters ria sana sputnik tass upi xinhua yonhap";

/// What a word can do in an attribution ("Sir Keir Starmer urged ...").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Role {
    #[default]
    None,
    /// A verb of saying.
    Speech,
    /// May stand between a speaker and the verb.
    Gap,
    /// A pronoun subject.
    Pronoun,
    /// A news agency, never a speaker.
    Agency,
    /// A preposition.
    Preposition,
}

/// How common a word is in general English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Commonness {
    /// A function word.
    Stop,
    /// A very common content word.
    Common,
    /// Anything else.
    Rare,
}

/// What the tables know of one word.
#[derive(Clone, Copy, Default)]
pub(crate) struct Entry {
    /// A function word.
    pub stop: bool,
    /// A very common content word.
    pub common: bool,
    /// Its canonical form.
    pub canon: Option<&'static str>,
    /// Its part in attributions.
    pub role: Role,
}

/// The words of a list.
fn words(list: &'static str) -> std::str::SplitAsciiWhitespace<'static> {
    list.split_ascii_whitespace()
}

/// The (word, term) pairs of [`CANON`].
fn canon_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    CANON
        .split(';')
        .filter_map(|group| group.split_once(':'))
        .flat_map(|(term, list)| words(list).map(move |w| (w, term.trim())))
}

/// The tables as one hash map: a lookup per token, many per document,
/// costs one hash instead of a dozen string comparisons.
type Tables = HashMap<&'static str, Entry, BuildHasherDefault<StrHasher>>;

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables::default();
        for w in words(STOP) {
            t.entry(w).or_default().stop = true;
        }
        for w in words(COMMON).chain(WEEKDAYS.iter().copied()) {
            t.entry(w).or_default().common = true;
        }
        // The first (sorted) canonical form of a word wins.
        let mut canon: Vec<(&str, &str)> = canon_pairs().collect();
        crate::sort::sort_unstable(&mut canon);
        canon.dedup_by(|a, b| a.0 == b.0);
        for (w, c) in canon {
            t.entry(w).or_default().canon = Some(c);
        }
        for (list, role) in [
            (SPEECH, Role::Speech),
            (SPEAKER_GAP, Role::Gap),
            (SPEAKER_PRONOUN, Role::Pronoun),
            (AGENCY, Role::Agency),
            (PREPOSITION, Role::Preposition),
        ] {
            for w in words(list) {
                t.entry(w).or_default().role = role;
            }
        }
        t
    })
}

/// Whether a normalized word is a function word ("the", "of", "don't"):
/// never evidence on its own.
pub fn is_function_word(norm: &str) -> bool {
    entry(norm).is_some_and(|e| e.stop)
}

/// What the tables know of a normalized word, if anything.
pub(crate) fn entry(word: &str) -> Option<&'static Entry> {
    tables().get(word)
}

/// Commonness of a normalized word (`norm`) with its term (`term`, the
/// canonical or stemmed form).
pub(crate) fn commonness(norm: &str, term: &str) -> Commonness {
    let t = tables();
    let n = t.get(norm);
    if n.is_some_and(|e| e.stop) {
        Commonness::Stop
    } else if n.is_some_and(|e| e.common) || (term != norm && t.get(term).is_some_and(|e| e.common))
    {
        Commonness::Common
    } else {
        Commonness::Rare
    }
}

/// Long forms of a name and the short form that stands for them ("Russian
/// Foreign Ministry" / "Russian MFA"): the engine reads a two-word long form
/// inside a capitalized name as its short form too (longer ones give their
/// initials already), the Cited sources view keys names by the short form.
pub const SHORT_FORMS: [(&str, &str); 2] = [
    ("ministry of foreign affairs", "mfa"),
    ("foreign ministry", "mfa"),
];

/// Folds a rare word (a name, most often) to one key for the spellings
/// that transliteration gives it: "Jolani" and "Golani", "Qaida" and
/// "Kaida" read as one (`j` as `g`, `q` as `k`). Common words never pass
/// here, so "jet" and "get" stay apart. Folding vowels or doubled letters
/// too ("Qaeda", "Mohamed") was measured and dropped: it also joins words
/// that differ ("met" and "Mitt", "found" and "fund") and cut links on
/// basil-dev.
pub fn fold_spelling(word: &str, out: &mut String) {
    let mut rest = word;
    while let Some(k) = rest.bytes().position(|b| b == b'j' || b == b'q') {
        out.push_str(&rest[..k]);
        out.push(if rest.as_bytes()[k] == b'j' { 'g' } else { 'k' });
        rest = &rest[k + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(w: &str) -> String {
        let mut s = String::new();
        fold_spelling(w, &mut s);
        s
    }

    #[test]
    fn transliterated_spellings_fold_together() {
        for (a, b) in [("jolani", "golani"), ("qaida", "kaida")] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        for (a, b) in [("hamas", "homs"), ("jalali", "jolani"), ("met", "mitt")] {
            assert_ne!(fold(a), fold(b), "{a} / {b}");
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(entry("fled").and_then(|e| e.canon), Some("leave"));
        assert!(entry("palace").is_none());
        assert_eq!(commonness("the", "the"), Commonness::Stop);
        assert_eq!(commonness("said", "say"), Commonness::Common);
        assert_eq!(commonness("palace", "palac"), Commonness::Rare);
        assert_eq!(entry("urged").map(|e| e.role), Some(Role::Speech));
        assert_eq!(entry("reuters").map(|e| e.role), Some(Role::Agency));
        // A role leaves the other tables as they were.
        assert_eq!(entry("said").and_then(|e| e.canon), Some("say"));
        assert_eq!(commonness("said", "say"), Commonness::Common);
    }

    #[test]
    fn lists_read_as_words() {
        // Every word of CANON is paired with the term that opens its group.
        let words = CANON.split_ascii_whitespace().filter(|w| !w.ends_with(':'));
        assert_eq!(canon_pairs().count(), words.count());
        assert!(canon_pairs().all(|(w, t)| !w.contains([':', ';']) && !t.contains(' ')));
        // The last words of a group, of a list and of a line.
        assert_eq!(entry("escapes").and_then(|e| e.canon), Some("leave"));
        assert_eq!(entry("people").and_then(|e| e.canon), Some("people"));
        assert_eq!(entry("yonhap").map(|e| e.role), Some(Role::Agency));
        assert!(is_function_word("et") && is_function_word("below"));
    }
}
