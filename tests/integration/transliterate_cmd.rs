//! `nazir transliterate`: English spellings guessed for Arabic names.

use crate::util::{Row, assert_code, read_csv, run, stdout, tempdir};

fn guesses(args: &[&str], stdin: Option<&[u8]>) -> (Vec<String>, Vec<Row>) {
    let mut all = vec!["transliterate"];
    all.extend_from_slice(args);
    let out = run(&all, stdin);
    assert_code(&out, 0, &all);
    read_csv(&stdout(&out))
}

fn block<'a>(rows: &'a [Row], ar: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| r["ar"] == ar).collect()
}

#[test]
fn ranks_guesses_per_name_with_their_source() {
    let names = ["باتريك روبرتس", "تشوركين", "زلاتكوفيتش"];
    let (header, rows) = guesses(&[names[0], names[1], names[2], "--top-k", "3"], None);
    assert_eq!(header, ["ar", "rank", "en", "score", "source"]);
    for name in names {
        let b = block(&rows, name);
        assert_eq!(b.iter().map(|r| r["rank"].as_str()).collect::<Vec<_>>(), ["1", "2", "3"], "{name}");
        let scores: Vec<f32> = b.iter().map(|r| r["score"].parse().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]) && scores.iter().sum::<f32>() <= 1.001, "{scores:?}");
        assert!(
            b.iter().all(|r| ["known", "name-part", "word", "english", "generated"].contains(&r["source"].as_str()))
        );
        assert!(b.iter().all(|r| r["en"].starts_with(|c: char| c.is_ascii_uppercase())), "{b:?}");
    }
    // A common name and surname the shipped lists spell this way.
    assert_eq!(block(&rows, names[0])[0]["en"], "Patrick Roberts");
    assert_eq!(block(&rows, names[0])[0]["source"], "known");
    assert_eq!(block(&rows, names[1])[0]["en"], "Churkin");
}

#[test]
fn letters_only_spells_without_the_lists() {
    let (_, rows) = guesses(&["--letters-only", "روبرتس", "--top-k", "5"], None);
    assert!(rows.iter().all(|r| r["source"] == "generated"), "{rows:?}");
    assert!(rows.iter().any(|r| r["en"] == "Roberts"), "{rows:?}");
}

#[test]
fn reads_names_from_stdin_and_writes_a_file() {
    let dir = tempdir();
    let out = dir.path().join("guesses.csv");
    let args = ["transliterate", "-", "--top-k", "1", "-o", out.to_str().unwrap()];
    let run_out = run(&args, Some("تشوركين\n\nGoogle 123\nبيليغريني\n".as_bytes()));
    assert_code(&run_out, 0, &args);
    let (_, rows) = read_csv(&std::fs::read_to_string(&out).unwrap());
    // One row per Arabic name; a line with no Arabic letter gets none.
    let terms: Vec<&str> = rows.iter().map(|r| r["ar"].as_str()).collect();
    assert_eq!(terms, ["تشوركين", "بيليغريني"]);
    assert!(rows[1]["en"].to_lowercase().ends_with("grini"), "{rows:?}");
}

#[test]
fn top_k_is_bounded() {
    for bad in ["0", "101", "x"] {
        let args = ["transliterate", "روبرتس", "--top-k", bad];
        assert_code(&run(&args, None), 2, &args);
    }
}

/// An article (written for this test) with people no shipped list or
/// gazetteer has as a whole: an analyst's given name and surname that the
/// name lists spell, a congresswoman's, and an adviser whose given name is
/// also an Arabic word (بول); a team named by a lone English word; a
/// model written after "and" (وإميلي); and a man called "Mr." (السيد),
/// which in matching form is also the given name of a footballer of the
/// gazetteer (إلسيد هيساي, Elseid Hysaj); and a made-up surname the
/// guesser cannot spell with any confidence (غفاردولتيني); and a county
/// after the preposition ل ("to"), written as one word (ليوركشير).
const UNKNOWN_NAMES: &str = "قال المحلل هوريس ديديو في تقرير جديد إن مبيعات الهواتف تراجعت هذا العام.\n\
وأضافت النائبة ماكسين ووترز أن اللجنة ستدرس القانون الأسبوع المقبل، ثم غادرت القاعة.\n\
واستثمرت جوجل كابيتال في شركة ناشئة.\n\
ورفض المستشار السابق بول هاغرتي التعليق على التقرير.\n\
وفاز فريق ستارز بالمباراة.\n\
وحضرت الحفل المغنية وإميلي راتاجكوفسكي.\n\
وقال السيد مولر إن المحادثات ستستمر.\n\
وأشار الباحث غفاردولتيني إلى النتائج.\n\
وقال في زيارته ليوركشير إن الوضع تحسن.\n";

fn build_rows(extra: &[&str]) -> Vec<Row> {
    let dir = tempdir();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, UNKNOWN_NAMES).unwrap();
    let mut args = vec!["build", article.to_str().unwrap(), "-q"];
    args.extend_from_slice(extra);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    read_csv(&stdout(&out)).1
}

#[test]
fn build_names_what_nothing_matches_only_when_asked() {
    // Zero-config: no list knows these people, so no row, and no guess;
    // the gazetteer's Google with the English word after it is composed.
    let plain = build_rows(&[]);
    let found: Vec<_> = plain.iter().map(|r| (r["en"].as_str(), r["method"].as_str())).collect();
    assert_eq!(found, [("Google Capital", "name-parts")], "{plain:?}");
    let rows = build_rows(&["--guess"]);
    let row = |ar: &str| rows.iter().find(|r| r["ar"] == ar).unwrap_or_else(|| panic!("{ar} in {rows:?}"));
    // Every word a listed spelling: composed from the lists.
    let waters = row("ماكسين ووترز");
    assert_eq!((waters["en"].as_str(), waters["method"].as_str()), ("Maxine Waters", "name-parts"));
    // Otherwise guessed, with the guesser's confidence as the score.
    let dedieu = row("هوريس ديديو");
    assert_eq!(dedieu["method"], "guess");
    assert!(dedieu["en"].ends_with("Dedieu"), "{dedieu:?}");
    let confidence: f32 = dedieu["score"].parse().unwrap();
    assert!(confidence > 0.0 && confidence <= 1.0);
    // A given name that is also a word, before a surname English text
    // writes (Haggerty is in no name list).
    let haggerty = row("بول هاغرتي");
    assert_eq!((haggerty["en"].as_str(), haggerty["method"].as_str()), ("Paul Haggerty", "guess"));
    // "And" is no part of the name: the lists know إميلي, not وإميلي.
    assert!(row("إميلي راتاجكوفسكي")["en"].ends_with("Ratajkowski"), "{rows:?}");
    // "Mr." is no given name: the surname alone is named.
    assert_eq!(row("مولر")["en"], "Muller", "{rows:?}");
    assert!(rows.iter().all(|r| !r["ar"].starts_with("السيد")), "{rows:?}");
    // A guess the guesser itself doubts (other spellings likelier
    // together) is not written.
    assert!(rows.iter().all(|r| r["ar"] != "غفاردولتيني"), "{rows:?}");
    assert!(
        rows.iter().filter(|r| r["method"] == "guess").all(|r| r["score"].parse::<f32>().unwrap() >= 0.5),
        "{rows:?}"
    );
    // The preposition is no part of the name the guess found.
    assert_eq!(row("يوركشير")["en"], "Yorkshire", "{rows:?}");
    // An English word of names after a matched name is part of it.
    let capital = row("جوجل كابيتال");
    assert_eq!((capital["en"].as_str(), capital["method"].as_str()), ("Google Capital", "name-parts"));
    // Suggestions for a reviewer: candidates, and nothing else is named
    // (the ordinary words of the sentences are not, nor is Google alone,
    // nor ستارز, whose likeliest English is the common word Stars).
    assert!(rows.iter().all(|r| r["base"].contains(r#""status":"candidate""#)), "{rows:?}");
    assert_eq!(rows.len(), 7, "{rows:?}");
    // A guess's score is a confidence, not a similarity: --min-score keeps it.
    let strict = build_rows(&["--guess", "--min-score", "0.99"]);
    assert!(strict.iter().any(|r| r["ar"] == "هوريس ديديو"), "{strict:?}");
}
