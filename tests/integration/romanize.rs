//! `nazir romanize`: one `term<TAB>normalized<TAB>key` line per term.

use crate::util::{assert_code, run, stdout};

fn romanize(terms: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["romanize"];
    args.extend_from_slice(terms);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    stdout(&out).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

#[test]
fn one_line_per_term_with_three_fields() {
    let lines = romanize(&["جوجل", "Google"]);
    assert_eq!(lines.len(), 2, "{lines:?}");
    for (line, term) in lines.iter().zip(["جوجل", "Google"]) {
        assert_eq!(line.len(), 3, "term, normalized, key: {line:?}");
        assert_eq!(line[0], term, "the term is echoed");
        assert!(!line[1].is_empty() && !line[2].is_empty(), "{line:?}");
    }
    assert_eq!(lines[0][1], "جوجل");
    assert_eq!(lines[1][1], "Google");
}

#[test]
fn harakat_tatweel_and_hamza_are_normalized_away() {
    let lines = romanize(&["جوجل", "جُوجِل", "جـوجل", "إنفيديا", "انفيديا"]);
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[1][0], "جُوجِل", "the term is echoed as given");
    assert_eq!(lines[1][1], "جوجل", "harakat removed");
    assert_eq!(lines[2][1], "جوجل", "tatweel removed");
    assert_eq!(lines[1][2], lines[0][2], "same key with harakat");
    assert_eq!(lines[2][2], lines[0][2], "same key with tatweel");
    assert_eq!(lines[3][2], lines[4][2], "hamza on alef does not change the key");
}

#[test]
fn spaces_inside_terms_are_kept_in_one_line() {
    let lines = romanize(&["سي إن إن", "Los Angeles"]);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][0], "سي إن إن");
    assert_eq!(lines[1][0], "Los Angeles");
}

#[test]
fn romanize_needs_a_term() {
    let out = run(&["romanize"], None);
    assert_code(&out, 2, &["romanize"]);
}
