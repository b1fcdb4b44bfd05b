//! Hostile inputs stay within bounded time and memory, and nothing a user
//! owns is destroyed by accident.

use crate::util::*;
use std::process::Command;

/// Runs the binary under a limit of address space (`ulimit -v`, in KiB), so
/// that a run that would need more memory fails instead of passing.
fn run_limited(kib: u64, args: &[&str]) -> std::process::Output {
    let mut script = format!("ulimit -v {kib}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh").arg("-c").arg(script).arg(bin()).args(args).current_dir(repo()).output().expect("sh runs")
}

#[test]
fn one_enormous_word_is_not_aligned_and_costs_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    // 20,000 letters without a space, between ordinary words and a name.
    let text = format!("قالت شركة جوجل {} ثم قالت جوجل", "بلمك".repeat(5_000));
    std::fs::write(&path, text).unwrap();
    let out = run_limited(700_000, &["build", path.to_str().unwrap(), "-q"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&String::from_utf8(out.stdout).unwrap());
    let google = rows.iter().find(|r| r["en"] == "Google").expect("the name around the long word is still found");
    assert_eq!(google["count"], "2");
}

#[test]
fn numeric_options_out_of_range_are_usage_errors() {
    for args in [
        vec!["match", "--against", "tests/data/english.txt", "--top-k", "18446744073709551615"],
        vec!["match", "--against", "tests/data/english.txt", "--top-k", "1001"],
        vec!["build", "tests/data/articles", "--threads", "20000"],
        vec!["build", "tests/data/articles", "--threads", "0"],
    ] {
        let out = run(&args, Some("غوغل\n".as_bytes()));
        assert_code(&out, 2, &args);
        let err = stderr(&out);
        assert!(err.contains("not in 1..=") || err.contains("too large"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The largest top-k allowed asks for more than the list holds: fine.
    let out = run(&["match", "--against", "tests/data/english.txt", "--top-k", "1000"], Some("غوغل\n".as_bytes()));
    assert_success(&out, &["match", "--top-k", "1000"]);
}

// Nothing a user owns is replaced by accident.

/// A reviewed master and a review, made by the real binary.
fn reviewed_master(dir: &std::path::Path) -> std::path::PathBuf {
    let master = dir.join("master.csv");
    std::fs::write(&master, "en,ar,status\nGoogle,جوجل,approved\n").unwrap();
    master
}

#[test]
fn an_unreadable_glossary_is_not_overwritten_by_a_build() {
    let dir = tempdir();
    let out = dir.path().join("glossary.csv");
    // Re-saved by a spreadsheet in Windows-1256 (not UTF-8).
    let original = b"en,ar,status\nGoogle,\xCC\xE6\xCC\xE1,approved\n".to_vec();
    std::fs::write(&out, &original).unwrap();
    let run1 = run(&["build", "tests/data/articles", "-q", "-o", out.to_str().unwrap()], None);
    assert_code(&run1, 2, &["build", "-o unreadable glossary"]);
    assert!(stderr(&run1).contains("cannot be read as a glossary"), "{}", stderr(&run1));
    assert_eq!(std::fs::read(&out).unwrap(), original);
    // Forced, it is replaced and the old file kept.
    let run2 = run(&["build", "tests/data/articles", "-q", "--force", "-o", out.to_str().unwrap()], None);
    assert_success(&run2, &["build", "--force"]);
    assert_eq!(std::fs::read(dir.path().join("glossary.bak.csv")).unwrap(), original);
}

#[test]
fn export_and_check_never_write_over_their_inputs() {
    let dir = tempdir();
    let master = reviewed_master(dir.path());
    let m = master.to_str().unwrap();
    let out = run(&["export", m, "--to", "deepl", "-o", m], None);
    assert_code(&out, 2, &["export", "-o its input"]);
    assert!(stderr(&out).contains("is an input of this command"), "{}", stderr(&out));
    let out = run(&["check", "--glossary", m, "tests/data/articles", "-o", m], None);
    assert_code(&out, 2, &["check", "-o its glossary"]);
    let article = "tests/data/articles/markets.txt";
    let before = std::fs::read(article).unwrap();
    let out = run(&["check", "--glossary", m, "tests/data/articles", "-o", article], None);
    assert_code(&out, 2, &["check", "-o an input"]);
    assert_eq!(std::fs::read(article).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&master).unwrap(), "en,ar,status\nGoogle,جوجل,approved\n");
}

#[test]
fn a_misspelt_master_does_not_replace_the_real_one() {
    let dir = tempdir();
    let master = reviewed_master(dir.path());
    let review = dir.path().join("review.csv");
    std::fs::write(&review, "en,ar,status\nMeta,ميتا,approved\n").unwrap();
    let typo = dir.path().join("mastr.csv");
    let args = ["merge", typo.to_str().unwrap(), review.to_str().unwrap(), "-o", master.to_str().unwrap()];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("does not exist") && stderr(&out).contains("--new"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&master).unwrap(), "en,ar,status\nGoogle,جوجل,approved\n");
    // Asked for, a new master starts over it, and the old one is kept.
    let mut args = args.to_vec();
    args.push("--new");
    assert_success(&run(&args, None), &args);
    assert!(std::fs::read_to_string(dir.path().join("master.bak.csv")).unwrap().contains("Google"));
}

#[test]
fn two_merges_at_once_both_land() {
    let dir = tempdir();
    let master = reviewed_master(dir.path());
    let reviews: Vec<_> = ["Meta,ميتا", "Oracle,أوراكل"]
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let path = dir.path().join(format!("review{i}.csv"));
            std::fs::write(&path, format!("en,ar,status\n{row},approved\n")).unwrap();
            path
        })
        .collect();
    let handles: Vec<_> = reviews
        .iter()
        .map(|review| {
            let (m, r) = (master.to_str().unwrap().to_string(), review.to_str().unwrap().to_string());
            std::thread::spawn(move || run(&["merge", &m, &r, "-o", &m], None))
        })
        .collect();
    for h in handles {
        let out = h.join().unwrap();
        assert_success(&out, &["merge", "concurrently"]);
    }
    let rows = csv_file_rows(&master);
    for en in ["Google", "Meta", "Oracle"] {
        assert!(row_for(&rows, en).is_some_and(|r| r["status"] == "approved"), "{en} lost: {rows:?}");
    }
}

#[test]
fn a_workbook_without_a_readable_sheet_is_refused_not_read_as_empty() {
    let dir = tempdir();
    let book = dir.path().join("empty.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().set_name("notes").unwrap();
    workbook.save(&book).unwrap();
    let b = book.to_str().unwrap();
    let out = dir.path().join("out.tsv");
    for args in [
        vec!["check", "--glossary", b, "tests/data/articles"],
        vec!["export", b, "--to", "deepl", "-o", out.to_str().unwrap()],
    ] {
        let run = run(&args, None);
        assert_code(&run, 2, &args);
        assert!(stderr(&run).contains("not a glossary") || stderr(&run).contains("no `en` column"), "{}", stderr(&run));
    }
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn the_master_csv_guards_formulas_and_reads_them_back() {
    let dir = tempdir();
    let review = dir.path().join("review.csv");
    std::fs::write(&review, "en,ar,status,note\n-ism,جوجل,approved,=HYPERLINK(\"x\")\n").unwrap();
    let master = dir.path().join("master.csv");
    let (m, r) = (master.to_str().unwrap(), review.to_str().unwrap());
    assert_success(&run(&["merge", m, r, "-o", m], None), &["merge"]);
    let text = std::fs::read_to_string(&master).unwrap();
    assert!(text.contains("'-ism") && text.contains("'=HYPERLINK"), "{text}");
    let rows = csv_file_rows(&master);
    assert_eq!(rows[0]["en"], "'-ism", "as a spreadsheet shows it");
    let out = dir.path().join("g.tsv");
    assert_success(&run(&["export", m, "--to", "deepl", "-o", out.to_str().unwrap()], None), &["export"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "جوجل\t-ism\n", "nazir reads the term back as written");
}
