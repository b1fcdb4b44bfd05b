//! Review decisions are never lost: reviewers edit copies of one build in a
//! spreadsheet program, and merging them into a master keeps every edit,
//! in any order, at once or on different days.

use crate::util::{ENGLISH, Sheet, arg, assert_code, data, ok, read_workbook, run, stderr, tempdir, write_workbook};
use std::path::Path;

/// A review workbook of the test articles (no shipped gazetteer).
fn build_review(out: &Path) {
    let mut args = vec!["build", "tests/data/articles", "--quiet", "-o", arg(out)];
    args.extend_from_slice(&ENGLISH);
    ok(&args);
}

/// The three sheets of a workbook, by name.
fn book(path: &Path) -> (Sheet, Sheet, Sheet) {
    let mut sheets = read_workbook(path);
    let take = |sheets: &mut Vec<Sheet>, name: &str| {
        let at = sheets.iter().position(|s| s.name == name).unwrap_or_else(|| panic!("no {name} sheet"));
        sheets.remove(at)
    };
    (take(&mut sheets, "glossary"), take(&mut sheets, "variants"), take(&mut sheets, "_base"))
}

/// A reviewer's copy of `review`, edited by `edit` and saved by another
/// program (rust_xlsxwriter here), which keeps the hidden base sheet.
fn reviewer_copy(review: &Path, out: &Path, edit: impl FnOnce(&mut Sheet, &mut Sheet)) {
    let (mut glossary, mut variants, base) = book(review);
    edit(&mut glossary, &mut variants);
    write_workbook(&[glossary, variants, base], out);
}

/// The master's glossary sheet as `en` → (status, ar, note), and its
/// variants sheet as (en, form) → (status, count).
type Master = (
    std::collections::BTreeMap<String, (String, String, String)>,
    std::collections::BTreeMap<(String, String), (String, String)>,
);

fn master_of(path: &Path) -> Master {
    let (glossary, variants, _) = book(path);
    let entries = glossary
        .records()
        .into_iter()
        .map(|r| (r["en"].clone(), (r["status"].clone(), r["ar"].clone(), r["note"].clone())))
        .collect();
    let forms = variants
        .records()
        .into_iter()
        .map(|r| ((r["en"].clone(), r["ar"].clone()), (r["variant_status"].clone(), r["count"].clone())))
        .collect();
    (entries, forms)
}

/// Huda prefers غوغل for Google on the glossary sheet (the variants sheet
/// still says جوجل is preferred) and approves Nvidia.
fn huda(glossary: &mut Sheet, _: &mut Sheet) {
    let g = glossary.find(&["en"], &["Google"]);
    glossary.set(g, "ar", "غوغل");
    let n = glossary.find(&["en"], &["Nvidia"]);
    glossary.set(n, "status", "approved");
}

/// Omar rejects Amazon, notes on Google, forbids انفيديا.
fn omar(glossary: &mut Sheet, variants: &mut Sheet) {
    let a = glossary.find(&["en"], &["Amazon"]);
    glossary.set(a, "status", "rejected");
    let g = glossary.find(&["en"], &["Google"]);
    glossary.set(g, "note", "check the house style");
    let v = variants.find(&["en", "ar"], &["Nvidia", "انفيديا"]);
    variants.set(v, "variant_status", "forbidden");
}

/// Every decision of both reviewers is in `master`, and the counts of each
/// spelling are the build's.
fn assert_both_reviews(master: &Master, built: &Master) {
    let (entries, forms) = master;
    let google = &entries["Google"];
    assert_eq!(google.1, "غوغل", "Huda's Arabic form");
    assert_eq!(google.2, "check the house style", "Omar's note");
    assert_eq!(forms[&("Google".to_string(), "جوجل".to_string())].0, "admitted", "the old form stays a variant");
    assert_eq!(entries["Nvidia"].0, "approved");
    assert_eq!(entries["Amazon"].0, "rejected");
    assert_eq!(forms[&("Nvidia".to_string(), "انفيديا".to_string())].0, "forbidden");
    for ((en, form), (_, count)) in &built.1 {
        assert_eq!(&forms[&(en.clone(), form.clone())].1, count, "the count of {en} {form}");
    }
    // Nothing else moved.
    for (en, (status, ar, note)) in &entries.clone() {
        if !["Google", "Nvidia", "Amazon"].contains(&en.as_str()) {
            assert_eq!((status, ar, note), (&built.0[en].0, &built.0[en].1, &built.0[en].2), "{en}");
        }
    }
}

#[test]
fn two_reviewers_merged_at_once_in_either_order_or_on_different_days() {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name);
    let review = path("review.xlsx");
    build_review(&review);
    reviewer_copy(&review, &path("huda.xlsx"), huda);
    reviewer_copy(&review, &path("omar.xlsx"), omar);
    let built = master_of(&review);
    let mut masters = Vec::new();
    for (name, runs) in [
        ("together.xlsx", vec![vec!["huda.xlsx", "omar.xlsx"]]),
        ("reversed.xlsx", vec![vec!["omar.xlsx", "huda.xlsx"]]),
        ("days.xlsx", vec![vec!["huda.xlsx"], vec!["omar.xlsx"]]),
        ("days-reversed.xlsx", vec![vec!["omar.xlsx"], vec!["huda.xlsx"]]),
        ("twice.xlsx", vec![vec!["huda.xlsx", "omar.xlsx"], vec!["omar.xlsx", "huda.xlsx"]]),
    ] {
        let master = path(name);
        for (day, reviews) in runs.iter().enumerate() {
            let mut args = vec!["merge".to_string(), arg(&master).to_string()];
            args.extend(reviews.iter().map(|r| arg(&path(r)).to_string()));
            args.extend(["-o".to_string(), arg(&master).to_string()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let err = ok(&args);
            assert!(err.contains("0 conflicts"), "{name} day {day}: {err}");
        }
        let merged = master_of(&master);
        assert_both_reviews(&merged, &built);
        masters.push((name, merged));
    }
    for (name, m) in &masters[1..] {
        assert_eq!(m, &masters[0].1, "{name} equals merging both at once");
    }
}

#[test]
fn an_untouched_copy_merged_later_reverses_nothing() {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name);
    let review = path("review.xlsx");
    build_review(&review);
    // Huda approves every entry but one, rejects it, notes and forbids.
    reviewer_copy(&review, &path("huda.xlsx"), |glossary, variants| {
        for row in 1..glossary.rows.len() {
            glossary.set(row, "status", if row == 1 { "rejected" } else { "approved" });
        }
        glossary.set(2, "note", "agreed in the style meeting");
        let v = variants.find(&["en", "ar"], &["Nvidia", "انفيديا"]);
        variants.set(v, "variant_status", "forbidden");
    });
    std::fs::copy(&review, path("omar.xlsx")).unwrap();
    let master = path("master.xlsx");
    ok(&["merge", arg(&master), arg(&path("huda.xlsx")), "-o", arg(&master)]);
    let after_huda = master_of(&master);
    let err = ok(&["merge", arg(&master), arg(&path("omar.xlsx")), "-o", arg(&master)]);
    assert!(err.contains("omar.xlsx: 0 cells applied"), "{err}");
    assert!(!err.contains("reverses"), "{err}");
    assert_eq!(master_of(&master), after_huda, "Omar's untouched copy changes nothing");
    let approved = after_huda.0.values().filter(|e| e.0 == "approved").count();
    assert_eq!(approved, after_huda.0.len() - 1);
}

#[test]
fn one_reviewer_edits_ar_and_the_master_follows_the_edit() {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name);
    let review = path("review.xlsx");
    build_review(&review);
    reviewer_copy(&review, &path("huda.xlsx"), huda);
    let master = path("master.xlsx");
    let err = ok(&["merge", arg(&master), arg(&path("huda.xlsx")), "-o", arg(&master)]);
    assert!(err.contains("huda.xlsx: 2 cells applied (ar 1, status 1)"), "{err}");
    let (entries, forms) = master_of(&master);
    assert_eq!(entries["Google"].1, "غوغل");
    assert_eq!(forms[&("Google".to_string(), "جوجل".to_string())].0, "admitted");
    assert_eq!(forms[&("Google".to_string(), "غوغل".to_string())].0, "preferred");

    // From a CSV review, the old preferred spelling becomes a variant too.
    let csv = path("build.csv");
    let mut args = vec!["build", "tests/data/articles", "--quiet", "-o", arg(&csv)];
    args.extend_from_slice(&ENGLISH);
    ok(&args);
    let text = std::fs::read_to_string(&csv).unwrap();
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("Google,جوجل,") {
                l.replacen("Google,جوجل,", "Google,غوغل,", 1)
            } else {
                l.into()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&csv, edited + "\n").unwrap();
    let csv_master = path("master.csv");
    let err = ok(&["merge", arg(&csv_master), arg(&csv), "-o", arg(&csv_master)]);
    assert!(err.contains("1 cell applied (ar 1)"), "{err}");
    let rows = crate::util::csv_file_rows(&csv_master);
    let google = crate::util::row_for(&rows, "Google").unwrap();
    assert_eq!(google["ar"], "غوغل");
    assert!(google["variants"].split('|').any(|v| v == "جوجل"), "{google:?}");
}

#[test]
fn two_reviewers_on_the_same_cell_are_a_conflict_naming_both_and_the_base() {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name);
    let review = path("review.xlsx");
    build_review(&review);
    reviewer_copy(&review, &path("huda.xlsx"), huda);
    reviewer_copy(&review, &path("omar.xlsx"), |glossary, _| {
        let g = glossary.find(&["en"], &["Google"]);
        glossary.set(g, "ar", "قوقل");
    });
    let master = path("master.xlsx");
    // On different days too: the second merge finds the first's value.
    ok(&["merge", arg(&master), arg(&path("huda.xlsx")), "-o", arg(&master)]);
    let before = std::fs::read(&master).unwrap();
    let omar_copy = path("omar.xlsx");
    let args = ["merge", arg(&master), arg(&omar_copy), "-o", arg(&master)];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    let line = err.lines().find(|l| l.contains("conflict:")).unwrap_or_else(|| panic!("{err}"));
    for needle in ["Google", "column ar", "base \"جوجل\"", "master", "غوغل", "omar.xlsx", "قوقل"] {
        assert!(line.contains(needle), "{needle}: {line}");
    }
    assert_eq!(std::fs::read(&master).unwrap(), before, "nothing written");
}

#[test]
fn a_file_that_is_not_a_glossary_is_refused() {
    let dir = tempdir();
    let master = dir.path().join("master.xlsx");
    let article = data("articles/markets.txt");
    let translated = dir.path().join("translated.csv");
    std::fs::write(&translated, "English,Arabic,Status\nGoogle,جوجل,approved\n").unwrap();
    for review in [article.as_path(), translated.as_path()] {
        let args = ["merge", arg(&master), arg(review), "-o", arg(&master)];
        let out = run(&args, None);
        assert_code(&out, 2, &args);
        assert!(stderr(&out).contains("not a glossary"), "{}", stderr(&out));
    }
    assert!(!master.exists());
}

#[test]
fn a_workbook_saved_by_openpyxl_merges_like_any_other() {
    // tests/data/review/openpyxl_review.xlsx: a review workbook of the test
    // articles, edited and saved by openpyxl (tests/data/review/resave.py):
    // Google approved with the Arabic غوغل, Amazon rejected.
    let dir = tempdir();
    let review = dir.path().join("review.xlsx");
    build_review(&review);
    let master = dir.path().join("master.xlsx");
    ok(&["merge", arg(&master), arg(&review), "-o", arg(&master)]);
    let before = master_of(&master);
    let fixture = data("review/openpyxl_review.xlsx");
    let err = ok(&["merge", arg(&master), arg(&fixture), "-o", arg(&master)]);
    assert!(err.contains("openpyxl_review.xlsx: 3 cells applied"), "{err}");
    let (entries, forms) = master_of(&master);
    assert_eq!(entries["Google"].0, "approved");
    assert_eq!(entries["Google"].1, "غوغل");
    assert_eq!(forms[&("Google".to_string(), "جوجل".to_string())].0, "admitted");
    assert_eq!(entries["Amazon"].0, "rejected");
    for (en, e) in &entries {
        if en != "Google" && en != "Amazon" {
            assert_eq!(e, &before.0[en], "{en} is untouched");
        }
    }
}
