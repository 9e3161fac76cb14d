//! An aligner that compares again after articles are added, edited,
//! removed or reordered gives the same result as a fresh comparison (it
//! reuses what it found about pairs of sentences, weighed anew).

use parallax::engine::{compare, Aligner, InputDoc};
use parallax_gen::{generate, GenConfig};

#[test]
fn incremental_comparisons_equal_fresh_ones() {
    let corpus = generate(&GenConfig {
        seed: 5,
        articles: 14,
        words: 400,
        ..GenConfig::default()
    });
    let all: Vec<InputDoc> = corpus
        .articles
        .iter()
        .map(|a| InputDoc::new(a.label.clone(), a.text.clone()))
        .collect();
    let mut edited = all[3].clone();
    // One sentence dropped, one word changed.
    let cut = edited.text.find(". ").expect("two sentences") + 2;
    edited.text.replace_range(..cut, "");
    edited.text = edited.text.replacen(" the ", " a ", 1);
    let mut reordered = all[..12].to_vec();
    reordered.reverse();
    let mut twice = all[..12].to_vec();
    twice.push(all[0].clone());
    let mut with_edit = all[..12].to_vec();
    with_edit[3] = edited;
    let steps: Vec<(&str, Vec<InputDoc>)> = vec![
        ("first ten", all[..10].to_vec()),
        ("one added", all[..11].to_vec()),
        ("two added", all[..13].to_vec()),
        ("one removed", all[..12].to_vec()),
        ("one edited", with_edit.clone()),
        ("reordered", reordered),
        ("one there twice", twice),
        ("after a duplicate", all[..12].to_vec()),
        ("edited again", with_edit),
        ("all", all.clone()),
    ];
    let mut aligner = Aligner::new();
    for (what, docs) in &steps {
        // A provisional result first, as the app asks for, and a
        // comparison cancelled while judging change nothing.
        let _ = aligner.compare_provisional(docs);
        let cancelled = aligner.compare_with_progress(docs, &mut |done| done < 0.85);
        assert!(cancelled.is_none(), "{what}");
        let fresh = compare(docs);
        assert!(
            fresh.groups.len() > 40,
            "{what}: {} groups",
            fresh.groups.len()
        );
        assert!(aligner.compare(docs) == fresh, "{what}");
    }
}
