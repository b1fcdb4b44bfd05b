//! The shipped gazetteer files (`glossaries/*.csv`), read from disk and
//! checked against the rules of `glossaries/README.md`.

use crate::util::{has_arabic, has_latin, is_haraka, repo};
use std::collections::HashMap;

const KINDS: [&str; 5] = ["person", "org", "location", "product", "other"];

/// One gazetteer row.
struct Entry {
    file: String,
    line: usize,
    en: String,
    ar: String,
    variants: Vec<String>,
    kind: String,
}

/// The `glossaries/*.csv` file names on disk, sorted.
fn files_on_disk() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("glossaries"))
        .expect("glossaries/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no gazetteer files found");
    names
}

/// Every row of every file, after checking the header.
fn entries() -> Vec<Entry> {
    let mut out = Vec::new();
    for name in files_on_disk() {
        let path = repo().join("glossaries").join(&name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name} is not readable UTF-8: {e}"));
        assert!(!text.starts_with('\u{FEFF}'), "{name} has a BOM");
        assert!(!text.contains('\r'), "{name} has CR line ends");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, ["en", "ar", "variants", "kind"], "{name}: header");
        for record in reader.records() {
            let r = record.unwrap_or_else(|e| panic!("{name}: bad CSV record: {e}"));
            let line = r.position().map_or(0, |p| p.line() as usize);
            assert_eq!(r.len(), 4, "{name}:{line}: {r:?} has the wrong width");
            out.push(Entry {
                file: name.clone(),
                line,
                en: r[0].to_string(),
                ar: r[1].to_string(),
                variants: r[2].split('|').filter(|v| !v.is_empty()).map(str::to_string).collect(),
                kind: r[3].to_string(),
            });
        }
    }
    out
}

#[test]
fn rows_follow_the_format() {
    let entries = entries();
    assert!(entries.len() > 1000, "{} rows", entries.len());
    let mut problems = Vec::new();
    for e in &entries {
        let at = format!("{}:{} ({})", e.file, e.line, e.en);
        if e.en.trim().is_empty() || e.en.trim() != e.en {
            problems.push(format!("{at}: en {:?} is empty or padded", e.en));
        }
        for form in std::iter::once(&e.ar).chain(&e.variants) {
            if !has_arabic(form) {
                problems.push(format!("{at}: {form:?} has no Arabic letters"));
            }
            if has_latin(form) {
                problems.push(format!("{at}: {form:?} has Latin letters"));
            }
            if form.chars().any(|c| is_haraka(c) || c == '\u{0640}') {
                problems.push(format!("{at}: {form:?} has harakat or tatweel"));
            }
            if form.trim() != form || form.contains("  ") {
                problems.push(format!("{at}: {form:?} has stray spaces"));
            }
        }
        if !KINDS.contains(&e.kind.as_str()) {
            problems.push(format!("{at}: kind {:?}", e.kind));
        }
    }
    assert!(problems.is_empty(), "{} bad gazetteer rows:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn english_names_are_unique_across_files() {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut dups = Vec::new();
    for e in entries() {
        let at = format!("{}:{}", e.file, e.line);
        if let Some(first) = seen.insert(e.en.to_lowercase(), at.clone()) {
            dups.push(format!("{}: {at} and {first}", e.en));
        }
    }
    assert!(dups.is_empty(), "duplicate en values:\n{}", dups.join("\n"));
}

#[test]
fn every_file_on_disk_is_embedded() {
    let mut embedded: Vec<String> = nazir::candidates::DEFAULT_GAZETTEER
        .iter()
        .map(|(path, _)| {
            path.strip_prefix("glossaries/").unwrap_or_else(|| panic!("{path} is not under glossaries/")).to_string()
        })
        .collect();
    embedded.sort();
    assert_eq!(embedded, files_on_disk(), "DEFAULT_GAZETTEER and glossaries/*.csv list the same files");
    for (path, text) in nazir::candidates::DEFAULT_GAZETTEER {
        let disk = std::fs::read_to_string(repo().join(path)).unwrap();
        assert_eq!(*text, disk, "{path}: the embedded copy is stale");
    }
}

#[test]
fn transliterated_rows_score_above_the_threshold() {
    let threshold = nazir::align::AlignConfig::default().min_score;
    let entries = entries();
    let checked: Vec<&Entry> = entries.iter().filter(|e| !e.file.ends_with("translated.csv")).collect();
    let failing: Vec<String> = checked
        .iter()
        .filter_map(|e| {
            let score = nazir::score::score_pair(&e.ar, &e.en);
            (score < threshold).then(|| format!("{}:{}: {} = {} scores {score:.3}", e.file, e.line, e.en, e.ar))
        })
        .collect();
    assert!(
        failing.is_empty(),
        "{} of {} transliterated rows score below {threshold}:\n{}",
        failing.len(),
        checked.len(),
        failing.join("\n")
    );
}

/// The place files made from open data (`cldr-translated.csv`,
/// `geonames-translated.csv`) are matched by exact spelling wherever the
/// spelling stands, so their one-word spellings must not be ordinary
/// Arabic words; GeoNames' many small places also need four letters and
/// no dictionary reading at all.
#[test]
fn place_files_made_from_data_hold_no_everyday_words() {
    let lexicon = nazir::lexicon::Lexicon::embedded();
    let entries = entries();
    let mut problems = Vec::new();
    let mut geonames = 0;
    for e in entries.iter().filter(|e| e.file == "cldr-translated.csv" || e.file == "geonames-translated.csv") {
        let from_geonames = e.file == "geonames-translated.csv";
        geonames += usize::from(from_geonames);
        for ar in std::iter::once(&e.ar).chain(&e.variants).filter(|a| !a.contains(' ')) {
            if lexicon.is_ordinary(ar) {
                problems.push(format!("{}:{}: {ar} ({}) is an ordinary word", e.file, e.line, e.en));
            }
            if from_geonames && (ar.chars().count() < 4 || lexicon.ordinary_reason(ar).is_some()) {
                problems.push(format!("{}:{}: {ar} ({}) is short or a dictionary word", e.file, e.line, e.en));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(geonames > 5000, "geonames-translated.csv has {geonames} rows");
    let en_of = |ar: &str| entries.iter().find(|e| e.ar == ar || e.variants.iter().any(|v| v == ar)).map(|e| &e.en);
    assert_eq!(en_of("بيتسبرغ").map(String::as_str), Some("Pittsburgh"));
    // Arab cities and person-name words are left out.
    assert_eq!(en_of("الزرقاء"), None);
    assert_eq!(en_of("مارتن"), None);
}
