//! A compact built-in sense of English: function words, very common words,
//! irregular verb forms and a few groups of interchangeable news words.
//!
//! Nothing here is specific to one story: the lists are general English.

/// Function words: never evidence on their own.
const STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "else", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "let", "may", "me", "might", "mine", "more", "most",
    "much", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "others", "our", "ours", "ourselves", "out", "over",
    "own", "per", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "though", "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
    "yourself", "it's", "he's", "she's", "that's", "there's", "they're", "we're", "i'm", "don't",
    "didn't", "doesn't", "isn't", "wasn't", "weren't", "won't", "can't", "couldn't", "wouldn't",
    "hasn't", "haven't", "hadn't", "mr", "mrs", "ms", "dr", "st", "also", "although", "among",
    "amid", "around", "across", "along", "toward", "towards", "onto", "whereas", "whilst", "s",
    "al", "el", "de", "la", "le", "der", "die", "das", "von", "van", "du", "des", "et",
];

/// Very common English content words: weak evidence (a frequency sense,
/// independent of the articles compared).
const COMMON: &[&str] = &[
    "say", "tell", "time", "year", "day", "week", "month", "today", "yesterday", "tomorrow",
    "people", "way", "thing", "man", "woman", "child", "world", "life", "hand", "part", "place",
    "case", "point", "number", "group", "problem", "fact", "home", "work", "make", "get", "go",
    "know", "take", "see", "come", "think", "look", "want", "give", "use", "find", "ask", "seem",
    "feel", "try", "call", "need", "become", "put", "mean", "keep", "begin", "show", "hear",
    "play", "run", "move", "like", "live", "believe", "hold", "bring", "happen", "write",
    "provide", "sit", "stand", "lose", "pay", "meet", "include", "continue", "set", "learn",
    "change", "lead", "understand", "watch", "follow", "stop", "create", "speak", "read",
    "allow", "add", "spend", "grow", "open", "walk", "win", "offer", "remember", "love",
    "consider", "appear", "buy", "wait", "serve", "die", "send", "expect", "build", "stay",
    "fall", "cut", "reach", "remain", "suggest", "raise", "pass", "sell", "require", "decide",
    "good", "new", "first", "last", "long", "great", "little", "old", "big", "high", "different",
    "small", "large", "next", "early", "young", "important", "public", "bad", "able", "late",
    "second", "third", "many", "several", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "hundred", "thousand", "million", "billion", "dozen", "former",
    "current", "recent", "other", "even", "back", "still", "well", "only", "already", "really",
    "never", "always", "often", "again", "later", "soon", "almost", "ago", "since", "least",
    "less", "far", "away", "together", "according", "including", "report", "news", "statement",
    "official", "state", "country", "government", "city", "area", "region", "side", "end",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "morning",
    "evening", "night", "afternoon", "hour", "minute", "yes", "per", "told", "stated", "mention",
    "agency", "source", "medium", "media", "post", "video", "footage", "image", "photo",
    "story", "article", "comment", "share", "follow", "click", "subscribe", "sign", "join",
    "right", "top", "bottom", "front", "line", "word", "name", "house", "system",
    "program", "question", "company", "business", "service", "market", "money", "power",
    "water", "family", "school", "student", "member", "issue", "level", "office", "door",
    "health", "person", "art", "war", "history", "party", "result", "reason", "idea", "body",
    "information", "face", "friend", "parent", "kind", "head", "community", "team", "minute",
    "moment", "air", "force", "process", "experience", "effort", "plan", "situation", "event",
    "matter", "development", "role", "rate", "law", "policy", "need", "real", "sure", "true",
    "free", "full", "clear", "major", "key", "main", "whole", "likely", "possible", "political",
    "national", "international", "local", "social", "military", "general", "special", "human",
    "certain", "further", "course", "around", "along", "inside", "outside", "near", "past",
    "following", "another", "every", "something", "nothing", "everything", "anything",
    "someone", "everyone", "anyone", "nobody", "what", "per", "yet", "whose", "etc",
];

/// Irregular forms and interchangeable words mapped to one term. General
/// news English, so that "fled" meets "escaped" and "troops" meets
/// "soldiers".
const CANON: &[(&str, &str)] = &[
    ("left", "leave"),
    ("leaves", "leave"),
    ("leaving", "leave"),
    ("depart", "leave"),
    ("departed", "leave"),
    ("departs", "leave"),
    ("departing", "leave"),
    ("departure", "leave"),
    ("fled", "leave"),
    ("flee", "leave"),
    ("flees", "leave"),
    ("fleeing", "leave"),
    ("escape", "leave"),
    ("escaped", "leave"),
    ("escapes", "leave"),
    ("said", "say"),
    ("says", "say"),
    ("saying", "say"),
    ("told", "say"),
    ("tell", "say"),
    ("tells", "say"),
    ("telling", "say"),
    ("stated", "say"),
    ("states", "state"),
    ("announced", "say"),
    ("announce", "say"),
    ("announces", "say"),
    ("announcing", "say"),
    ("declared", "say"),
    ("declare", "say"),
    ("declares", "say"),
    ("mentioned", "say"),
    ("reported", "say"),
    ("reports", "say"),
    ("reportedly", "say"),
    ("added", "say"),
    ("adds", "say"),
    ("took", "take"),
    ("taken", "take"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("gave", "give"),
    ("given", "give"),
    ("giving", "give"),
    ("held", "hold"),
    ("fought", "fight"),
    ("sought", "seek"),
    ("brought", "bring"),
    ("thought", "think"),
    ("met", "meet"),
    ("won", "win"),
    ("ran", "run"),
    ("began", "begin"),
    ("begun", "begin"),
    ("started", "begin"),
    ("start", "begin"),
    ("starts", "begin"),
    ("launched", "begin"),
    ("launch", "begin"),
    ("broke", "break"),
    ("broken", "break"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("shot", "shoot"),
    ("struck", "strike"),
    ("sent", "send"),
    ("built", "build"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("lost", "lose"),
    ("led", "lead"),
    ("kept", "keep"),
    ("felt", "feel"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("flight", "fly"),
    ("wrote", "write"),
    ("written", "write"),
    ("troops", "soldier"),
    ("troop", "soldier"),
    ("soldiers", "soldier"),
    ("aircraft", "plane"),
    ("airplane", "plane"),
    ("jet", "plane"),
    ("planes", "plane"),
    ("handover", "transfer"),
    ("instructions", "order"),
    ("instruction", "order"),
    ("orders", "order"),
    ("ordered", "order"),
    ("command", "order"),
    ("raid", "storm"),
    ("raided", "storm"),
    ("stormed", "storm"),
    ("storming", "storm"),
    ("ransack", "storm"),
    ("ransacked", "storm"),
    ("ransacking", "storm"),
    ("looted", "storm"),
    ("looting", "storm"),
    ("seize", "capture"),
    ("seized", "capture"),
    ("captured", "capture"),
    ("undisclosed", "unknown"),
    ("unspecified", "unknown"),
    ("unidentified", "unknown"),
    ("location", "destination"),
    ("refrain", "avoid"),
    ("refrained", "avoid"),
    ("avoided", "avoid"),
    ("urged", "urge"),
    ("urges", "urge"),
    ("urging", "urge"),
    ("appealed", "urge"),
    ("negotiations", "talk"),
    ("negotiation", "talk"),
    ("talks", "talk"),
    ("discussions", "talk"),
    ("discussion", "talk"),
    ("participate", "involve"),
    ("participated", "involve"),
    ("involved", "involve"),
    ("overthrown", "overthrow"),
    ("overthrew", "overthrow"),
    ("ousted", "overthrow"),
    ("oust", "overthrow"),
    ("ouster", "overthrow"),
    ("deposed", "overthrow"),
    ("toppled", "topple"),
    ("insurgents", "rebel"),
    ("insurgent", "rebel"),
    ("rebels", "rebel"),
    ("celebrated", "celebrate"),
    ("celebrating", "celebrate"),
    ("celebrations", "celebrate"),
    ("rejoiced", "celebrate"),
    ("freed", "release"),
    ("released", "release"),
    ("detainees", "prisoner"),
    ("detainee", "prisoner"),
    ("inmates", "prisoner"),
    ("prisoners", "prisoner"),
    ("jail", "prison"),
    ("danger", "threat"),
    ("disclose", "reveal"),
    ("disclosed", "reveal"),
    ("revealed", "reveal"),
    ("verified", "confirm"),
    ("confirmed", "confirm"),
    ("killed", "kill"),
    ("slain", "kill"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "people"),
];

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

fn sorted(list: &[&'static str]) -> Vec<&'static str> {
    let mut v = list.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

struct Tables {
    stop: Vec<&'static str>,
    common: Vec<&'static str>,
    canon: Vec<(&'static str, &'static str)>,
}

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut canon = CANON.to_vec();
        canon.sort_unstable();
        canon.dedup_by(|a, b| a.0 == b.0);
        Tables {
            stop: sorted(STOP),
            common: sorted(COMMON),
            canon,
        }
    })
}

/// The canonical form of a normalized word, if the table knows one.
pub(crate) fn canonical(norm: &str) -> Option<&'static str> {
    let t = tables();
    t.canon
        .binary_search_by(|(k, _)| (*k).cmp(norm))
        .ok()
        .map(|i| t.canon[i].1)
}

/// Commonness of a normalized word (`norm`) with its term (`term`, the
/// canonical or stemmed form).
pub(crate) fn commonness(norm: &str, term: &str) -> Commonness {
    let t = tables();
    if t.stop.binary_search(&norm).is_ok() {
        Commonness::Stop
    } else if t.common.binary_search(&norm).is_ok() || t.common.binary_search(&term).is_ok() {
        Commonness::Common
    } else {
        Commonness::Rare
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(canonical("fled"), Some("leave"));
        assert_eq!(canonical("palace"), None);
        assert_eq!(commonness("the", "the"), Commonness::Stop);
        assert_eq!(commonness("said", "say"), Commonness::Common);
        assert_eq!(commonness("palace", "palac"), Commonness::Rare);
    }
}
