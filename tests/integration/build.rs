//! `nazir build`: the CSV it writes, its options and inputs, and how well it
//! finds the names planted in the test articles.

use crate::util::{
    ENGLISH, Row, assert_code, batch_texts, build_ok, csv_rows, data, expected_pairs, fold, has_arabic, has_latin,
    is_haraka, read_article, read_csv, renderings, row_for, run, run_in, stderr, stdout, tempdir,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

const HEADER: [&str; 12] =
    ["en", "ar", "variants", "score", "count", "docs", "method", "kind", "context", "source", "status", "base"];

/// `args` followed by the English-list arguments.
fn with_english<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend_from_slice(&ENGLISH);
    all
}

/// The glossary of the five test articles (no gazetteer, English list).
fn articles_csv() -> String {
    build_ok(&with_english(&["tests/data/articles"]))
}

/// The glossary of the articles and the JSONL batch.
fn full_csv() -> String {
    build_ok(&with_english(&["tests/data/articles", "tests/data/batch.jsonl"]))
}

const FULL_DEFAULT: [&str; 2] = ["tests/data/articles", "tests/data/batch.jsonl"];

/// The glossary of the articles and the batch with the shipped gazetteer
/// (slow in debug builds, so built once for all tests).
fn full_default_csv() -> &'static str {
    static CSV: OnceLock<String> = OnceLock::new();
    CSV.get_or_init(|| build_ok(&FULL_DEFAULT))
}

/// The text of the line `source` (`id:line`) points to, where ids are
/// article file names or JSONL ids.
fn source_line(source: &str, batch: &HashMap<String, String>) -> String {
    let (id, line) = source.rsplit_once(':').unwrap_or_else(|| panic!("source {source:?} is not id:line"));
    let line: usize = line.parse().unwrap_or_else(|_| panic!("source {source:?} has no line number"));
    assert!(line >= 1, "source {source:?}: lines count from 1");
    let text = match batch.get(id) {
        Some(t) => t.clone(),
        None => {
            let path = data("articles").join(id);
            assert!(path.is_file(), "source {source:?}: {id} is neither an article file nor a batch id");
            read_article(&path)
        }
    };
    text.split('\n').nth(line - 1).unwrap_or_else(|| panic!("source {source:?}: no such line")).to_string()
}

/// Checks the per-row format rules of a glossary CSV.
fn check_rows(text: &str) -> Vec<Row> {
    let (header, rows) = read_csv(text);
    assert_eq!(header, HEADER, "CSV header");
    assert!(text.starts_with(&format!("{}\n", HEADER.join(","))), "the header line is exactly the column list");
    assert!(!rows.is_empty(), "the glossary is not empty");
    let batch = batch_texts();
    for row in &rows {
        let en = &row["en"];
        assert!(!en.is_empty(), "{row:?}: empty en");
        assert!(!row["ar"].is_empty(), "{row:?}: empty ar");
        assert_eq!(row["status"], "", "{en}: status is left to reviewers");
        let score = &row["score"];
        let (int, frac) = score.split_once('.').unwrap_or((score, ""));
        assert!(
            frac.len() == 3 && frac.chars().all(|c| c.is_ascii_digit()) && (int == "0" || int == "1"),
            "{en}: score {score:?} is not a number in [0, 1] with 3 decimals"
        );
        let value: f32 = score.parse().unwrap();
        assert!((0.0..=1.0).contains(&value), "{en}: score {score}");
        let count: usize = row["count"].parse().expect("count is a number");
        let docs: usize = row["docs"].parse().expect("docs is a number");
        assert!(docs >= 1 && docs <= count, "{en}: docs {docs} vs count {count}");
        assert!(
            ["gazetteer", "latin", "acronym", "transliteration"].contains(&row["method"].as_str()),
            "{en}: unknown method {:?}",
            row["method"]
        );
        let context = &row["context"];
        assert!(context.chars().count() <= 120, "{en}: context has {} characters: {context}", context.chars().count());
        let forms = renderings(row);
        assert!(
            forms.iter().any(|f| fold(context).contains(&fold(f))),
            "{en}: context {context:?} contains none of {forms:?}"
        );
        let line = source_line(&row["source"], &batch);
        let core = context.trim_start_matches('…').trim_end_matches('…');
        assert!(line.contains(core), "{en}: context {context:?} is not taken from {} ({line:?})", row["source"]);
    }
    rows
}

#[test]
fn header_columns_context_and_source() {
    let text = articles_csv();
    let rows = check_rows(&text);
    let files: HashSet<&str> = ["markets.txt", "phones.txt", "politics.txt", "sports.txt", "tech_ai.txt"].into();
    for row in &rows {
        let (id, _) = row["source"].rsplit_once(':').unwrap();
        assert!(files.contains(id), "{}: source {} is not relative to the input directory", row["en"], row["source"]);
    }
    // A name first met in the title line of an article.
    let openai = row_for(&rows, "OpenAI").expect("OpenAI row");
    assert_eq!(openai["source"], "tech_ai.txt:3");
    let apple = row_for(&rows, "Apple").expect("Apple row");
    assert_eq!(apple["source"], "phones.txt:1");
}

#[test]
fn full_run_rows_are_well_formed() {
    let rows = check_rows(&full_csv());
    let ids: HashSet<&str> = rows.iter().map(|r| r["source"].rsplit_once(':').unwrap().0).collect();
    assert!(ids.iter().any(|id| id.starts_with('b')), "some entry is first seen in the JSONL batch: {ids:?}");
}

#[test]
fn rows_are_sorted_by_count_then_english() {
    let rows = csv_rows(&full_csv());
    let keys: Vec<(std::cmp::Reverse<usize>, String)> =
        rows.iter().map(|r| (std::cmp::Reverse(r["count"].parse().unwrap()), r["en"].clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "rows are sorted by count desc, then en");
    let ens: HashSet<&str> = rows.iter().map(|r| r["en"].as_str()).collect();
    assert_eq!(ens.len(), rows.len(), "one row per English term");
}

#[test]
fn output_file_gets_the_csv_and_stdout_stays_empty() {
    let dir = tempdir();
    let out_path = dir.path().join("glossary.csv");
    let out_str = out_path.to_str().unwrap();
    let args = with_english(&["build", "tests/data/articles", "-o", out_str]);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    assert!(out.stdout.is_empty(), "nothing on stdout with -o");
    let written = std::fs::read_to_string(&out_path).expect("output file written");
    assert_eq!(written, articles_csv(), "-o writes what stdout would show");
    // The long form too.
    let out_path2 = dir.path().join("g2.csv");
    let args = with_english(&["build", "tests/data/articles", "--output", out_path2.to_str().unwrap()]);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    assert_eq!(std::fs::read_to_string(&out_path2).unwrap(), written);
}

#[test]
fn excel_output_has_bom_and_crlf() {
    let args = with_english(&["build", "tests/data/articles", "--excel"]);
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    let bytes = &out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFen,ar,variants,"), "starts with the UTF-8 BOM then the header");
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert!(lf > 1);
    assert_eq!(lf, crlf, "every line ends with CRLF");
    assert!(bytes.ends_with(b"\r\n"));
    let text = String::from_utf8(bytes.clone()).unwrap();
    let plain = text.strip_prefix('\u{FEFF}').unwrap().replace("\r\n", "\n");
    assert_eq!(plain, articles_csv(), "same content as the plain CSV otherwise");
}

#[test]
fn min_count_drops_rare_entries() {
    let all = csv_rows(&articles_csv());
    let text = build_ok(&with_english(&["tests/data/articles", "--min-count", "2"]));
    let rows = csv_rows(&text);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["count"].parse::<usize>().unwrap() >= 2), "no entry seen once is left");
    let expected: Vec<Row> = all.into_iter().filter(|r| r["count"].parse::<usize>().unwrap() >= 2).collect();
    assert!(expected.len() < csv_rows(&articles_csv()).len(), "the test data has entries seen once");
    assert_eq!(rows, expected, "only the entries seen once are removed");
}

#[test]
fn min_score_filters_entries() {
    let all = csv_rows(&articles_csv());
    let rows = csv_rows(&build_ok(&with_english(&["tests/data/articles", "--min-score", "0.95"])));
    assert!(!rows.is_empty());
    assert!(rows.len() < all.len(), "some entries score below 0.95");
    for r in &rows {
        let s: f32 = r["score"].parse().unwrap();
        assert!(s >= 0.95 - 1e-6, "{}: score {s} below --min-score", r["en"]);
    }
    // Out of range is a usage error.
    let args = with_english(&["build", "tests/data/articles", "--min-score", "1.5"]);
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(out.stdout.is_empty());
}

#[test]
fn bom_crlf_article_is_read() {
    let text = build_ok(&with_english(&["tests/data/articles/markets.txt"]));
    assert!(!text.contains('\r'), "no carriage return reaches the CSV");
    assert!(!text.contains('\u{FEFF}'), "the BOM is not part of the text");
    let rows = csv_rows(&text);
    let wall = row_for(&rows, "Wall Street").expect("Wall Street (title line)");
    assert_eq!(wall["ar"], "وول ستريت");
    assert_eq!(wall["source"], "tests/data/articles/markets.txt:1");
    assert!(wall["context"].starts_with("أسهم"), "{}", wall["context"]);
    let nvidia = row_for(&rows, "Nvidia").expect("Nvidia");
    let forms = renderings(nvidia);
    for f in ["إنفيديا", "انفيديا", "Nvidia"] {
        assert!(forms.contains(&f.to_string()), "{f} in {forms:?}");
    }
    // Names on the last line are found too.
    assert!(row_for(&rows, "HSBC").is_some());
}

#[test]
fn jsonl_batch_is_read() {
    let text = build_ok(&with_english(&["tests/data/batch.jsonl"]));
    let rows = check_rows(&text);
    let ids: HashSet<String> = rows.iter().map(|r| r["source"].rsplit_once(':').unwrap().0.to_string()).collect();
    for id in &ids {
        assert!(["b1", "b2", "b3", "b4"].contains(&id.as_str()), "source id {id} is a JSONL id");
    }
    for en in ["Atlético Madrid", "Orlando City", "OpenAI", "CNN"] {
        assert!(row_for(&rows, en).is_some(), "{en} found in the batch");
    }
    // b4 has no `en` field and is still read.
    assert!(ids.contains("b4"), "article b4 contributes: {ids:?}");
}

#[test]
fn stdin_jsonl_gives_the_same_glossary_as_the_file() {
    let batch = std::fs::read(data("batch.jsonl")).unwrap();
    let args = with_english(&["build", "-"]);
    let out = run(&args, Some(&batch));
    assert_code(&out, 0, &args);
    assert_eq!(stdout(&out), build_ok(&with_english(&["tests/data/batch.jsonl"])));
}

#[test]
fn stdin_plain_text_is_one_article() {
    let article = std::fs::read(data("articles/tech_ai.txt")).unwrap();
    let args = with_english(&["build", "-"]);
    let out = run(&args, Some(&article));
    assert_code(&out, 0, &args);
    let text = stdout(&out);
    let rows = csv_rows(&text);
    assert!(rows.len() > 5);
    for r in &rows {
        assert!(r["source"].starts_with("stdin:"), "{:?}", r["source"]);
    }
    let from_file = build_ok(&with_english(&["tests/data/articles/tech_ai.txt"]));
    assert_eq!(
        text,
        from_file.replace("tests/data/articles/tech_ai.txt:", "stdin:"),
        "the same glossary as from the file"
    );
}

#[test]
fn default_gazetteer_changes_methods() {
    let without = csv_rows(&full_csv());
    assert!(without.iter().all(|r| r["method"] != "gazetteer"), "no gazetteer rows with --no-default-gazetteer");
    assert!(row_for(&without, "White House").is_none());

    let with = csv_rows(full_default_csv());
    let gaz: Vec<&Row> = with.iter().filter(|r| r["method"] == "gazetteer").collect();
    assert!(gaz.len() > without.len() / 2, "most rows come from the gazetteer ({} of {})", gaz.len(), with.len());
    for r in &gaz {
        assert!(
            ["person", "org", "location", "product", "other"].contains(&r["kind"].as_str()),
            "{}: gazetteer rows carry a kind, got {:?}",
            r["en"],
            r["kind"]
        );
    }
    let wh = row_for(&with, "White House").expect("White House, a translated name");
    assert_eq!(wh["ar"], "البيت الأبيض");
    assert_eq!(wh["method"], "gazetteer");
    assert_eq!(wh["kind"], "org");
    let google = row_for(&with, "Google").unwrap();
    assert_eq!(google["method"], "gazetteer");
    assert_eq!(row_for(&without, "Google").unwrap()["method"], "transliteration");
}

#[test]
fn extra_gazetteer_file_is_used() {
    let dir = tempdir();
    let gaz = dir.path().join("extra.csv");
    std::fs::write(&gaz, "en,ar,variants,kind\nWhite House,البيت الأبيض,,org\n").unwrap();
    let rows = csv_rows(&build_ok(&[
        "tests/data/articles/politics.txt",
        "--no-default-gazetteer",
        "--gazetteer",
        gaz.to_str().unwrap(),
    ]));
    let wh = row_for(&rows, "White House").expect("White House from the extra gazetteer");
    assert_eq!(wh["method"], "gazetteer");
    assert_eq!(wh["kind"], "org");
    assert_eq!(wh["ar"], "البيت الأبيض");
}

#[test]
fn latin_names_are_grouped_with_their_arabic_renderings() {
    let rows = csv_rows(&build_ok(&with_english(&["tests/data/articles/tech_ai.txt"])));
    // «أوبن إيه آي (OpenAI)» and «لـOpenAI»: Latin twice, Arabic once.
    let openai = row_for(&rows, "OpenAI").expect("OpenAI");
    assert_eq!(openai["ar"], "OpenAI", "clitic لـ removed from لـOpenAI");
    assert_eq!(openai["method"], "latin");
    assert!(renderings(openai).contains(&"أوبن إيه آي".to_string()));
    let chatgpt = row_for(&rows, "ChatGPT").expect("ChatGPT");
    assert_eq!(chatgpt["ar"], "ChatGPT");
    assert!(renderings(chatgpt).contains(&"تشات جي بي تي".to_string()));
    let nvidia = row_for(&rows, "Nvidia").expect("Nvidia");
    let forms = renderings(nvidia);
    assert!(forms.contains(&"Nvidia".to_string()), "{forms:?}");
    assert!(forms.contains(&"إنفيديا".to_string()), "{forms:?}");

    // Over the whole data set: every Latin occurrence is a rendering of its
    // entry, next to the Arabic spellings of the same name.
    let rows = csv_rows(&full_csv());
    let expected = expected_pairs();
    for e in expected.iter().filter(|e| e["how"] == "latin") {
        let row = row_for(&rows, &e["en"]).unwrap_or_else(|| panic!("no row for {}", e["en"]));
        let forms = renderings(row);
        assert!(forms.contains(&e["ar"]), "{}: Latin form {} not in {forms:?}", e["en"], e["ar"]);
        let arabic_forms: Vec<&String> = forms.iter().filter(|f| has_arabic(f)).collect();
        assert!(!arabic_forms.is_empty(), "{}: Latin form grouped with no Arabic spelling: {forms:?}", e["en"]);
    }
    let tesla = row_for(&rows, "Tesla").unwrap();
    assert!(renderings(tesla).contains(&"Tesla".to_string()), "بـTesla gives Tesla");
    for row in &rows {
        for f in renderings(row) {
            assert!(!(has_latin(&f) && has_arabic(&f)), "{}: rendering {f:?} mixes scripts (clitic left?)", row["en"]);
        }
        if has_latin(&row["ar"]) {
            assert_eq!(row["method"], "latin", "{}: Latin ar", row["en"]);
        }
    }
}

#[test]
fn clitics_marks_and_tatweel_are_removed() {
    let rows = csv_rows(&full_csv());
    let mut expected: HashMap<String, HashSet<String>> = HashMap::new();
    for e in expected_pairs() {
        expected.entry(e["en"].clone()).or_default().insert(fold(&e["ar"]));
    }
    let mut bad = Vec::new();
    for row in &rows {
        let Some(forms_ok) = expected.get(&row["en"]) else {
            continue;
        };
        for f in renderings(row) {
            if f.chars().any(|c| is_haraka(c) || c == '\u{0640}') {
                bad.push(format!("{}: {f} keeps harakat or tatweel", row["en"]));
            }
            if forms_ok.contains(&fold(&f)) {
                continue;
            }
            for clitic in ["و", "ب", "ل", "ف", "ك", "وب", "ول", "لل", "بال", "وال"] {
                if let Some(rest) = f.strip_prefix(clitic) {
                    let rest = rest.trim_start_matches('\u{0640}');
                    if forms_ok.contains(&fold(rest)) {
                        bad.push(format!("{}: {f} keeps the clitic {clitic} (expected {rest})", row["en"]));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "renderings with clitics:\n{}", bad.join("\n"));
    // The planted cases, one by one.
    for (en, form) in [
        ("Oracle", "أوراكل"),
        ("Microsoft", "مايكروسوفت"),
        ("Google", "غوغل"),
        ("Nvidia", "إنفيديا"),
        ("Kylian Mbappé", "كيليان مبابي"),
        ("Emmanuel Macron", "إيمانويل ماكرون"),
        ("Google", "جوجل"),
    ] {
        let row = row_for(&rows, en).unwrap_or_else(|| panic!("no row for {en}"));
        assert!(renderings(row).contains(&form.to_string()), "{en}: {form} not in {:?}", renderings(row));
    }
}

#[test]
fn recall_and_precision_on_the_answer_key() {
    let rows = csv_rows(&full_csv());
    let expected = expected_pairs();

    // Recall over the rows of the key that a transliterating aligner can find.
    let mut found = 0;
    let mut total = 0;
    let mut missed = Vec::new();
    for e in &expected {
        if !["transliterated", "acronym", "latin"].contains(&e["how"].as_str()) {
            continue;
        }
        total += 1;
        let hit = row_for(&rows, &e["en"]).is_some_and(|r| renderings(r).iter().any(|f| fold(f) == fold(&e["ar"])));
        if hit {
            found += 1;
        } else {
            missed.push(format!("{} = {} ({})", e["en"], e["ar"], e["file"]));
        }
    }
    let recall = found as f64 / total as f64;

    // Precision over every rendering of the rows with Arabic in them.
    let key: HashSet<(String, String)> = expected.iter().map(|e| (e["en"].clone(), fold(&e["ar"]))).collect();
    let mut right = 0;
    let mut all = 0;
    let mut wrong = Vec::new();
    for r in rows.iter().filter(|r| renderings(r).iter().any(|f| has_arabic(f))) {
        for f in renderings(r) {
            all += 1;
            if key.contains(&(r["en"].clone(), fold(&f))) {
                right += 1;
            } else {
                wrong.push(format!("{} = {f}", r["en"]));
            }
        }
    }
    let precision = right as f64 / all as f64;

    eprintln!("recall: {found}/{total} = {:.1}% of the transliterated/acronym/latin rows", recall * 100.0);
    eprintln!("  missed: {}", missed.join("; "));
    eprintln!("precision: {right}/{all} = {:.1}% of the renderings", precision * 100.0);
    eprintln!("  not in the key: {}", wrong.join("; "));
    assert!(recall >= 0.85, "recall {:.1}% < 85%; missed: {missed:#?}", recall * 100.0);
    assert!(precision >= 0.90, "precision {:.1}% < 90%; wrong: {wrong:#?}", precision * 100.0);
}

#[test]
fn two_runs_are_byte_identical() {
    assert_eq!(full_csv(), full_csv());
    assert_eq!(build_ok(&FULL_DEFAULT), full_default_csv());
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn directories_are_read_in_sorted_order() {
    let dir = tempdir();
    let d = dir.path();
    // Created out of order; a.txt must still come first.
    write(d, "z.txt", "قالت جوجل إن الخدمة جديدة\n");
    write(d, "m/x.txt", "وقالت مايكروسوفت إن الخدمة جديدة\n");
    write(d, "a.txt", "أعلنت غوغل عن خدمة جديدة\n");
    write(d, "b.jsonl", "{\"id\": \"j1\", \"text\": \"وتراجع سهم تسلا أمس\"}\n");
    // Neither hidden files nor other extensions are read.
    write(d, ".hidden.txt", "أعلنت أمازون عن خدمة جديدة\n");
    write(d, "notes.md", "أعلنت أوراكل عن خدمة جديدة\n");
    let english = crate::util::repo().join("tests/data/english.txt");
    let args = ["build", ".", "--no-default-gazetteer", "--english", english.to_str().unwrap()];
    let out = run_in(d, &args, None);
    assert_code(&out, 0, &args);
    let text = stdout(&out);
    let rows = csv_rows(&text);
    let google = row_for(&rows, "Google").expect("Google");
    assert_eq!(google["source"], "a.txt:1", "a.txt is read first");
    assert_eq!(google["ar"], "غوغل", "ties go to the spelling seen first (a.txt)");
    assert_eq!(google["variants"], "جوجل");
    assert_eq!(row_for(&rows, "Microsoft").expect("Microsoft")["source"], "m/x.txt:1");
    assert_eq!(row_for(&rows, "Tesla").expect("Tesla")["source"], "j1:1");
    assert!(row_for(&rows, "Amazon").is_none(), "hidden file read");
    assert!(row_for(&rows, "Oracle").is_none(), "non-.txt file read");
    // The same again.
    assert_eq!(stdout(&run_in(d, &args, None)), text);

    // Files given one by one: "first" follows the files' names (their
    // article keys), not the order of the arguments, so that a batch split
    // into shards gives the same glossary.
    let args = ["build", "z.txt", "a.txt", "--no-default-gazetteer", "--english", english.to_str().unwrap()];
    let out = run_in(d, &args, None);
    assert_code(&out, 0, &args);
    let text = stdout(&out);
    let rows = csv_rows(&text);
    let google = row_for(&rows, "Google").expect("Google");
    assert_eq!(google["source"], "a.txt:1");
    assert_eq!(google["ar"], "غوغل");
    let swapped = ["build", "a.txt", "z.txt", "--no-default-gazetteer", "--english", english.to_str().unwrap()];
    assert_eq!(stdout(&run_in(d, &swapped, None)), text);
}

#[test]
fn excel_guards_formula_like_cells() {
    let dir = tempdir();
    write(dir.path(), "f.txt", "-جوجل تطلق خدمة جديدة\n+أمازون\n");
    let english = crate::util::repo().join("tests/data/english.txt");
    let base = ["build", "f.txt", "--no-default-gazetteer", "--english", english.to_str().unwrap()];
    let out = run_in(dir.path(), &[&base[..], &["--excel"]].concat(), None);
    assert_code(&out, 0, &base);
    let rows = csv_rows(&stdout(&out));
    assert_eq!(row_for(&rows, "Google").unwrap()["context"], "'-جوجل تطلق خدمة جديدة");
    assert_eq!(row_for(&rows, "Amazon").unwrap()["context"], "'+أمازون");
    // The plain CSV is guarded too (a spreadsheet opens it all the same).
    let out = run_in(dir.path(), &base, None);
    let rows = csv_rows(&stdout(&out));
    assert_eq!(row_for(&rows, "Amazon").unwrap()["context"], "'+أمازون");
}

#[test]
fn a_batch_without_articles_is_an_error_saying_what_was_looked_for() {
    let dir = tempdir();
    std::fs::write(dir.path().join("notes.md"), "# not an article").unwrap();
    for args in [["build", ".", "--no-default-gazetteer"], ["build", "notes.md", "--no-default-gazetteer"]] {
        let out = run_in(dir.path(), &args, None);
        assert_code(&out, 2, &args);
        let err = stderr(&out);
        assert!(err.contains("no articles found in") && err.contains(".txt, .jsonl, .tmx and .ar/.en"), "{err}");
        assert!(stdout(&out).is_empty());
    }
    // A file of another kind given by name is named as such.
    let out = run_in(dir.path(), &["build", "notes.md"], None);
    assert!(stderr(&out).contains("notes.md: a .md file is not an article file"), "{}", stderr(&out));
}

/// The English terms of `english.txt` that name nothing in the articles.
fn distractors() -> HashSet<String> {
    let named: HashSet<String> = expected_pairs().into_iter().map(|e| e["en"].clone()).collect();
    let list = std::fs::read_to_string(data("english.txt")).unwrap();
    let d: HashSet<String> =
        list.lines().filter(|l| !l.trim().is_empty() && !named.contains(*l)).map(str::to_string).collect();
    assert_eq!(d.len(), 28, "tests/data/README.md: 28 near-miss distractors");
    d
}

#[test]
fn ordinary_words_are_not_aligned_to_names() {
    let distractors = distractors();
    let mut wrong = Vec::new();
    let no_gaz = csv_rows(&full_csv());
    let mut bad_args = vec!["build", "tests/data/bad/broken.jsonl"];
    bad_args.extend_from_slice(&ENGLISH);
    let out = run(&bad_args, None);
    assert_code(&out, 1, &bad_args);
    let bad = csv_rows(&stdout(&out));
    for r in no_gaz.iter().chain(&bad) {
        if distractors.contains(&r["en"]) {
            wrong.push(format!("{} = {} at {}", r["en"], r["ar"], r["source"]));
        }
    }
    // With the shipped gazetteer, anything not from the gazetteer is one of
    // the planted names.
    let named: HashSet<String> = expected_pairs().into_iter().map(|e| e["en"].clone()).collect();
    for r in csv_rows(full_default_csv()) {
        if r["method"] != "gazetteer" && !named.contains(&r["en"]) {
            wrong.push(format!("{} = {} at {}", r["en"], r["ar"], r["source"]));
        }
    }
    assert!(wrong.is_empty(), "ordinary words aligned to names:\n{}", wrong.join("\n"));
}

/// Text whose spaces were lost (copied from some sites and PDFs) still
/// yields its names, written with the spaces back.
#[test]
fn words_run_together_are_read_as_words() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "a.txt", "التقىالرئيسالأمريكيدونالدترامببنظيرهالفرنسي أمس، ثم وصلتشركةجوجلإلىاتفاقمعالحكومة.\n");
    write(d, "en.txt", "Donald Trump\nGoogle\n");
    let args = ["build", "a.txt", "--no-default-gazetteer", "--english", "en.txt"];
    let out = run_in(d, &args, None);
    assert_code(&out, 0, &args);
    let rows = csv_rows(&stdout(&out));
    let trump = row_for(&rows, "Donald Trump").expect("Donald Trump");
    assert_eq!(trump["ar"], "دونالد ترامب");
    assert_eq!(row_for(&rows, "Google").expect("Google")["ar"], "جوجل");
    assert_eq!(rows.len(), 2, "{rows:?}");
}
