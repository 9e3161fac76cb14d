//! A seeded generator of realistic cross-outlet news coverage, with ground
//! truth, for benchmarks and scale tests.
//!
//! One invented event is reported by a few wire services (stories built from
//! structured facts: actions with agents and places, quotes with speakers,
//! casualty figures, announcements, meetings). Each outlet article takes a
//! subset of the wire sentences and copies each one verbatim, edits it
//! (synonyms, inserted or dropped words, restyled quotes and dashes, number
//! style) or paraphrases it (another rendering of the same fact: passive
//! voice, attribution moved, indirect speech, synonyms). It reorders
//! paragraphs and mixes in text of its own about the same event: background
//! that names the same people and places but states different facts, which
//! is what makes linking hard. Every sentence records which wire sentence it
//! comes from, so [`evaluate`] can score an engine's [`Comparison`].
//!
//! Pure and deterministic: the same [`GenConfig`] always gives the same
//! corpus, on every platform.
//!
//! ```
//! use parallax_gen::{generate, GenConfig};
//! let corpus = generate(&GenConfig { seed: 7, articles: 3, ..GenConfig::default() });
//! assert_eq!(corpus.articles.len(), 3);
//! let words = corpus.articles[0].text.split_whitespace().count();
//! assert!((450..1000).contains(&words), "{words}");
//! assert_eq!(corpus, generate(&GenConfig { seed: 7, articles: 3, ..GenConfig::default() }));
//! ```

use std::collections::{HashMap, HashSet};

use parallax_engine::model::Comparison;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenConfig {
    /// Seed of the pseudo-random generator.
    pub seed: u64,
    /// Number of outlet articles.
    pub articles: usize,
    /// Target length of an article in words (each article varies by ±15%).
    pub words: usize,
    /// Number of wire stories the outlets draw from.
    pub wire_stories: usize,
    /// Sentences per wire story.
    pub wire_sentences: usize,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            seed: 1,
            articles: 20,
            words: 700,
            wire_stories: 3,
            wire_sentences: 30,
        }
    }
}

/// How an article sentence came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// Copied from the wire, only restyled (quotes, dashes, line wrapping).
    Verbatim,
    /// The wire sentence, edited: synonyms, inserted or dropped words.
    Edited,
    /// The same fact in other words.
    Paraphrase,
    /// The outlet's own text.
    Own,
}

/// One sentence of a generated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenSentence {
    /// Start in chars, inclusive.
    pub start: usize,
    /// End in chars, exclusive.
    pub end: usize,
    /// Index into [`Corpus::wire`] of the wire sentence it derives from.
    pub source: Option<usize>,
    /// How it derives from it.
    pub origin: Origin,
}

/// One generated outlet article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenArticle {
    /// Outlet label.
    pub label: String,
    /// Full text.
    pub text: String,
    /// Its sentences in text order, with their ground truth.
    pub sentences: Vec<GenSentence>,
}

/// One wire sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireSentence {
    /// Which wire story (0-based).
    pub story: usize,
    /// The wire's wording.
    pub text: String,
}

/// A generated corpus: the wire copy and the outlet articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    /// All wire sentences, story by story.
    pub wire: Vec<WireSentence>,
    /// The outlet articles.
    pub articles: Vec<GenArticle>,
}

impl Corpus {
    /// The articles as (label, text) pairs.
    pub fn docs(&self) -> Vec<(String, String)> {
        self.articles
            .iter()
            .map(|a| (a.label.clone(), a.text.clone()))
            .collect()
    }

    /// Total number of words (whitespace-separated) over all articles.
    pub fn total_words(&self) -> usize {
        self.articles
            .iter()
            .map(|a| a.text.split_whitespace().count())
            .sum()
    }
}

/// A seeded xorshift generator and pseudo-words from it: the filler text
/// of the engine's and PAN mode's benchmarks.
pub mod filler {
    /// Xorshift: reproducible pseudo-random numbers (seed not 0).
    pub struct XorShift(pub u64);

    impl XorShift {
        /// The next number.
        pub fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// A number in `0..n` (n > 0).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A pseudo-word of one to three syllables ("kamiten").
    pub fn word(rng: &mut XorShift) -> String {
        const SYL: [&str; 16] = [
            "ka", "lo", "mi", "ten", "ra", "sol", "vu", "den", "pa", "ri", "mon", "ta", "gel",
            "ni", "bor", "es",
        ];
        (0..1 + rng.below(3)).map(|_| SYL[rng.below(16)]).collect()
    }
}

/// SplitMix64: small, fast, good enough for test data.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_F42D_4C95_7F2D)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------- vocabulary

const FIRST: &[&str] = &[
    "Amina", "Karim", "Elena", "Tomas", "Leila", "Omar", "Sofia", "Viktor", "Nadia", "Rashid",
    "Ingrid", "Pavel", "Maryam", "Jonas", "Farah", "Dmitri", "Yasmin", "Henrik", "Salma", "Marco",
    "Aisha", "Stefan", "Noor", "Andrei", "Hana", "Tariq", "Lucia", "Emre", "Zainab", "Anton",
];
const LAST: &[&str] = &[
    "Haddad",
    "Novak",
    "Karimi",
    "Lindqvist",
    "Petrov",
    "Mansour",
    "Okafor",
    "Brennan",
    "Aziz",
    "Kowalski",
    "Santos",
    "Yilmaz",
    "Rahimi",
    "Varga",
    "Nasser",
    "Holm",
    "Castillo",
    "Demir",
    "Farouk",
    "Moreau",
    "Qureshi",
    "Ilic",
    "Bakr",
    "Lund",
    "Saleh",
    "Ferreira",
    "Osei",
    "Rossi",
    "Kaya",
    "Hamdan",
    "Volkov",
    "Amari",
    "Sorensen",
    "Jaber",
    "Tanaka",
    "Mendes",
];
const COUNTRIES: &[(&str, &str, &str)] = &[
    // (country, adjective, capital)
    ("Valdoria", "Valdorian", "Kessa"),
    ("Marenia", "Marenian", "Port Alva"),
    ("Ostrava Republic", "Ostravan", "Dunmir"),
    ("Sarkhan", "Sarkhani", "Qadira"),
    ("Eldania", "Eldanian", "Varn"),
];
const CITIES: &[&str] = &[
    "Tarsk", "Belmora", "Hadiya", "Corvin", "Saltara", "Mirabel", "Zerin", "Oskol", "Lunaro",
    "Fenwick", "Ardahan", "Telmar", "Rivas", "Kolbeck", "Nerida", "Vashti", "Pellan", "Dorsk",
];
const NEIGHBORS: &[&str] = &[
    "Lusia", "Karelen", "Tobruna", "Westmark", "Ilvania", "Sundor",
];
const AGENCIES: &[&str] = &["Reuters", "AP", "AFP", "DPA", "Anadolu", "EFE"];
const ROLES: &[&str] = &[
    "interior minister",
    "foreign minister",
    "army spokesman",
    "opposition leader",
    "United Nations envoy",
    "regional governor",
    "health minister",
    "rebel commander",
    "prime minister",
    "mayor of the capital",
];
const GROUPS: &[&str] = &[
    "rebel forces",
    "government troops",
    "opposition fighters",
    "riot police",
    "rescue teams",
    "armed militias",
    "border guards",
    "thousands of protesters",
];
const SOURCES: &[&str] = &[
    "the interior ministry",
    "a military spokesman",
    "state media",
    "local officials",
    "witnesses",
    "a war monitoring group",
    "two security sources",
    "the health ministry",
    "a senior diplomat",
];
const ORGS: &[&str] = &[
    "the United Nations",
    "the European Union",
    "the Red Cross",
    "the World Food Programme",
    "the African Union",
    "the World Bank",
    "Doctors Without Borders",
];
const TIMES: &[&str] = &[
    "on Sunday",
    "early on Saturday",
    "late on Friday",
    "overnight",
    "on Monday morning",
    "before dawn on Sunday",
    "on Thursday evening",
];
const DEADLINES: &[&str] = &[
    "the end of the week",
    "next month",
    "the end of the year",
    "Wednesday",
    "early January",
];
const TOPICS: &[&str] = &[
    "a ceasefire",
    "the return of refugees",
    "a transfer of power",
    "humanitarian corridors",
    "the release of prisoners",
    "new elections",
    "the reopening of the border",
];

/// (past, past participle, paraphrase past, paraphrase participle).
const VERBS: &[(&str, &str, &str, &str)] = &[
    ("seized", "seized", "captured", "captured"),
    ("attacked", "attacked", "struck", "struck"),
    ("entered", "entered", "moved into", "moved into"),
    ("evacuated", "evacuated", "cleared", "cleared"),
    ("surrounded", "surrounded", "encircled", "encircled"),
    ("shelled", "shelled", "bombarded", "bombarded"),
    ("blocked", "blocked", "sealed off", "sealed off"),
    ("stormed", "stormed", "overran", "overrun"),
];
const OBJECTS: &[&str] = &[
    "the central railway station",
    "the main airport",
    "two army bases",
    "the presidential palace",
    "the state television building",
    "a key border crossing",
    "the northern highway",
    "the port",
    "the parliament building",
    "several checkpoints",
    "the central bank",
    "a military airfield",
];
const AID: &[(&str, &str)] = &[
    // (wire wording, paraphrase wording)
    ("tonnes of food aid", "tonnes of food"),
    ("medical teams", "teams of doctors"),
    (
        "million dollars in emergency funding",
        "million dollars of emergency money",
    ),
    (
        "trucks of relief supplies",
        "lorries carrying relief supplies",
    ),
    ("field hospitals", "mobile hospitals"),
];
const QUOTES: &[&str] = &[
    "We will not allow anyone to take our country back into chaos",
    "This is a historic day for every family that has waited for this moment",
    "Our forces are ready to protect every citizen regardless of religion",
    "We are asking all sides to stop the fighting and let aid through",
    "The situation in the city is calm but we remain on high alert",
    "We have lost too many people and the world has looked away",
    "There will be no revenge and no punishment without a fair trial",
    "The hospitals are full and we are running out of fuel",
    "We expect a peaceful transfer of power within days",
    "Nobody should have to flee their home in the middle of winter",
    "We call on the international community to act before it is too late",
    "I have given the order to open the prisons and free the detainees",
    "The people of this country have spoken and their voice must be respected",
    "We are not seeking power for ourselves but a future for our children",
    "Every day without a ceasefire costs more innocent lives",
    "The border must stay open so that the wounded can be treated",
    "We did not expect the government to collapse so quickly",
    "Those responsible for the killings will be brought to justice",
    "Our embassy remains open and our staff are safe",
    "It is too early to say who will lead the transition",
    "The water supply has been cut and children are getting sick",
    "We will hold free elections as soon as security allows",
    "No foreign army will decide the fate of this nation",
    "I saw the soldiers leave their posts and throw away their uniforms",
];

/// Claims attributed to a source: (wire wording, paraphrase wording).
const CLAIMS: &[(&str, &str)] = &[
    (
        "the airport would remain closed until further notice",
        "flights would stay suspended until further notice",
    ),
    (
        "communications had been cut across much of the north",
        "phone and internet lines were down in most of the north",
    ),
    (
        "the curfew would be lifted at dawn on Tuesday",
        "the curfew was to end at dawn on Tuesday",
    ),
    (
        "all public employees should return to work on Monday",
        "state workers were expected back at their desks on Monday",
    ),
    (
        "the central bank had frozen the accounts of 14 senior officials",
        "accounts belonging to 14 senior officials were frozen by the central bank",
    ),
    (
        "the army had withdrawn from positions around the southern city",
        "troops pulled back from their posts around the southern city",
    ),
    (
        "schools and universities would stay shut for a week",
        "classes at schools and universities were suspended for seven days",
    ),
    (
        "fuel prices had tripled since the start of the offensive",
        "the price of fuel was three times higher than before the offensive",
    ),
    (
        "the former cabinet had handed over its files to a transitional committee",
        "a transitional committee had received the files of the outgoing cabinet",
    ),
    (
        "prisoners released from the main jail were being registered by volunteers",
        "volunteers were registering the detainees freed from the main prison",
    ),
    (
        "the national museum had been secured against looting",
        "guards were protecting the national museum from looters",
    ),
    (
        "a hotline for families of missing people would open on Wednesday",
        "relatives of the missing would be able to call a special number from Wednesday",
    ),
    (
        "the state broadcaster had stopped transmitting shortly after midnight",
        "state television went off the air just after midnight",
    ),
    (
        "foreign journalists would be allowed to enter through the northern crossing",
        "reporters from abroad could come in via the northern border post",
    ),
];

/// Word-level synonyms used by edits and paraphrases (both directions).
const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("told", "informed"),
    ("killed", "left dead"),
    ("wounded", "injured"),
    ("people", "civilians"),
    ("officials", "authorities"),
    ("troops", "soldiers"),
    ("attack", "assault"),
    ("fighting", "clashes"),
    ("began", "started"),
    ("announced", "declared"),
    ("capital", "city"),
    ("large", "major"),
    ("key", "strategic"),
    ("main", "principal"),
    ("several", "a number of"),
    ("protect", "defend"),
    ("stop", "end"),
    ("ready", "prepared"),
    ("calm", "quiet"),
    ("send", "dispatch"),
    ("talks", "negotiations"),
    ("discuss", "address"),
    ("fled", "escaped"),
    ("residents", "inhabitants"),
    ("building", "complex"),
    ("highway", "motorway"),
    ("at least", "no fewer than"),
    ("more than", "over"),
];
const DROPPABLE: &[&str] = &[
    "key", "main", "central", "early", "late", "several", "senior",
];
const INSERTS: &[&str] = &["also", "reportedly", "now", "still", "later", "quickly"];
const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

// Outlet's own text: background about the same event, different facts.
const OWN_TEMPLATES: &[&str] = &[
    "{city} has been at the centre of the {noun} since {year}, when {group} first {verb} {object}.",
    "Analysts say the {noun} could shape the future of {country} for years to come.",
    "{person} came to power in {year} after a long period of {noun}.",
    "Many residents of {city} said they feared what the coming weeks would bring.",
    "The {adj} government has long been accused of {noun} by rights groups.",
    "Residents described scenes of {adj2} {noun2} as {group} moved through the streets of {city}.",
    "In {year}, about {num} people were displaced from {city}, according to earlier estimates.",
    "The last time {group} reached {city} was in {year}, and they were pushed back within weeks.",
    "{person}, who studied in {neighbor}, is seen by many as a {adj2} figure.",
    "Shops in {city} stayed closed and long queues formed outside bakeries.",
    "Our correspondent in {city} said the mood was a mix of {noun2} and fear.",
    "The economy of {country} has shrunk by more than {pct} percent since {year}.",
    "Relatives of missing prisoners gathered outside the jails in {city}.",
    "The conflict has drawn in regional powers, including {neighbor}.",
    "{person} has not been seen in public since {weekday}.",
    "Prices for bread and fuel in {city} have risen sharply in recent days.",
    "Neighbouring {neighbor} has closed its border crossings and reinforced its troops.",
    "Some families in {city} said they had not heard from relatives for {num} days.",
    "A curfew was in place in parts of {city} in {year} after similar unrest.",
    "The {adj} currency lost a {frac} of its value in the past {num} weeks.",
];
const NOUNS: &[&str] = &[
    "crisis",
    "conflict",
    "uprising",
    "standoff",
    "power struggle",
    "repression",
    "corruption",
    "unrest",
    "rivalry",
    "war",
];
const NOUNS2: &[&str] = &[
    "relief",
    "jubilation",
    "confusion",
    "grief",
    "disbelief",
    "celebration",
    "anger",
    "hope",
];
const ADJ2: &[&str] = &[
    "divisive",
    "pragmatic",
    "reclusive",
    "popular",
    "chaotic",
    "tense",
    "uneasy",
    "surreal",
];
const WEEKDAYS: &[&str] = &[
    "Tuesday",
    "Wednesday",
    "last week",
    "early November",
    "the summer",
];
const FRACTIONS: &[&str] = &["third", "quarter", "fifth", "half"];

// ---------------------------------------------------------------- the event

#[derive(Clone, Debug)]
struct Person {
    name: String,
    surname: &'static str,
    role: &'static str,
}

#[derive(Debug, Default)]
struct Budget {
    quotes: HashSet<usize>,
    claims: HashSet<usize>,
    kinds: HashMap<usize, usize>,
}

#[derive(Clone, Debug)]
struct Event {
    country: &'static str,
    adj: &'static str,
    capital: &'static str,
    cities: Vec<&'static str>,
    neighbor: &'static str,
    people: Vec<Person>,
}

impl Event {
    fn new(rng: &mut Rng) -> Self {
        let (country, adj, capital) = rng.pick(COUNTRIES);
        let mut cities: Vec<&str> = CITIES.to_vec();
        rng.shuffle(&mut cities);
        cities.truncate(6);
        cities.insert(0, capital);
        let mut roles: Vec<&str> = ROLES.to_vec();
        rng.shuffle(&mut roles);
        let mut used = HashSet::new();
        let people = roles
            .into_iter()
            .map(|role| loop {
                let surname = rng.pick(LAST);
                if used.insert(surname) {
                    break Person {
                        name: format!("{} {}", rng.pick(FIRST), surname),
                        surname,
                        role,
                    };
                }
            })
            .collect();
        Event {
            country,
            adj,
            capital,
            cities,
            neighbor: rng.pick(NEIGHBORS),
            people,
        }
    }
}

/// One reported fact, renderable in several wordings.
#[derive(Clone, Debug)]
enum Fact {
    Action {
        agent: &'static str,
        verb: usize,
        object: &'static str,
        place: &'static str,
        time: &'static str,
        source: &'static str,
    },
    Quote {
        speaker: Person,
        text: &'static str,
        place: &'static str,
        agency: &'static str,
    },
    Toll {
        killed: u32,
        wounded: u32,
        place: &'static str,
        source: &'static str,
        time: &'static str,
    },
    Aid {
        org: &'static str,
        amount: u32,
        what: usize,
        place: &'static str,
        deadline: &'static str,
    },
    Meeting {
        a: Person,
        b: Person,
        city: &'static str,
        time: &'static str,
        topic: &'static str,
    },
    Claim {
        source: &'static str,
        claim: usize,
    },
    Departure {
        who: Person,
        city: &'static str,
        source: &'static str,
        time: &'static str,
    },
    Exodus {
        count: u32,
        neighbor: &'static str,
        source: &'static str,
        since: &'static str,
    },
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// First person to third person, for indirect speech.
fn indirect(quote: &str) -> String {
    quote
        .split(' ')
        .map(|w| match w {
            "We" | "we" => "they",
            "I" => "he",
            "our" | "Our" => "their",
            "us" => "them",
            "have" => "had",
            "will" => "would",
            "are" => "were",
            "is" => "was",
            "remain" => "remained",
            "expect" => "expected",
            "call" => "called",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Fact {
    /// A random fact; `used` keeps quotes and claims unique and caps how
    /// often one kind of fact recurs in the whole wire.
    fn random(rng: &mut Rng, ev: &Event, used: &mut Budget) -> Option<Fact> {
        let place = rng.pick(&ev.cities);
        let fact = match rng.below(10) {
            0..=2 => Fact::Action {
                agent: rng.pick(GROUPS),
                verb: rng.below(VERBS.len()),
                object: rng.pick(OBJECTS),
                place,
                time: rng.pick(TIMES),
                source: rng.pick(SOURCES),
            },
            3 | 4 => {
                let q = rng.below(QUOTES.len());
                if !used.quotes.insert(q) {
                    return None;
                }
                Fact::Quote {
                    speaker: rng.pick(&ev.people),
                    text: QUOTES[q],
                    place,
                    agency: rng.pick(AGENCIES),
                }
            }
            5 | 6 => {
                let c = rng.below(CLAIMS.len());
                if !used.claims.insert(c) {
                    return None;
                }
                Fact::Claim {
                    source: rng.pick(SOURCES),
                    claim: c,
                }
            }
            7 => Fact::Toll {
                killed: rng.range(3, 240) as u32,
                wounded: rng.range(10, 900) as u32,
                place,
                source: rng.pick(SOURCES),
                time: rng.pick(TIMES),
            },
            8 => {
                if rng.chance(0.5) {
                    Fact::Aid {
                        org: rng.pick(ORGS),
                        amount: rng.range(2, 600) as u32,
                        what: rng.below(AID.len()),
                        place,
                        deadline: rng.pick(DEADLINES),
                    }
                } else {
                    Fact::Exodus {
                        count: rng.range(1, 90) as u32 * 1000 + rng.below(10) as u32 * 100,
                        neighbor: ev.neighbor,
                        source: rng.pick(SOURCES),
                        since: rng.pick(TIMES),
                    }
                }
            }
            _ => {
                if rng.chance(0.3) {
                    Fact::Departure {
                        who: rng.pick(&ev.people),
                        city: place,
                        source: rng.pick(SOURCES),
                        time: rng.pick(TIMES),
                    }
                } else {
                    let i = rng.below(ev.people.len());
                    let mut j = rng.below(ev.people.len());
                    if j == i {
                        j = (j + 1) % ev.people.len();
                    }
                    Fact::Meeting {
                        a: ev.people[i].clone(),
                        b: ev.people[j].clone(),
                        city: place,
                        time: rng.pick(TIMES),
                        topic: rng.pick(TOPICS),
                    }
                }
            }
        };
        // Tolls, refugee counts, aid pledges, meetings and departures are
        // a handful per event, not dozens.
        let (slot, cap) = match &fact {
            Fact::Toll { .. } => (0, 4),
            Fact::Exodus { .. } => (1, 2),
            Fact::Aid { .. } => (2, 6),
            Fact::Meeting { .. } => (3, 8),
            Fact::Departure { .. } => (4, 3),
            _ => (5, usize::MAX),
        };
        let n = used.kinds.entry(slot).or_insert(0);
        *n += 1;
        (*n <= cap).then_some(fact)
    }

    /// The wire's wording (form 0) or a paraphrase (form 1..).
    fn render(&self, form: usize, ev: &Event) -> String {
        match self {
            Fact::Action {
                agent,
                verb,
                object,
                place,
                time,
                source,
            } => {
                let (past, _pp, ppast, ppp) = VERBS[*verb];
                match form {
                    0 => format!("{} {past} {object} in {place} {time}, {source} said.", cap(agent)),
                    1 => format!("{object} was {ppp} by {agent} in {place} {time}, according to {source}.", )
                        .replacen(object, &cap(object), 1),
                    2 => format!("{} said {agent} had {ppp} {object} in {place} {time}.", cap(source)),
                    _ => format!("{}, {agent} {ppast} {object} in {place}, {source} reported.", cap(time)),
                }
            }
            Fact::Quote {
                speaker,
                text,
                place,
                agency,
            } => {
                let who = format!("{}, the {} of {}", speaker.name, speaker.role, ev.country);
                match form {
                    0 => format!("\u{201C}{text},\u{201D} {who}, told {agency} in {place}."),
                    1 => format!(
                        "Speaking in {place}, {} said that {}.",
                        speaker.surname,
                        indirect(&lower_first(text))
                    ),
                    2 => format!("{who} said: \u{201C}{text}.\u{201D}"),
                    _ => format!(
                        "The {} told reporters {} in {place}.",
                        speaker.role,
                        indirect(&lower_first(text))
                    ),
                }
            }
            Fact::Toll {
                killed,
                wounded,
                place,
                source,
                time,
            } => match form {
                0 => format!(
                    "At least {killed} people were killed and {wounded} wounded in {place} {time}, {source} said."
                ),
                1 => format!(
                    "{} said the fighting in {place} had left {killed} people dead and {wounded} injured.",
                    cap(source)
                ),
                2 => format!(
                    "The death toll in {place} rose to {killed}, with {wounded} hurt, according to {source}."
                ),
                _ => format!(
                    "{killed} dead and {wounded} injured: that is the toll {source} gave for {place}."
                ),
            },
            Fact::Aid {
                org,
                amount,
                what,
                place,
                deadline,
            } => {
                let (w, p) = AID[*what];
                match form {
                    0 => format!("{} said it would send {amount} {w} to {place} by {deadline}.", cap(org)),
                    1 => format!("{amount} {p} will be delivered to {place} by {deadline}, {org} announced."),
                    2 => format!("By {deadline}, {org} plans to get {amount} {p} to {place}."),
                    _ => format!("{} pledged {amount} {p} for {place}, to arrive by {deadline}.", cap(org)),
                }
            }
            Fact::Meeting {
                a,
                b,
                city,
                time,
                topic,
            } => match form {
                0 => format!(
                    "{}, the {}, met {}, the {}, in {city} {time} to discuss {topic}.",
                    a.name, a.role, b.name, b.role
                ),
                1 => format!(
                    "{} held talks with {} in {city} {time} on {topic}.",
                    b.name, a.name
                ),
                2 => format!(
                    "{topic} was on the agenda when {} and {} sat down in {city} {time}.",
                    a.surname, b.surname
                )
                .replacen(topic, &cap(topic), 1),
                _ => format!(
                    "In {city}, the {} and the {} discussed {topic} {time}.",
                    a.role, b.role
                ),
            },
            Fact::Claim { source, claim } => {
                let (w, p) = CLAIMS[*claim];
                match form {
                    0 => format!("{} said {w}.", cap(source)),
                    1 => format!("According to {source}, {p}."),
                    2 => format!("{}, {source} said.", cap(p)),
                    _ => format!("{} reported that {p}.", cap(source)),
                }
            }
            Fact::Departure {
                who,
                city,
                source,
                time,
            } => match form {
                0 => format!(
                    "{}, the {}, left {city} on a plane for an unknown destination {time}, {source} said.",
                    who.name, who.role
                ),
                1 => format!(
                    "{} flew out of {city} {time} and nobody knows where to, {source} said.",
                    who.name
                ),
                2 => format!(
                    "The {} boarded a plane in {city} {time}; where it was headed is unknown, according to {source}.",
                    who.role
                ),
                _ => format!("{} has left {city} by air for an unknown destination.", who.surname),
            },
            Fact::Exodus {
                count,
                neighbor,
                source,
                since,
            } => match form {
                0 => format!(
                    "More than {} people have crossed into {neighbor} since {}, {source} said.",
                    thousands(*count),
                    since.trim_start_matches("on ")
                ),
                1 => format!(
                    "{} said over {} people had fled to {neighbor} since {}.",
                    cap(source),
                    thousands(*count),
                    since.trim_start_matches("on ")
                ),
                2 => format!(
                    "Since {}, {} people or more have escaped into {neighbor}, according to {source}.",
                    since.trim_start_matches("on "),
                    thousands(*count)
                ),
                _ => format!(
                    "{neighbor} has taken in more than {} people since {}, {source} reported.",
                    thousands(*count),
                    since.trim_start_matches("on ")
                ),
            },
        }
    }
}

fn lower_first(s: &str) -> String {
    // Keep "I" and names capitalized: only lowercase a leading common word.
    let first = s.split(' ').next().unwrap_or("");
    if first == "I" || first.chars().skip(1).any(char::is_uppercase) {
        s.to_string()
    } else {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

// ---------------------------------------------------------------- edits

/// How an outlet styles its text.
#[derive(Clone, Debug)]
struct Style {
    curly_quotes: bool,
    dash: &'static str,
    wrap: Option<usize>,
    paragraph_sep: &'static str,
    spell_numbers: bool,
}

fn restyle(s: &str, style: &Style) -> String {
    let mut t = if style.curly_quotes {
        s.to_string()
    } else {
        s.replace(['\u{201C}', '\u{201D}'], "\"")
            .replace('\u{2019}', "'")
    };
    if style.dash != " \u{2014} " {
        t = t.replace(" \u{2014} ", style.dash);
    }
    t
}

/// Edits a wire sentence lightly, as a copy editor would.
fn edit(rng: &mut Rng, s: &str, style: &Style) -> String {
    let mut t = s.to_string();
    // Synonym swaps (each phrase at most once).
    let mut swapped = 0;
    for (a, b) in SYNONYMS {
        if swapped >= 2 {
            break;
        }
        let (from, to) = if rng.chance(0.5) { (a, b) } else { (b, a) };
        if let Some(pos) = find_word(&t, from) {
            if rng.chance(0.6) {
                t.replace_range(pos..pos + from.len(), to);
                swapped += 1;
            }
        }
    }
    let mut words: Vec<String> = t.split(' ').map(str::to_string).collect();
    // Insert an adverb before a verb.
    if rng.chance(0.4) {
        let verbs: Vec<usize> = (1..words.len())
            .filter(|&i| {
                let w = words[i].as_str();
                ["said", "stated", "were", "had", "would", "was"].contains(&w)
                    || VERBS.iter().any(|v| v.0 == w || v.2 == w)
            })
            .collect();
        if !verbs.is_empty() {
            let at = verbs[rng.below(verbs.len())];
            words.insert(at, rng.pick(INSERTS).to_string());
        }
    }
    // Drop a modifier.
    if rng.chance(0.3) {
        if let Some(i) = words
            .iter()
            .position(|w| DROPPABLE.contains(&w.to_lowercase().as_str()))
        {
            let dropped = words.remove(i);
            if i == 0 && dropped.starts_with(char::is_uppercase) {
                if let Some(w) = words.first_mut() {
                    *w = cap(w);
                }
            }
        }
    }
    // Drop a trailing attribution (", X said." -> ".").
    let joined = words.join(" ");
    let mut t = joined;
    if rng.chance(0.3) {
        if let Some(comma) = t.rfind(", ") {
            let tail = &t[comma..];
            if tail.ends_with(" said.") || tail.ends_with(" reported.") {
                t.replace_range(comma.., ".");
            }
        }
    }
    // Number style: small numbers spelled out, thousands separators dropped.
    if style.spell_numbers {
        t = t
            .split(' ')
            .map(|w| match w.parse::<usize>() {
                Ok(n) if n <= 10 => NUMBER_WORDS[n].to_string(),
                _ => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
    } else if rng.chance(0.5) {
        t = remove_thousands_commas(&t);
    }
    restyle(&fix_capital(&t), style)
}

/// A paraphrase: another rendering of the fact, with a synonym swap.
fn paraphrase(rng: &mut Rng, fact: &Fact, ev: &Event, style: &Style) -> String {
    let form = rng.range(1, 3);
    let mut t = fact.render(form, ev);
    for (a, b) in SYNONYMS {
        if let Some(pos) = find_word(&t, a) {
            if rng.chance(0.4) {
                t.replace_range(pos..pos + a.len(), b);
                break;
            }
        }
    }
    restyle(&fix_capital(&t), style)
}

fn fix_capital(s: &str) -> String {
    cap(s)
}

/// Byte position of `w` as a whole word (or phrase) in `s`.
fn find_word(s: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s[from..].find(w) {
        let at = from + p;
        let before = s[..at].chars().next_back();
        let after = s[at + w.len()..].chars().next();
        let ok_b = before.is_none_or(|c| !c.is_alphanumeric());
        let ok_a = after.is_none_or(|c| !c.is_alphanumeric());
        if ok_b && ok_a {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

fn remove_thousands_commas(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let digit_around = i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_ascii_digit()
            && chars[i + 1].is_ascii_digit();
        if c == ',' && digit_around {
            continue;
        }
        out.push(c);
    }
    out
}

const OPENERS: &[&str] = &[
    "For many",
    "In the hours that followed",
    "Across the region",
    "Even before the news broke",
    "By nightfall",
    "For now",
    "Still",
    "In private",
    "Elsewhere",
    "Behind the scenes",
];
const SUBJECTS: &[&str] = &[
    "shopkeepers in {city}",
    "diplomats in {neighbor}",
    "students at the university",
    "taxi drivers",
    "aid workers",
    "exiled writers",
    "older residents of {city}",
    "families of soldiers",
    "local clerics",
    "business owners",
    "farmers outside {city}",
    "{adj} officials in exile",
];
const OWN_VERBS: &[&str] = &[
    "worried about",
    "talked about",
    "complained about",
    "joked about",
    "argued over",
    "asked about",
    "wrote about",
    "prayed for",
    "waited for",
    "hoped for",
    "kept quiet about",
    "were divided over",
];
// Objects of the outlet's own sentences: adjective, noun and complement
// chosen apart (over a thousand combinations), so two outlets rarely write
// the same clause by chance, as in real coverage.
const OWN_ADJS: &[&str] = &[
    "rising",
    "sudden",
    "uncertain",
    "quiet",
    "long",
    "growing",
    "bitter",
    "strange",
    "early",
    "lasting",
    "fragile",
    "first",
];
const OWN_NOUNS: &[&str] = &[
    "price", "silence", "fate", "return", "shortage", "cost", "memory", "absence", "mood",
    "rumour", "question", "fear",
];
const OWN_COMPLEMENTS: &[&str] = &[
    "of bread",
    "of the markets",
    "of the old regime",
    "of relatives abroad",
    "in {city}",
    "of the {decade}",
    "of their neighbours",
    "around the checkpoints",
    "of the coming winter",
    "of {person}",
    "in the camps near {neighbor}",
    "of the night before",
];
const OWN_MODIFIERS: &[&str] = &[
    "",
    "",
    " in hushed voices",
    " for hours",
    " on social media",
    " late into the night",
    " with visible {noun2}",
    " in {year}-era terms",
];

fn own_sentence(rng: &mut Rng, ev: &Event, templates_left: &mut Vec<usize>) -> String {
    let tpl: String = if !templates_left.is_empty() && rng.chance(0.4) {
        let i = templates_left.swap_remove(rng.below(templates_left.len()));
        OWN_TEMPLATES[i].to_string()
    } else {
        let mut t = String::new();
        if rng.chance(0.5) {
            t.push_str(rng.pick(OPENERS));
            t.push_str(", ");
        }
        t.push_str(rng.pick(SUBJECTS));
        t.push(' ');
        t.push_str(rng.pick(OWN_VERBS));
        t.push_str(" the ");
        t.push_str(rng.pick(OWN_ADJS));
        t.push(' ');
        t.push_str(rng.pick(OWN_NOUNS));
        t.push(' ');
        t.push_str(rng.pick(OWN_COMPLEMENTS));
        t.push_str(rng.pick(OWN_MODIFIERS));
        t.push('.');
        t
    };
    let tpl = tpl.as_str();
    let mut out = String::new();
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap_or(0);
        let key = &rest[open + 1..close];
        let val: String = match key {
            "city" => rng.pick(&ev.cities).to_string(),
            "country" => ev.country.to_string(),
            "adj" => ev.adj.to_string(),
            "neighbor" => ev.neighbor.to_string(),
            "person" => rng.pick(&ev.people).name.clone(),
            "noun" => rng.pick(NOUNS).to_string(),
            "noun2" => rng.pick(NOUNS2).to_string(),
            "adj2" => rng.pick(ADJ2).to_string(),
            "group" => rng.pick(GROUPS).to_string(),
            "verb" => VERBS[rng.below(VERBS.len())].0.to_string(),
            "object" => rng.pick(OBJECTS).to_string(),
            "year" => rng.range(1979, 2022).to_string(),
            "num" => rng.range(3, 60).to_string(),
            "pct" => rng.range(12, 70).to_string(),
            "weekday" => rng.pick(WEEKDAYS).to_string(),
            "frac" => rng.pick(FRACTIONS).to_string(),
            "decade" => format!("{}s", rng.range(197, 201) * 10),
            _ => key.to_string(),
        };
        out.push_str(&val);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    cap(&out)
}

fn outlet_name(rng: &mut Rng, i: usize) -> String {
    const A: &[&str] = &[
        "Daily", "Morning", "Evening", "National", "Global", "Northern", "Coastal", "City",
    ];
    const B: &[&str] = &[
        "Herald",
        "Courier",
        "Tribune",
        "Observer",
        "Gazette",
        "Post",
        "Chronicle",
        "Sentinel",
        "Ledger",
        "Dispatch",
    ];
    format!("{} {} {}", rng.pick(A), rng.pick(B), i + 1)
}

fn wrap(text: &str, width: usize) -> String {
    // Replace spaces by newlines; char offsets stay the same.
    let mut out = String::with_capacity(text.len());
    let mut col = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if col > 0 {
            if col + 1 + len > width {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += len;
    }
    out
}

/// Generates the corpus for `cfg`.
pub fn generate(cfg: &GenConfig) -> Corpus {
    let mut rng = Rng::new(cfg.seed);
    let ev = Event::new(&mut rng);

    // Wire stories: facts, each rendered in the wire's wording.
    let mut facts: Vec<Fact> = Vec::new();
    let mut wire: Vec<WireSentence> = Vec::new();
    let mut seen = HashSet::new();
    let mut budget = Budget::default();
    for story in 0..cfg.wire_stories.max(1) {
        let mut n = 0;
        let mut tries = 0;
        while n < cfg.wire_sentences.max(1) && tries < cfg.wire_sentences * 50 + 50 {
            tries += 1;
            let Some(mut fact) = Fact::random(&mut rng, &ev, &mut budget) else {
                continue;
            };
            if n == 0 {
                // The lede: an action in the capital.
                fact = Fact::Action {
                    agent: rng.pick(GROUPS),
                    verb: rng.below(VERBS.len()),
                    object: rng.pick(OBJECTS),
                    place: ev.capital,
                    time: rng.pick(TIMES),
                    source: rng.pick(SOURCES),
                };
            }
            let text = fact.render(0, &ev);
            if !seen.insert(text.clone()) {
                continue;
            }
            wire.push(WireSentence { story, text });
            facts.push(fact);
            n += 1;
        }
    }

    let mut own_seen: HashSet<String> = HashSet::new();
    // Each background template is used by one article only: outlets do not
    // share sentence frames they wrote themselves.
    let mut templates_left: Vec<usize> = (0..OWN_TEMPLATES.len()).collect();
    let mut articles = Vec::with_capacity(cfg.articles);
    for i in 0..cfg.articles {
        let style = Style {
            curly_quotes: rng.chance(0.5),
            dash: rng.pick(&[" \u{2014} ", " - ", " -- ", " \u{2013} "]),
            wrap: if rng.chance(0.3) {
                Some(rng.range(64, 80))
            } else {
                None
            },
            paragraph_sep: if rng.chance(0.5) { "\n\n" } else { "\n" },
            spell_numbers: rng.chance(0.3),
        };
        let label = outlet_name(&mut rng, i);
        let target = cfg.words.max(30) * rng.range(85, 115) / 100;
        let wire_share = rng.range(30, 75) as f64 / 100.0;

        // Which stories this outlet draws from.
        let stories: Vec<usize> = (0..cfg.wire_stories.max(1))
            .filter(|_| rng.chance(0.6))
            .collect();
        let stories = if stories.is_empty() {
            vec![rng.below(cfg.wire_stories.max(1))]
        } else {
            stories
        };
        let candidates: Vec<usize> = (0..wire.len())
            .filter(|&w| stories.contains(&wire[w].story))
            .collect();

        // Pick wire sentences in story order; earlier ones more likely.
        let mut picked: Vec<(String, Origin, usize)> = Vec::new();
        let mut wire_words = 0usize;
        let mut pass = 0;
        while (wire_words as f64) < wire_share * target as f64 && pass < 4 {
            pass += 1;
            for (rank, &w) in candidates.iter().enumerate() {
                if picked.iter().any(|p| p.2 == w) {
                    continue;
                }
                let pos_in_story = rank % cfg.wire_sentences.max(1);
                let p = 0.5 / (1.0 + pos_in_story as f64 / 10.0);
                if !rng.chance(p) {
                    continue;
                }
                let roll = rng.below(100);
                let (text, origin) = if roll < 20 {
                    (restyle(&wire[w].text, &style), Origin::Verbatim)
                } else if roll < 70 {
                    (edit(&mut rng, &wire[w].text, &style), Origin::Edited)
                } else {
                    (
                        paraphrase(&mut rng, &facts[w], &ev, &style),
                        Origin::Paraphrase,
                    )
                };
                wire_words += text.split_whitespace().count();
                picked.push((text, origin, w));
                if (wire_words as f64) >= wire_share * target as f64 {
                    break;
                }
            }
        }
        picked.sort_by_key(|p| p.2);

        // Paragraphs of wire copy (1-3 sentences).
        let mut paragraphs: Vec<Vec<(String, Option<usize>, Origin)>> = Vec::new();
        let mut it = picked.into_iter().peekable();
        while it.peek().is_some() {
            let n = rng.range(1, 3);
            let para: Vec<_> = it
                .by_ref()
                .take(n)
                .map(|(t, o, w)| (t, Some(w), o))
                .collect();
            paragraphs.push(para);
        }
        // Own paragraphs, inserted between, until the target length.
        let mut words: usize = paragraphs
            .iter()
            .flatten()
            .map(|s| s.0.split_whitespace().count())
            .sum();
        let mut guard = 0;
        while words < target && guard < 1000 {
            guard += 1;
            let n = rng.range(1, 3);
            let mut para = Vec::new();
            for _ in 0..n {
                let mut s = own_sentence(&mut rng, &ev, &mut templates_left);
                let mut k = 0;
                while !own_seen.insert(s.clone()) && k < 20 {
                    s = own_sentence(&mut rng, &ev, &mut templates_left);
                    k += 1;
                }
                if k == 20 {
                    continue;
                }
                words += s.split_whitespace().count();
                para.push((restyle(&s, &style), None, Origin::Own));
            }
            if para.is_empty() {
                continue;
            }
            let at = if paragraphs.is_empty() {
                0
            } else {
                rng.range(1, paragraphs.len())
            };
            paragraphs.insert(at, para);
        }
        // Reorder a few paragraphs (the lede stays first).
        for _ in 0..rng.range(0, 3) {
            if paragraphs.len() > 3 {
                let a = rng.range(1, paragraphs.len() - 1);
                let b = rng.range(1, paragraphs.len() - 1);
                paragraphs.swap(a, b);
            }
        }

        // Assemble with char offsets.
        let mut text = String::new();
        let mut chars = 0usize;
        let mut sentences = Vec::new();
        if rng.chance(0.4) {
            let dateline = format!("{} ({}) \u{2014} ", ev.capital.to_uppercase(), label);
            let dateline = restyle(&dateline, &style);
            chars += dateline.chars().count();
            text.push_str(&dateline);
        }
        for (pi, para) in paragraphs.iter().enumerate() {
            if pi > 0 {
                text.push_str(style.paragraph_sep);
                chars += style.paragraph_sep.chars().count();
            }
            let mut ptext = String::new();
            for (si, (s, source, origin)) in para.iter().enumerate() {
                if si > 0 {
                    ptext.push(' ');
                }
                let start = chars + ptext.chars().count();
                ptext.push_str(s);
                sentences.push(GenSentence {
                    start,
                    end: start + s.chars().count(),
                    source: *source,
                    origin: *origin,
                });
            }
            let ptext = match style.wrap {
                Some(w) if pi > 0 => wrap(&ptext, w),
                _ => ptext,
            };
            chars += ptext.chars().count();
            text.push_str(&ptext);
        }
        text.push('\n');
        articles.push(GenArticle {
            label,
            text,
            sentences,
        });
    }
    Corpus { wire, articles }
}

// ---------------------------------------------------------------- scoring

/// How well a [`Comparison`] recovers a corpus's ground truth.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Eval {
    /// Pairs of sentences (in different articles) that derive from the same
    /// wire sentence.
    pub truth_pairs: usize,
    /// Of those, pairs linked by some group.
    pub found_pairs: usize,
    /// Found / truth, by the harder origin of the two sentences
    /// (verbatim, edited, paraphrase): (found, truth).
    pub by_origin: [(usize, usize); 3],
    /// Member pairs (two members of one group, in different articles).
    pub linked_pairs: usize,
    /// Of those, pairs whose members overlap sentences of a common wire source.
    pub correct_links: usize,
}

impl Eval {
    /// found / truth (1 when there is nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.found_pairs, self.truth_pairs)
    }
    /// correct / linked (1 when nothing was linked).
    pub fn precision(&self) -> f64 {
        ratio(self.correct_links, self.linked_pairs)
    }
    /// Recall for one origin (0 verbatim, 1 edited, 2 paraphrase).
    pub fn recall_of(&self, origin: usize) -> f64 {
        let (f, t) = self.by_origin[origin.min(2)];
        ratio(f, t)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A member span covers a sentence when they overlap by at least half of the
/// shorter of the two.
fn covers(m: (usize, usize), s: (usize, usize)) -> bool {
    let inter = m.1.min(s.1).saturating_sub(m.0.max(s.0));
    let shorter = (m.1 - m.0).min(s.1 - s.0).max(1);
    inter * 2 >= shorter
}

/// Scores `cmp` (computed on `corpus.docs()` in order) against the truth.
pub fn evaluate(corpus: &Corpus, cmp: &Comparison) -> Eval {
    let mut ev = Eval::default();
    // Truth: (source -> [(doc, sentence index)]).
    let mut by_source: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (d, a) in corpus.articles.iter().enumerate() {
        for (si, s) in a.sentences.iter().enumerate() {
            if let Some(src) = s.source {
                by_source.entry(src).or_default().push((d, si));
            }
        }
    }
    let origin_of = |d: usize, si: usize| corpus.articles[d].sentences[si].origin as usize;
    let mut truth: HashSet<((usize, usize), (usize, usize))> = HashSet::new();
    for list in by_source.values() {
        for (i, &x) in list.iter().enumerate() {
            for &y in &list[i + 1..] {
                if x.0 != y.0 {
                    let key = if x < y { (x, y) } else { (y, x) };
                    truth.insert(key);
                }
            }
        }
    }
    ev.truth_pairs = truth.len();
    for &(x, y) in &truth {
        let o = origin_of(x.0, x.1).max(origin_of(y.0, y.1)).min(2);
        ev.by_origin[o].1 += 1;
    }
    let mut found: HashSet<((usize, usize), (usize, usize))> = HashSet::new();
    for g in &cmp.groups {
        // Per member: the covered sentences and their sources.
        let mut covered: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        for m in &g.members {
            let Some(a) = corpus.articles.get(m.doc) else {
                continue;
            };
            let hits: Vec<(usize, usize)> = a
                .sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| covers((m.span.start, m.span.end), (s.start, s.end)))
                .filter_map(|(si, s)| s.source.map(|src| (si, src)))
                .collect();
            covered.push((m.doc, hits));
        }
        for (i, (da, ha)) in covered.iter().enumerate() {
            for (db, hb) in &covered[i + 1..] {
                if da == db {
                    continue;
                }
                ev.linked_pairs += 1;
                let mut ok = false;
                for &(sa, srca) in ha {
                    for &(sb, srcb) in hb {
                        if srca == srcb {
                            ok = true;
                            let x = (*da, sa);
                            let y = (*db, sb);
                            found.insert(if x < y { (x, y) } else { (y, x) });
                        }
                    }
                }
                if ok {
                    ev.correct_links += 1;
                }
            }
        }
    }
    for &(x, y) in &found {
        if truth.contains(&(x, y)) {
            ev.found_pairs += 1;
            let o = origin_of(x.0, x.1).max(origin_of(y.0, y.1)).min(2);
            ev.by_origin[o].0 += 1;
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_engine::model::{Group, Kind, Member, Span};

    fn span(s: usize, e: usize) -> Span {
        Span {
            start: s,
            end: e,
            start16: s,
            end16: e,
        }
    }

    #[test]
    fn deterministic_and_seed_dependent() {
        let c = GenConfig {
            articles: 4,
            ..GenConfig::default()
        };
        assert_eq!(generate(&c), generate(&c));
        let d = GenConfig { seed: 2, ..c };
        assert_ne!(generate(&d).articles[0].text, generate(&c).articles[0].text);
    }

    #[test]
    fn sentences_point_into_text() {
        let corpus = generate(&GenConfig {
            articles: 12,
            ..GenConfig::default()
        });
        let mut kinds = HashSet::new();
        for a in &corpus.articles {
            let chars: Vec<char> = a.text.chars().collect();
            let words = a.text.split_whitespace().count();
            assert!((500..950).contains(&words), "{words} words");
            let mut last = 0;
            for s in &a.sentences {
                assert!(s.start >= last && s.end <= chars.len() && s.start < s.end);
                last = s.end;
                let t: String = chars[s.start..s.end].iter().collect();
                assert!(t.ends_with(['.', '\u{201D}', '"']), "{t}");
                assert!(t.chars().next().is_some_and(|c| !c.is_lowercase()), "{t}");
                if let Some(src) = s.source {
                    let wire = &corpus.wire[src].text;
                    // Verbatim copies keep the wire's words.
                    if s.origin == Origin::Verbatim {
                        let norm = |x: &str| {
                            x.split_whitespace()
                                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                                .collect::<Vec<_>>()
                                .join(" ")
                        };
                        assert_eq!(norm(&t), norm(wire));
                    }
                } else {
                    assert_eq!(s.origin, Origin::Own);
                }
                kinds.insert(s.origin);
            }
        }
        assert_eq!(kinds.len(), 4, "all origins occur: {kinds:?}");
    }

    #[test]
    fn evaluate_scores_links() {
        let corpus = generate(&GenConfig {
            articles: 3,
            ..GenConfig::default()
        });
        // A perfect linker: one group per pair of same-source sentences.
        let mut groups = Vec::new();
        let mut wrong = None;
        for (da, a) in corpus.articles.iter().enumerate() {
            for (db, b) in corpus.articles.iter().enumerate().skip(da + 1) {
                for sa in &a.sentences {
                    for sb in &b.sentences {
                        if sa.source.is_some() && sa.source == sb.source {
                            groups.push((da, sa.start, sa.end, db, sb.start, sb.end));
                        } else if sa.source.is_none() && sb.source.is_none() {
                            wrong = Some((da, sa.start, sa.end, db, sb.start, sb.end));
                        }
                    }
                }
            }
        }
        let to_group =
            |(da, s1, e1, db, s2, e2): (usize, usize, usize, usize, usize, usize)| Group {
                id: 0,
                kind: Kind::Near,
                score: 1.0,
                members: vec![
                    Member {
                        doc: da,
                        span: span(s1, e1),
                        words: vec![],
                    },
                    Member {
                        doc: db,
                        span: span(s2, e2),
                        words: vec![],
                    },
                ],
                evidence: Default::default(),
            };
        let mut cmp = Comparison {
            groups: groups.iter().copied().map(to_group).collect(),
            ..Default::default()
        };
        let e = evaluate(&corpus, &cmp);
        assert!(e.truth_pairs > 0);
        assert_eq!(e.found_pairs, e.truth_pairs);
        assert_eq!(e.precision(), 1.0);
        cmp.groups.push(to_group(wrong.expect("two own sentences")));
        let e = evaluate(&corpus, &cmp);
        assert!(e.precision() < 1.0);
        assert_eq!(evaluate(&corpus, &Comparison::default()).recall(), 0.0);
    }
}
