//! Parallel inputs (TMX, line pairs) and names found by association.

use crate::util::*;
use std::collections::HashSet;

fn translated_rows(csv: &str) -> Vec<(String, String)> {
    csv_rows(csv)
        .into_iter()
        .filter(|r| r["method"] == "translation")
        .map(|r| (r["en"].clone(), r["ar"].clone()))
        .collect()
}

#[test]
fn translated_names_are_found_with_high_precision() {
    let out = build_ok(&["tests/data/parallel", "--no-default-gazetteer", "--association"]);
    let expected: HashSet<(String, String)> = csv_file_rows(&data("parallel/expected_translated.csv"))
        .into_iter()
        .map(|r| (r["en"].clone(), fold(&r["ar"])))
        .collect();
    let found = translated_rows(&out);
    let right = found.iter().filter(|(en, ar)| expected.contains(&(en.clone(), fold(ar)))).count();
    eprintln!("translation rows: {right}/{} right; {} of {} expected found", found.len(), right, expected.len());
    assert!(!found.is_empty());
    assert!(right as f64 >= 0.9 * found.len() as f64, "{found:?}");
    assert_eq!(right, expected.len(), "every translated name recurring 3 times is found: {found:?}");
    let header = out.lines().next().unwrap();
    assert!(header.ends_with(",status,assoc_dice,assoc_llr,base"), "{header}");
}

#[test]
fn parallel_text_adds_transliterations_over_monolingual_mode() {
    // The same Arabic lines, without their English.
    let dir = tempdir();
    std::fs::copy(data("parallel/lines.ar"), dir.path().join("lines.txt")).unwrap();
    let mono_dir = dir.path().to_string_lossy().to_string();
    let transliterations = |csv: &str| -> HashSet<String> {
        csv_rows(csv).into_iter().filter(|r| r["method"] == "transliteration").map(|r| r["en"].clone()).collect()
    };
    let mono = transliterations(&build_ok(&[&mono_dir, "--no-default-gazetteer"]));
    let pair = tempdir();
    for f in ["lines.ar", "lines.en"] {
        std::fs::copy(data("parallel").join(f), pair.path().join(f)).unwrap();
    }
    let parallel = transliterations(&build_ok(&[&pair.path().to_string_lossy(), "--no-default-gazetteer"]));
    eprintln!("transliterated names: monolingual {}, parallel {}", mono.len(), parallel.len());
    assert!(parallel.len() > mono.len(), "parallel {parallel:?} monolingual {mono:?}");
    assert!(mono.is_subset(&parallel));
}

/// A short name the article's own English gives needs only the usual
/// score (يوتا = Utah at 0.85, under the 0.86 that three-consonant spans
/// need against a whole batch's candidates); a word with a dictionary
/// reading does not (سير, "course", is not Syria, however foreign its
/// letters look).
#[test]
fn short_names_of_the_articles_own_english() {
    let dir = tempdir();
    let line = r#"{"id": "a1", "text": "زار الوفد ولاية يوتا ثم واصل سير الرحلة.", "en": "The delegation visited Utah, then went on to Syria."}"#;
    std::fs::write(dir.path().join("a.jsonl"), format!("{line}\n")).unwrap();
    let args = ["build", "a.jsonl", "--no-default-gazetteer"];
    let out = run_in(dir.path(), &args, None);
    assert_code(&out, 0, &args);
    let rows = csv_rows(&stdout(&out));
    assert_eq!(row_for(&rows, "Utah").map(|r| r["ar"].as_str()), Some("يوتا"), "{rows:?}");
    assert!(row_for(&rows, "Syria").is_none(), "{rows:?}");
}

/// A foreign-looking word that no dictionary knows is a name its article's
/// English writes at a lower score than a batch-wide name needs (أوهايو =
/// Ohio at 0.74), and the glossary keeps the row; an everyday word is not
/// (ألمانيا is no "Man").
#[test]
fn foreign_looking_names_of_the_articles_own_english_are_kept() {
    let dir = tempdir();
    let line = r#"{"id": "a1", "text": "جاء المؤيدون من أوهايو، وسافر الرجل إلى ألمانيا.", "en": "Supporters came from Ohio, and the Man travelled to Germany."}"#;
    std::fs::write(dir.path().join("a.jsonl"), format!("{line}\n")).unwrap();
    let args = ["build", "a.jsonl", "--no-default-gazetteer"];
    let out = run_in(dir.path(), &args, None);
    assert_code(&out, 0, &args);
    let rows = csv_rows(&stdout(&out));
    let ohio = row_for(&rows, "Ohio").unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(ohio["ar"], "أوهايو");
    assert!(ohio["score"].parse::<f32>().unwrap() < 0.8, "{ohio:?}");
    assert!(row_for(&rows, "Man").is_none(), "{rows:?}");
}
