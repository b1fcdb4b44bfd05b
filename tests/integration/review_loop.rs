//! The review round trip with the real binary: build a review workbook,
//! edit it as a reviewer would, merge it into a master, and build the next
//! batch against that master; plus merge conflicts and output protection.

use crate::util::{
    ENGLISH, Row, Sheet, arg, assert_code, csv_file_rows, dir_entries, fold, ok, read_csv, read_workbook, renderings,
    row_for, run, stderr, tempdir, write_workbook, zip_parts,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Builds the test articles (no shipped gazetteer) into `out`.
fn build_articles(out: &Path) {
    let mut args = vec!["build", "tests/data/articles", "--quiet", "-o", arg(out)];
    args.extend_from_slice(&ENGLISH);
    ok(&args);
}

/// The `glossary` and `variants` sheets of a workbook.
fn sheets(path: &Path) -> (Sheet, Sheet) {
    let mut book = read_workbook(path);
    let names: Vec<&str> = book.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["glossary", "variants", "_base"], "{}", path.display());
    book.truncate(2);
    let variants = book.pop().expect("variants sheet");
    let glossary = book.pop().expect("glossary sheet");
    (glossary, variants)
}

/// The hidden base sheet of a workbook, which a spreadsheet program keeps
/// when it saves the reviewer's edits.
fn base_sheet(path: &Path) -> Sheet {
    read_workbook(path).into_iter().find(|s| s.name == "_base").expect("a _base sheet")
}

/// The rows of `records` by entry id.
fn ids(records: &[Row]) -> HashSet<String> {
    records.iter().map(|r| r["id"].clone()).collect()
}

/// The variants-sheet status of `form` in the entry of `en`.
fn variant_status(variants: &Sheet, en: &str, form: &str) -> String {
    let row = variants.find(&["en", "ar"], &[en, form]);
    variants.text(row, "variant_status")
}

fn record<'a>(records: &'a [Row], en: &str) -> &'a Row {
    row_for(records, en).unwrap_or_else(|| panic!("no entry for {en}"))
}

#[test]
fn reviewed_workbook_round_trip() {
    let dir = tempdir();
    let path = |name: &str| dir.path().join(name);
    let (review, reviewed, master, round2) =
        (path("review.xlsx"), path("reviewed.xlsx"), path("master.xlsx"), path("round2.xlsx"));
    let backup = path("master.bak.xlsx");

    // 1. The review workbook of a fresh build.
    build_articles(&review);
    let (mut glossary, mut variants) = sheets(&review);
    let mut expected_headers: Vec<&str> = nazir::review::workbook::GLOSSARY_COLUMNS.to_vec();
    assert_eq!(glossary.headers(), expected_headers);
    assert_eq!(variants.headers(), nazir::review::variant_columns());
    let built = glossary.records();
    assert!(built.iter().all(|r| r["status"] == "candidate"), "a fresh build has only candidates");
    // What the reviewer is about to change, as the build left it.
    let google = record(&built, "Google");
    assert_eq!((google["ar"].as_str(), google["variants"].as_str()), ("جوجل", "غوغل"));
    assert_eq!(record(&built, "Amazon")["ar"], "أمازون");
    assert!(renderings(record(&built, "Nvidia")).contains(&"انفيديا".to_string()));
    assert_eq!(variant_status(&variants, "Nvidia", "انفيديا"), "admitted");

    // 2. The reviewer's edits, saved as a new workbook with a column of
    // their own.
    glossary.add_column("reviewer");
    let g = glossary.find(&["en"], &["Google"]);
    glossary.set(g, "status", "approved");
    glossary.set(g, "ar", "غوغل");
    glossary.set(g, "variants", "جوجل");
    glossary.set(g, "note", "Gulf house style");
    glossary.set(g, "reviewer", "Huda");
    let a = glossary.find(&["en"], &["Amazon"]);
    glossary.set(a, "status", "rejected");
    glossary.set(a, "reviewer", "Omar");
    let n = glossary.find(&["en"], &["Nvidia"]);
    glossary.set(n, "reviewer", "Huda");
    let v = variants.find(&["en", "ar"], &["Nvidia", "انفيديا"]);
    variants.set(v, "variant_status", "forbidden");
    write_workbook(&[glossary.clone(), variants.clone(), base_sheet(&review)], &reviewed);
    expected_headers.push("reviewer");
    assert_eq!(sheets(&reviewed).0.headers(), expected_headers);

    // 3. A first merge of the untouched build output into a master that
    // does not exist yet, then the reviewed workbook.
    assert!(!master.exists());
    ok(&["merge", arg(&master), arg(&review), "-o", arg(&master)]);
    assert!(!backup.exists(), "nothing to keep before the first merge");
    let first = std::fs::read(&master).expect("master written");
    let (m1, _) = sheets(&master);
    assert_eq!(ids(&m1.records()), ids(&built), "the master starts with every built entry");
    assert!(m1.records().iter().all(|r| r["status"] == "candidate"));

    let err = ok(&["merge", arg(&master), arg(&reviewed), "-o", arg(&master)]);
    assert!(err.contains("0 conflicts"), "{err}");
    assert!(backup.exists(), "the previous master is kept as master.bak.xlsx (readable as a workbook)");
    assert_eq!(std::fs::read(&backup).unwrap(), first, "the backup is the previous master");
    let (m2, m2_variants) = sheets(&master);
    let m2_records = m2.records();
    assert_eq!(ids(&m2_records), ids(&built), "merging adds and removes no entry");
    let google = record(&m2_records, "Google");
    assert_eq!(google["status"], "approved");
    assert_eq!(google["ar"], "غوغل");
    assert_eq!(google["variants"], "جوجل");
    assert_eq!(google["note"], "Gulf house style");
    assert_eq!(google["reviewer"], "Huda");
    assert_eq!(record(&m2_records, "Amazon")["status"], "rejected");
    assert_eq!(record(&m2_records, "Amazon")["reviewer"], "Omar");
    assert_eq!(variant_status(&m2_variants, "Nvidia", "انفيديا"), "forbidden");
    assert_eq!(variant_status(&m2_variants, "Google", "غوغل"), "preferred");
    assert_eq!(variant_status(&m2_variants, "Google", "جوجل"), "admitted");
    let untouched = |rows: &[Row]| -> Vec<Row> {
        rows.iter().filter(|r| !["Google", "Amazon", "Nvidia"].contains(&r["en"].as_str())).cloned().collect()
    };
    let strip = |rows: Vec<Row>| -> Vec<Row> {
        rows.into_iter()
            .map(|mut r| {
                r.remove("reviewer");
                r
            })
            .collect()
    };
    assert_eq!(strip(untouched(&m2_records)), strip(untouched(&m1.records())), "other entries are unchanged");

    // 4. The next batch, with new spellings, against the master. By
    // default every row is a name of this batch; asked for, the master's
    // other entries follow with counts of 0.
    let only_batch = path("only_batch.xlsx");
    let mut args = vec!["build", "tests/data/review", "--glossary", arg(&master), "-o", arg(&only_batch)];
    args.extend_from_slice(&ENGLISH);
    ok(&args);
    let batch_rows = sheets(&only_batch).0.records();
    assert!(batch_rows.len() < m2_records.len(), "{} rows", batch_rows.len());
    assert!(batch_rows.iter().all(|r| r["count"] != "0"), "every row occurs in this batch");
    let mut args =
        vec!["build", "tests/data/review", "--glossary", arg(&master), "--keep-master-rows", "-o", arg(&round2)];
    args.extend_from_slice(&ENGLISH);
    let err = ok(&args);
    assert!(err.contains("master applied"), "{err}");
    let (r2, r2_variants) = sheets(&round2);
    let r2_records = r2.records();
    assert_eq!(r2.headers(), expected_headers, "the reviewer column survives the build");

    // The approved entry keeps the reviewer's form and gains the new spelling.
    let google = record(&r2_records, "Google");
    assert_eq!(google["status"], "approved");
    assert_eq!(google["ar"], "غوغل", "the preferred form the reviewer chose");
    let forms = renderings(google);
    assert!(forms.contains(&"قوقل".to_string()), "the new spelling joins the entry: {forms:?}");
    assert!(forms.contains(&"جوجل".to_string()), "{forms:?}");
    assert_eq!(variant_status(&r2_variants, "Google", "قوقل"), "admitted");
    assert_eq!(variant_status(&r2_variants, "Google", "غوغل"), "preferred");
    assert_eq!(google["note"], "Gulf house style");
    assert_eq!(google["reviewer"], "Huda");

    // The rejected entry stays rejected, and its Arabic is not offered again.
    let amazon = record(&r2_records, "Amazon");
    assert_eq!(amazon["status"], "rejected");
    assert_eq!(amazon["reviewer"], "Omar");
    assert!(!renderings(amazon).contains(&"امازون".to_string()), "no new spelling for a rejected pair");
    for r in &r2_records {
        if r["en"] == "Amazon" {
            continue;
        }
        for form in renderings(r) {
            assert_ne!(fold(&form), "امازون", "the rejected Arabic comes back in {r:?}");
        }
    }

    // The forbidden variant stays forbidden.
    assert_eq!(variant_status(&r2_variants, "Nvidia", "انفيديا"), "forbidden");
    assert_eq!(record(&r2_records, "Nvidia")["reviewer"], "Huda");

    // No master entry is lost, and the new ones are candidates.
    let master_ids = ids(&m2_records);
    let round2_ids = ids(&r2_records);
    assert!(master_ids.is_subset(&round2_ids), "missing: {:?}", master_ids.difference(&round2_ids));
    let new: Vec<&Row> = r2_records.iter().filter(|r| !master_ids.contains(&r["id"])).collect();
    let new_names: Vec<&str> = new.iter().map(|r| r["en"].as_str()).collect();
    assert!(new_names.contains(&"Samsung") && new_names.contains(&"Intel"), "{new_names:?}");
    for r in &new {
        assert_eq!(r["status"], "candidate", "{r:?}");
    }

    // The workbook is right to left, validated and frozen.
    let parts = zip_parts(&round2);
    let part = |name: &str| {
        parts.iter().find(|(n, _)| n == name).map(|(_, x)| x.as_str()).unwrap_or_else(|| panic!("no {name}"))
    };
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let xml = part(sheet);
        assert!(xml.contains("<pane ") && xml.contains(r#"state="frozen""#), "{sheet}: no frozen pane");
        assert!(xml.contains("<dataValidation "), "{sheet}: no data validation");
        assert!(xml.contains("<autoFilter "), "{sheet}: no autofilter");
    }
    assert!(part("xl/styles.xml").contains(r#"readingOrder="2""#), "no right-to-left format");
}

#[test]
fn build_refuses_to_overwrite_a_reviewed_workbook() {
    let dir = tempdir();
    let review = dir.path().join("review.xlsx");
    build_articles(&review);
    let (mut glossary, variants) = sheets(&review);
    let row = glossary.find(&["en"], &["Google"]);
    glossary.set(row, "status", "approved");
    write_workbook(&[glossary, variants, base_sheet(&review)], &review);
    let before = std::fs::read(&review).unwrap();

    let mut args = vec!["build", "tests/data/articles", "-o", arg(&review)];
    args.extend_from_slice(&ENGLISH);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("review.xlsx") && err.contains("reviewed") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&review).unwrap(), before, "the reviewed workbook is untouched");
    assert_eq!(dir_entries(dir.path()), ["review.xlsx"]);

    args.push("--force");
    ok(&args);
    let (glossary, _) = sheets(&review);
    assert!(glossary.records().iter().all(|r| r["status"] == "candidate"), "--force overwrites");
}

/// A master CSV made from the build of the test articles.
fn csv_master(dir: &Path) -> PathBuf {
    let built = dir.join("build.csv");
    build_articles(&built);
    let master = dir.join("master.csv");
    ok(&["merge", arg(&master), arg(&built), "-o", arg(&master)]);
    std::fs::remove_file(&built).unwrap();
    master
}

#[test]
fn conflicting_reviews_are_refused_or_resolved() {
    let dir = tempdir();
    let master = csv_master(dir.path());
    let rows = csv_file_rows(&master);
    let ar = |en: &str| record(&rows, en)["ar"].clone();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, format!("en,ar,status\nMeta,{},approved\nGoogle,{},approved\n", ar("Meta"), ar("Google")))
        .unwrap();
    std::fs::write(&b, format!("en,ar,status\nGoogle,{},rejected\n", ar("Google"))).unwrap();
    let before = std::fs::read(&master).unwrap();

    let args = ["merge", arg(&master), arg(&a), arg(&b), "-o", arg(&master)];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    let conflict = err.lines().find(|l| l.contains("conflict:")).unwrap_or_else(|| panic!("no conflict: {err}"));
    for needle in ["Google", "column status", "a.csv", "row 3", "b.csv", "row 2", "approved", "rejected"] {
        assert!(conflict.contains(needle), "the conflict names {needle}: {conflict}");
    }
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(std::fs::read(&master).unwrap(), before, "the master is unchanged");
    assert_eq!(dir_entries(dir.path()), ["a.csv", "b.csv", "master.csv"], "no backup, no temporary file");

    // theirs: the review given last wins; the other edits apply.
    let theirs = dir.path().join("theirs.csv");
    let args = ["merge", arg(&master), arg(&a), arg(&b), "-o", arg(&theirs), "--on-conflict", "theirs"];
    assert!(ok(&args).contains("1 conflicts"));
    let merged = csv_file_rows(&theirs);
    assert_eq!(record(&merged, "Google")["status"], "rejected");
    assert_eq!(record(&merged, "Meta")["status"], "approved");

    // keep: the value the master has stays, and by then it is the first
    // review's; the other edits apply.
    let keep = dir.path().join("keep.csv");
    ok(&["merge", arg(&master), arg(&a), arg(&b), "-o", arg(&keep), "--on-conflict", "keep"]);
    let merged = csv_file_rows(&keep);
    assert_eq!(record(&merged, "Google")["status"], "approved");
    assert_eq!(record(&merged, "Meta")["status"], "approved");
    assert_eq!(std::fs::read(&master).unwrap(), before, "other outputs leave the master alone");
}

#[test]
fn rows_deleted_from_a_review_stay_in_the_master() {
    let dir = tempdir();
    let master = csv_master(dir.path());
    let text = std::fs::read_to_string(&master).unwrap();
    let (header, rows) = read_csv(&text);
    assert!(rows.len() > 10, "{} entries", rows.len());
    // The reviewer kept two rows of the master's own layout, one edited.
    let reviewed = dir.path().join("reviewed.csv");
    let mut w = csv::Writer::from_path(&reviewed).unwrap();
    w.write_record(&header).unwrap();
    for (k, row) in rows.iter().take(2).enumerate() {
        let mut row = row.clone();
        if k == 1 {
            row.insert("status".into(), "approved".into());
        }
        w.write_record(header.iter().map(|h| row[h].as_str())).unwrap();
    }
    w.flush().unwrap();
    drop(w);

    ok(&["merge", arg(&master), arg(&reviewed), "-o", arg(&master)]);
    assert!(dir.path().join("master.bak.csv").exists());
    let merged = csv_file_rows(&master);
    assert_eq!(ids(&merged), ids(&rows), "no entry deleted");
    assert_eq!(merged[1]["status"], "approved");
    for (before, after) in rows.iter().zip(&merged).skip(2) {
        assert_eq!(before, after, "rows missing from the review are unchanged");
    }
}

#[test]
fn a_bad_status_is_named_and_nothing_written() {
    let dir = tempdir();
    let master = csv_master(dir.path());
    let before = std::fs::read(&master).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "en,ar,status\nGoogle,جوجل,approved\nMeta,ميتا,perhaps\n").unwrap();
    let args = ["merge", arg(&master), arg(&bad), "-o", arg(&master)];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("bad.csv") && err.contains(":3") && err.contains("perhaps"), "{err}");
    assert_eq!(std::fs::read(&master).unwrap(), before);
    assert_eq!(dir_entries(dir.path()), ["bad.csv", "master.csv"]);
}

#[test]
fn variant_status_edits_in_a_master_csv_are_merged() {
    let dir = tempdir();
    let master = csv_master(dir.path());
    let text = std::fs::read_to_string(&master).unwrap();
    let (header, rows) = read_csv(&text);
    assert!(header.contains(&"variant_status".to_string()), "{header:?}");
    let google = record(&rows, "Google").clone();
    assert_eq!((google["variants"].as_str(), google["variant_status"].as_str()), ("غوغل", "admitted"));
    // The reviewer forbids غوغل in the master's own layout.
    let reviewed = dir.path().join("reviewed.csv");
    let mut w = csv::Writer::from_path(&reviewed).unwrap();
    w.write_record(&header).unwrap();
    let mut row = google;
    row.insert("variant_status".into(), "forbidden".into());
    w.write_record(header.iter().map(|h| row[h].as_str())).unwrap();
    w.flush().unwrap();
    drop(w);

    let err = ok(&["merge", arg(&master), arg(&reviewed), "-o", arg(&master)]);
    let merged = csv_file_rows(&master);
    assert_eq!(record(&merged, "Google")["variant_status"], "forbidden", "{err}");
}

#[test]
fn demoting_the_preferred_form_gives_way_to_the_next() {
    let dir = tempdir();
    let (master, reviewed) = (dir.path().join("master.xlsx"), dir.path().join("reviewed.xlsx"));
    build_articles(&master);
    let (glossary, mut variants) = sheets(&master);
    // Only the variants sheet is edited: جوجل is no longer the preferred form.
    let row = variants.find(&["en", "ar"], &["Google", "جوجل"]);
    assert_eq!(variants.text(row, "variant_status"), "preferred");
    variants.set(row, "variant_status", "admitted");
    write_workbook(&[glossary, variants, base_sheet(&master)], &reviewed);

    ok(&["merge", arg(&master), arg(&reviewed), "-o", arg(&master)]);
    let (glossary, variants) = sheets(&master);
    assert_eq!(record(&glossary.records(), "Google")["ar"], "غوغل", "the next rendering becomes preferred");
    assert_eq!(variant_status(&variants, "Google", "جوجل"), "admitted");
}
