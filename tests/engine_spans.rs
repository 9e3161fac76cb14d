//! Table-driven span cases: small hand-made article sets with the groups a
//! reader expects (kind and the exact text of each member).

use parallax::engine::{compare, InputDoc};
use parallax::model::{Comparison, Kind};

struct Case {
    name: &'static str,
    docs: &'static [&'static str],
    /// Per expected group: kind and (doc, exact member text).
    groups: &'static [(Kind, &'static [(usize, &'static str)])],
    /// Char ranges to ignore, per document (doc, start, end).
    ignored: &'static [(usize, usize, usize)],
}

const CASES: &[Case] = &[
    Case {
        name: "verbatim copy, restyled quotes, dashes and line wrapping",
        docs: &[
            "Rain fell all night. He said: “We will not retreat — not now, not ever,” before leaving the hall. Then the lights went out.",
            "Markets were calm.\nHe said: \"We will not retreat - not now,\nnot ever,\" before leaving\nthe hall.\n",
        ],
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "He said: “We will not retreat — not now, not ever,” before leaving the hall."),
                (1, "He said: \"We will not retreat - not now,\nnot ever,\" before leaving\nthe hall."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "edited copy: words substituted and dropped",
        docs: &[
            "Police said the suspect, a 34-year-old man from Leeds, was arrested at the airport on Friday evening. The investigation continues.",
            "The weather was mild. The suspect, a 34-year-old Leeds man, was detained at the airport late on Friday, police said.",
        ],
        groups: &[(
            Kind::Near,
            &[
                (0, "Police said the suspect, a 34-year-old man from Leeds, was arrested at the airport on Friday evening."),
                (1, "The suspect, a 34-year-old Leeds man, was detained at the airport late on Friday, police said."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "paraphrase of one specific fact with a number",
        docs: &[
            "The earthquake killed at least 2,946 people in the mountain villages of the province. Aid convoys were slow.",
            "Rescuers worked through the night. At least 2,946 people died when the quake flattened mountain villages.",
        ],
        groups: &[(
            Kind::Paraphrase,
            &[
                (0, "The earthquake killed at least 2,946 people in the mountain villages of the province."),
                (1, "At least 2,946 people died when the quake flattened mountain villages."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "same topic and name only: not linked",
        docs: &[
            "Protesters gathered in Tbilisi on Sunday evening.",
            "The parliament in Tbilisi passed the budget on Tuesday.",
        ],
        groups: &[],
        ignored: &[],
    },
    Case {
        name: "one passage carried by three articles is one group",
        docs: &[
            "The central bank raised its key interest rate to 4.5 percent on Thursday, citing stubborn inflation.",
            "Citing stubborn inflation, the central bank raised its key interest rate to 4.5 percent on Thursday.",
            "Sports news first. The central bank raised its key rate to 4.5 percent Thursday, citing stubborn inflation.",
        ],
        // Verbatim: the shared clause is copied in order, with at most a
        // fifth of its words dropped (clause-level, as wire copy is reused).
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "The central bank raised its key interest rate to 4.5 percent on Thursday, citing stubborn inflation."),
                (1, "Citing stubborn inflation, the central bank raised its key interest rate to 4.5 percent on Thursday."),
                (2, "The central bank raised its key rate to 4.5 percent Thursday, citing stubborn inflation."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "adjacent copied sentences make one passage",
        docs: &[
            "Intro line here. The ferry capsized near the harbour of Piraeus at dawn. Coast guard divers recovered eleven bodies from the hull. Unrelated ending.",
            "Different start. The ferry capsized near the harbour of Piraeus at dawn. Coast guard divers recovered eleven bodies from the hull.",
        ],
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "The ferry capsized near the harbour of Piraeus at dawn. Coast guard divers recovered eleven bodies from the hull."),
                (1, "The ferry capsized near the harbour of Piraeus at dawn. Coast guard divers recovered eleven bodies from the hull."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "ignored text never matches",
        docs: &[
            "Subscribe to our newsletter for daily updates and exclusive offers. The dam burst after three days of heavy rain.",
            "Subscribe to our newsletter for daily updates and exclusive offers. Nothing about dams here.",
        ],
        groups: &[],
        ignored: &[(0, 0, 67), (1, 0, 67)],
    },
    Case {
        name: "CJK without spaces",
        docs: &[
            "今天天气很好。北京市政府宣布地铁票价将从下月起上涨两元。市民表示不满。",
            "其他新闻内容。北京市政府宣布地铁票价将从下月起上涨两元。",
        ],
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "北京市政府宣布地铁票价将从下月起上涨两元。"),
                (1, "北京市政府宣布地铁票价将从下月起上涨两元。"),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "all-caps headline copy",
        docs: &[
            "VOLCANO ERUPTS NEAR REYKJAVIK, THOUSANDS EVACUATED FROM GRINDAVIK. More later.",
            "Breaking: Volcano erupts near Reykjavik, thousands evacuated from Grindavik.",
        ],
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "VOLCANO ERUPTS NEAR REYKJAVIK, THOUSANDS EVACUATED FROM GRINDAVIK."),
                (1, "Breaking: Volcano erupts near Reykjavik, thousands evacuated from Grindavik."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "one statement by two named speakers: not linked",
        docs: &[
            "Rain fell on Monday.\n\nSir Keir Starmer urged every faction to shield civilians from the shelling of hospitals.\n\nMarkets were calm.",
            "Trains ran late.\n\nThe ICRC is calling for hospitals to be spared from shelling and for civilians to be shielded.\n\nShops closed early.",
        ],
        groups: &[],
        ignored: &[],
    },
    Case {
        name: "the same speaker, named in full and by surname: linked",
        docs: &[
            "Rain fell on Monday.\n\nSir Keir Starmer urged every faction to shield civilians from the shelling of hospitals.\n\nMarkets were calm.",
            "Trains ran late.\n\nStarmer is calling for hospitals to be spared from shelling and for civilians to be shielded.\n\nShops closed early.",
        ],
        groups: &[(
            Kind::Paraphrase,
            &[
                (0, "Sir Keir Starmer urged every faction to shield civilians from the shelling of hospitals."),
                (1, "Starmer is calling for hospitals to be spared from shelling and for civilians to be shielded."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "a quote opened after \"X said:\" is X's",
        docs: &[
            "Rain fell on Monday.\n\nSir Keir Starmer urged every faction to shield civilians from the shelling of hospitals.\n\nMarkets were calm.",
            "Trains ran late.\n\nThe head of the delegation, Anna Berg, said on the fighting:\n\n“We are calling for hospitals to be spared from shelling and for civilians to be shielded.”\n\nShops closed early.",
        ],
        groups: &[],
        ignored: &[],
    },
    Case {
        name: "a copied quote is linked whoever it is attributed to",
        docs: &[
            "Rain fell on Monday. Sir Keir Starmer said: “Hospitals must be spared from the shelling and civilians shielded from harm.” Markets were calm.",
            "Trains ran late. The ICRC said: “Hospitals must be spared from the shelling and civilians shielded from harm.” Shops closed early.",
        ],
        groups: &[(
            Kind::Verbatim,
            &[
                (0, "Sir Keir Starmer said: “Hospitals must be spared from the shelling and civilians shielded from harm.”"),
                (1, "The ICRC said: “Hospitals must be spared from the shelling and civilians shielded from harm.”"),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "two words and a place, spread over two clauses of one side: not linked",
        docs: &[
            "Trains ran late on Monday.\n\nThe army said it was strengthening positions in the north, and operations against the militia had begun near Tarvo and Lesk.\n\nShops closed early.",
            "Rain fell all day.\n\nThe militia then moved north on May 2, trying to take Tarvo, which it held by May 5.\n\nMarkets were calm.",
        ],
        groups: &[],
        ignored: &[],
    },
    Case {
        name: "the same words with both places shared: linked",
        docs: &[
            "Trains ran late on Monday.\n\nThe army said it was strengthening positions in the north, and operations against the militia had begun near Tarvo and Lesk.\n\nShops closed early.",
            "Rain fell all day.\n\nThe militia then moved north on May 2, trying to take Tarvo and Lesk.\n\nMarkets were calm.",
        ],
        groups: &[(
            Kind::Paraphrase,
            &[
                (0, "The army said it was strengthening positions in the north, and operations against the militia had begun near Tarvo and Lesk."),
                (1, "The militia then moved north on May 2, trying to take Tarvo and Lesk."),
            ],
        )],
        ignored: &[],
    },
    Case {
        name: "initials with and without periods, a number in words and in figures",
        docs: &[
            "Lawmakers met again on Thursday. The I.R.S. official declined to testify, citing the Fifth Amendment.",
            "Her lawyer spoke later. The IRS official pleaded the 5th before the panel.",
        ],
        groups: &[(
            Kind::Paraphrase,
            &[
                (0, "The I.R.S. official declined to testify, citing the Fifth Amendment."),
                (1, "The IRS official pleaded the 5th before the panel."),
            ],
        )],
        ignored: &[],
    },
];

fn member_text(docs: &[InputDoc], cmp: &Comparison, g: usize, m: usize) -> (usize, String) {
    let mem = &cmp.groups[g].members[m];
    let text: String = docs[mem.doc]
        .text
        .chars()
        .skip(mem.span.start)
        .take(mem.span.end - mem.span.start)
        .collect();
    (mem.doc, text)
}

#[test]
fn span_cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let docs: Vec<InputDoc> = case
            .docs
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut d = InputDoc::new(format!("D{i}"), *t);
                d.ignored = case
                    .ignored
                    .iter()
                    .filter(|r| r.0 == i)
                    .map(|r| (r.1, r.2))
                    .collect();
                d
            })
            .collect();
        let cmp = compare(&docs);
        // The groups shown by default (weaker links are shown on request).
        let shown = f64::from(parallax::engine::LINK_DEFAULT);
        let got: Vec<(Kind, Vec<(usize, String)>)> = (0..cmp.groups.len())
            .filter(|&g| cmp.groups[g].score >= shown)
            .map(|g| {
                (
                    cmp.groups[g].kind,
                    (0..cmp.groups[g].members.len())
                        .map(|m| member_text(&docs, &cmp, g, m))
                        .collect(),
                )
            })
            .collect();
        let want: Vec<(Kind, Vec<(usize, String)>)> = case
            .groups
            .iter()
            .map(|(k, ms)| (*k, ms.iter().map(|(d, t)| (*d, t.to_string())).collect()))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
