//! The PAN detection measure (precision, recall, granularity, plagdet) and
//! the XML form of cases and detections.

use parallax_pan::{
    evaluate, pair_file_name, parse_pairs, parse_xml, write_xml, Feature, PairAnnotations,
};

fn f(to: usize, tl: usize, so: usize, sl: usize) -> Feature {
    Feature {
        this_offset: to,
        this_length: tl,
        source_reference: "source-document00001.txt".into(),
        source_offset: so,
        source_length: sl,
    }
}

fn pair(cases: Vec<Feature>, detections: Vec<Feature>) -> PairAnnotations {
    PairAnnotations { cases, detections }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn perfect_detection_scores_one() {
    let p = pair(vec![f(100, 50, 10, 60)], vec![f(100, 50, 10, 60)]);
    let s = evaluate([&p]);
    assert!(close(s.precision, 1.0) && close(s.recall, 1.0) && close(s.plagdet, 1.0));
    assert_eq!(s.granularity, 1.0);
}

#[test]
fn half_coverage_halves_recall() {
    // The detection covers the first half of the case in both documents.
    let p = pair(vec![f(100, 100, 0, 100)], vec![f(100, 50, 0, 50)]);
    let s = evaluate([&p]);
    assert!(close(s.recall, 0.5), "{s:?}");
    assert!(close(s.precision, 1.0), "{s:?}");
    assert!(close(s.plagdet, 2.0 * 0.5 / 1.5), "{s:?}");
}

#[test]
fn chars_count_in_both_documents() {
    // Whole case in the suspicious document (100 chars) but a quarter of its
    // 300 source chars: (100 + 75) / 400.
    let p = pair(vec![f(0, 100, 0, 300)], vec![f(0, 100, 0, 75)]);
    let s = evaluate([&p]);
    assert!(close(s.recall, 175.0 / 400.0), "{s:?}");
    assert!(close(s.precision, 1.0), "{s:?}");
}

#[test]
fn split_detection_has_granularity_two() {
    let p = pair(
        vec![f(0, 100, 0, 100)],
        vec![f(0, 50, 0, 50), f(50, 50, 50, 50)],
    );
    let s = evaluate([&p]);
    assert_eq!(s.granularity, 2.0);
    assert!(close(s.recall, 1.0) && close(s.precision, 1.0));
    assert!(close(s.plagdet, 1.0 / 3f64.log2()), "{s:?}");
}

#[test]
fn overlap_in_one_document_only_detects_nothing() {
    // Right place in the suspicious document, wrong place in the source.
    let p = pair(vec![f(0, 100, 0, 100)], vec![f(0, 100, 500, 100)]);
    let s = evaluate([&p]);
    assert!(close(s.recall, 0.0) && close(s.precision, 0.0), "{s:?}");
    assert!(close(s.plagdet, 0.0));
    assert_eq!(s.granularity, 1.0);
}

#[test]
fn other_source_detects_nothing() {
    let mut d = f(0, 100, 0, 100);
    d.source_reference = "source-document00002.txt".into();
    let p = pair(vec![f(0, 100, 0, 100)], vec![d]);
    assert!(close(evaluate([&p]).recall, 0.0));
}

#[test]
fn detections_in_clean_pairs_lower_precision_and_empty_pairs_count_nothing() {
    let good = pair(vec![f(0, 100, 0, 100)], vec![f(0, 100, 0, 100)]);
    let clean_hit = pair(vec![], vec![f(0, 100, 0, 100)]);
    let empty = pair(vec![], vec![]);
    let s = evaluate([&good, &clean_hit, &empty]);
    assert!(close(s.precision, 0.5), "{s:?}");
    assert!(close(s.recall, 1.0), "{s:?}");
    let alone = evaluate([&good, &empty]);
    assert!(close(alone.plagdet, 1.0), "{alone:?}");
    // No case at all: recall undefined, no plagdet.
    let none = evaluate([&clean_hit]);
    assert_eq!(none.recall, None);
    assert_eq!(none.plagdet, None);
}

#[test]
fn missed_case_counts_zero_recall() {
    let a = pair(vec![f(0, 100, 0, 100)], vec![f(0, 100, 0, 100)]);
    let b = pair(vec![f(0, 100, 0, 100)], vec![]);
    let s = evaluate([&a, &b]);
    assert!(close(s.recall, 0.5) && close(s.precision, 1.0), "{s:?}");
}

#[test]
fn xml_round_trip() {
    let dets = vec![f(12, 345, 6, 789), f(1000, 20, 0, 1)];
    let xml = write_xml("suspicious-document00042.txt", &dets);
    assert!(xml.contains("name=\"detected-plagiarism\""));
    let back = parse_xml(&xml);
    assert_eq!(back.reference, "suspicious-document00042.txt");
    assert_eq!(back.features, dets);
}

#[test]
fn truth_xml_parses_and_skips_other_features() {
    let xml = r#"<document  reference="suspicious-document00001.txt">
	<feature  name="about" authors="DUC2006" title="news" language="en" />
<feature name="plagiarism" obfuscation="random" obfuscation_degree="0.46" source_length="402" source_offset="1084" source_reference="source-document00560.txt" this_length="269" this_offset="1412" type="artificial" />
<feature name="plagiarism" this_offset="not a number" />
</document>"#;
    let p = parse_xml(xml);
    assert_eq!(p.reference, "suspicious-document00001.txt");
    assert_eq!(p.features.len(), 1);
    let c = &p.features[0];
    assert_eq!(
        (
            c.this_offset,
            c.this_length,
            c.source_offset,
            c.source_length
        ),
        (1412, 269, 1084, 402)
    );
    assert_eq!(c.source_reference, "source-document00560.txt");
}

#[test]
fn names_and_pairs() {
    assert_eq!(
        pair_file_name("suspicious-document00005.txt", "source-document01090.txt"),
        "suspicious-document00005-source-document01090.xml"
    );
    let p = parse_pairs("a.txt b.txt\n\nc.txt d.txt\nbroken\n");
    assert_eq!(
        p,
        vec![
            ("a.txt".into(), "b.txt".into()),
            ("c.txt".into(), "d.txt".into())
        ]
    );
}
