//! `nazir match`: the English candidates ranked for each Arabic term.

use crate::util::{Row, assert_code, data, read_csv, run, stderr, stdout, tempdir};
use std::path::Path;

/// Runs `match` and returns the header and rows.
fn match_rows(args: &[&str], stdin: Option<&[u8]>) -> (Vec<String>, Vec<Row>) {
    let mut all = vec!["match"];
    all.extend_from_slice(args);
    let out = run(&all, stdin);
    assert_code(&out, 0, &all);
    read_csv(&stdout(&out))
}

/// The rows for one Arabic term, in output order.
fn rows_for<'a>(rows: &'a [Row], ar: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| r["ar"] == ar).collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

const ARABIC: [&str; 5] = ["جُوجِل", "غوغل", "سي إن إن", "أتلتيكو مدريد", "مَايكروسوفت"];

#[test]
fn ranks_top_k_candidates_per_line() {
    let dir = tempdir();
    let ar = write(dir.path(), "ar.txt", &format!("{}\n", ARABIC.join("\n")));
    let english: Vec<String> =
        std::fs::read_to_string(data("english.txt")).unwrap().lines().map(str::to_string).collect();
    let (header, rows) = match_rows(&["--against", "tests/data/english.txt", &ar, "--top-k", "3"], None);
    assert_eq!(header, ["ar", "rank", "en", "score"]);
    // Terms in input order, each echoed exactly (harakat kept).
    let mut order: Vec<&str> = rows.iter().map(|r| r["ar"].as_str()).collect();
    order.dedup();
    assert_eq!(order, ARABIC, "one block per input line, in order");
    for term in ARABIC {
        let block = rows_for(&rows, term);
        assert_eq!(block.len(), 3, "{term}: three candidates");
        let ranks: Vec<&str> = block.iter().map(|r| r["rank"].as_str()).collect();
        assert_eq!(ranks, ["1", "2", "3"], "{term}");
        let scores: Vec<f32> = block.iter().map(|r| r["score"].parse().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{term}: scores descend: {scores:?}");
        for r in &block {
            assert!(english.contains(&r["en"]), "{term}: {:?} is not a line of the English list", r["en"]);
            let (_, frac) = r["score"].split_once('.').unwrap();
            assert_eq!(frac.len(), 3, "score {} has 3 decimals", r["score"]);
        }
    }
    let first = |term: &str| rows_for(&rows, term)[0]["en"].clone();
    assert_eq!(first("جُوجِل"), "Google");
    assert_eq!(first("غوغل"), "Google");
    assert_eq!(first("سي إن إن"), "CNN");
    assert_eq!(first("أتلتيكو مدريد"), "Atlético Madrid", "accents kept");
    assert_eq!(first("مَايكروسوفت"), "Microsoft");
}

#[test]
fn google_beats_its_near_misses() {
    let dir = tempdir();
    let en = write(dir.path(), "en.txt", "Orkla\nGogoro\nGoogle\n");
    let ar = write(dir.path(), "ar.txt", "جوجل\n");
    let (_, rows) = match_rows(&["--against", &en, &ar, "--top-k", "3"], None);
    let names: Vec<&str> = rows.iter().map(|r| r["en"].as_str()).collect();
    assert_eq!(names.len(), 3, "{rows:?}");
    assert_eq!(names[0], "Google", "{rows:?}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["Gogoro", "Google", "Orkla"]);
}

#[test]
fn spelled_acronym_finds_cnn() {
    let dir = tempdir();
    let en = write(dir.path(), "en.txt", "Canon\nCinema\nSinan\nCNN\nCNBC\n");
    let ar = write(dir.path(), "ar.txt", "سي إن إن\n");
    let (_, rows) = match_rows(&["--against", &en, &ar, "--top-k", "3"], None);
    assert!(!rows.is_empty());
    assert_eq!(rows[0]["en"], "CNN", "{rows:?}");
    assert_eq!(rows[0]["rank"], "1");
}

#[test]
fn reads_terms_from_stdin() {
    let dir = tempdir();
    let text = format!("{}\n", ARABIC.join("\n"));
    let ar = write(dir.path(), "ar.txt", &text);
    let args = ["match", "--against", "tests/data/english.txt", "--top-k", "2"];
    let from_file = run(&[&args[..], &[&ar]].concat(), None);
    assert_code(&from_file, 0, &args);
    let dash = run(&[&args[..], &["-"]].concat(), Some(text.as_bytes()));
    assert_code(&dash, 0, &args);
    let default = run(&args, Some(text.as_bytes()));
    assert_code(&default, 0, &args);
    assert_eq!(stdout(&dash), stdout(&from_file), "`-` reads stdin");
    assert_eq!(stdout(&default), stdout(&from_file), "stdin by default");
    // The default top-k is 5.
    let out = run(&["match", "--against", "tests/data/english.txt"], Some("جوجل\n".as_bytes()));
    assert_eq!(read_csv(&stdout(&out)).1.len(), 5);
}

#[test]
fn bom_crlf_and_blank_lines_are_handled() {
    let dir = tempdir();
    let ar = write(dir.path(), "ar.txt", "\u{FEFF}جوجل\r\n\r\nسي إن إن\r\n");
    let en = write(dir.path(), "en.txt", "\u{FEFF}Google\r\nCNN\r\n");
    let (_, rows) = match_rows(&["--against", &en, &ar, "--top-k", "1"], None);
    let pairs: Vec<(&str, &str)> = rows.iter().map(|r| (r["ar"].as_str(), r["en"].as_str())).collect();
    assert_eq!(pairs, [("جوجل", "Google"), ("سي إن إن", "CNN")]);
}

#[test]
fn explain_adds_keys_and_edits() {
    let dir = tempdir();
    let ar = write(dir.path(), "ar.txt", &format!("{}\n", ARABIC.join("\n")));
    let base = ["--against", "tests/data/english.txt", &ar, "--top-k", "3"];
    let (_, plain) = match_rows(&base, None);
    let (header, rows) = match_rows(&[&base[..], &["--explain"]].concat(), None);
    assert_eq!(header, ["ar", "rank", "en", "score", "ar_key", "en_key", "edits"]);
    assert_eq!(rows.len(), plain.len());
    for (r, p) in rows.iter().zip(&plain) {
        for col in ["ar", "rank", "en", "score"] {
            assert_eq!(r[col], p[col], "--explain keeps {col}");
        }
        for col in ["ar_key", "en_key", "edits"] {
            assert!(!r[col].is_empty(), "{col} empty in {r:?}");
        }
    }
}

#[test]
fn bad_match_arguments() {
    let args = ["match", "--against", "tests/data/english.txt", "--top-k", "0"];
    let out = run(&args, Some("جوجل\n".as_bytes()));
    assert_code(&out, 2, &args);
    let args = ["match", "--against", "no-such-list.txt", "-"];
    let out = run(&args, Some("جوجل\n".as_bytes()));
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("no-such-list.txt"));
    let args = ["match", "-"];
    assert_code(&run(&args, Some(b"x\n")), 2, &args);
}
