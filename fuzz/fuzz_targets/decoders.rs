//! Every decoder of untrusted text or bytes: workspace JSON and share
//! codes (from files, storage and `#ws=` links), URL fragments and the view
//! state in them, file intake (decoding, paste splitting, Markdown, HTML
//! defusing), boilerplate detection and toggling, attribution, the
//! reference pair aligner, and the app state reducer fed decoded articles.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::formats::workspace::Workspace;

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let (sel, rest) = (data[0], &data[1..]);
    let text = String::from_utf8_lossy(rest);
    match sel % 8 {
        0 => {
            if let Ok(ws) = Workspace::from_json(&text) {
                let again = Workspace::from_json(&ws.to_json()).expect("own JSON reads back");
                assert_eq!(again, ws);
                let arts = ws.to_new_articles();
                let state = parallax::viewmodel::state::reduce(
                    &parallax::viewmodel::state::AppState::default(),
                    parallax::viewmodel::state::Action::ReplaceArticles(arts),
                );
                let _ = Workspace::from_state(&state).share_code();
            }
        }
        1 => {
            if let Ok(ws) = Workspace::from_share_code(&text) {
                let code = ws.share_code_unlimited();
                assert_eq!(
                    Workspace::from_share_code(&code).expect("own code reads back"),
                    ws
                );
            }
        }
        2 => {
            let f = parallax::formats::fragment::Fragment::parse(&text);
            let _ = f.get("ws");
            if let Some(v) = f.get("view") {
                let vs = parallax::viewmodel::viewstate::ViewState::decode(v);
                let again = parallax::viewmodel::viewstate::ViewState::decode(&vs.encode());
                assert_eq!(again, vs, "view state round trip");
                let _ = vs.columns_for(rest.len() % 8);
            }
            let _ = parallax::formats::fragment::decode(&text);
            let enc = parallax::formats::fragment::encode(&text);
            assert_eq!(
                parallax::formats::fragment::decode(&enc),
                text,
                "fragment round trip"
            );
        }
        3 => {
            if let Ok(d) = parallax::viewmodel::intake::decode(rest) {
                let norm = parallax::viewmodel::intake::normalize(&d.text);
                let _ = parallax::viewmodel::intake::check_text(&norm);
                for part in parallax::viewmodel::intake::split_paste(&norm) {
                    let _ = parallax::viewmodel::labels::label_for(&part, 0);
                }
            }
            let _ = parallax::viewmodel::intake::looks_binary(rest);
            let _ = parallax::viewmodel::intake::file_kind(&text, "text/html", rest);
            let _ = parallax::viewmodel::intake::file_stem(&text);
        }
        4 => {
            let _ = parallax::viewmodel::intake::markdown_to_text(&text);
            let defused = parallax::viewmodel::intake::defuse_html(&text);
            let _ = parallax::viewmodel::intake::defuse_html(&defused);
        }
        5 => {
            let flagged = parallax::viewmodel::boilerplate::detect(&text);
            let n = text.chars().count();
            let ranges = parallax::viewmodel::boilerplate::ranges(&flagged);
            for &(a, b) in &ranges {
                assert!(a <= b && b <= n, "boilerplate range {a}..{b} of {n}");
            }
            if let Some(&r) = ranges.first() {
                let t = parallax::viewmodel::boilerplate::toggle(&ranges, r);
                let _ = parallax::viewmodel::boilerplate::toggle(&t, r);
            }
            let _ = parallax::viewmodel::boilerplate::sanitize(&[(n, 0), (usize::MAX, 3), (0, n + 5)], n);
        }
        6 => {
            let n = text.chars().count();
            for a in parallax::viewmodel::attribution::extract(&text) {
                let _ = a;
            }
            for (s, e) in parallax::viewmodel::attribution::sentences(&text) {
                assert!(s <= e && e <= n, "sentence {s}..{e} of {n}");
            }
        }
        _ => {
            // Reference pair aligner: split the text in two at a byte the
            // input chooses.
            let cut = (rest.first().copied().unwrap_or(0) as usize * text.len()) / 256;
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let (a, b) = text.split_at(cut);
            let (na, nb) = (a.chars().count(), b.chars().count());
            for p in parallax_pan::pair::align_pair(a, b) {
                assert!(
                    p.src.start <= p.src.end && p.src.end <= na,
                    "src {:?} of {na}",
                    p.src
                );
                assert!(
                    p.susp.start <= p.susp.end && p.susp.end <= nb,
                    "susp {:?} of {nb}",
                    p.susp
                );
            }
        }
    }
});
