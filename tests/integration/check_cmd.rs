//! `nazir check`: Arabic texts against a glossary, on the planted issues of
//! `tests/data/check/` (see its EXPECTED.md).

use crate::util::{assert_code, read_csv, run, stderr, stdout, tempdir};

const GLOSSARY: &str = "tests/data/check/glossary.csv";
const STATUSES: &str = "tests/data/check/glossary_statuses.csv";
const BATCH: &str = "tests/data/check/batch";
const PARALLEL: &str = "tests/data/check/parallel.jsonl";

/// One finding: file name, line, column, severity, issue, found, expected, en.
type Finding = (String, usize, usize, String, String, String, String, String);

/// The findings of a check's CSV, the file reduced to its name; asserts
/// the header.
fn findings(csv: &str) -> Vec<Finding> {
    let (header, rows) = read_csv(csv);
    assert_eq!(header, ["file", "line", "column", "severity", "issue", "found", "expected", "en"]);
    rows.iter()
        .map(|r| {
            let file = r["file"].rsplit('/').next().unwrap().to_string();
            let number = |c: &str| r[c].parse::<usize>().unwrap_or_else(|_| panic!("{c} is a number: {r:?}"));
            (
                file,
                number("line"),
                number("column"),
                r["severity"].clone(),
                r["issue"].clone(),
                r["found"].clone(),
                r["expected"].clone(),
                r["en"].clone(),
            )
        })
        .collect()
}

fn f(file: &str, line: usize, column: usize, issue: &str, found: &str, expected: &str, en: &str) -> Finding {
    let severity = match issue {
        "forbidden-term" | "forbidden-variant" | "missing-rendering" => "error",
        _ => "warning",
    };
    let s = |x: &str| x.to_string();
    (s(file), line, column, s(severity), s(issue), s(found), s(expected), s(en))
}

/// The findings of EXPECTED.md for `batch/`; `statuses` for
/// `glossary_statuses.csv` (قوقل forbidden).
fn expected_batch(statuses: bool) -> Vec<Finding> {
    let qooqle = if statuses { "forbidden-variant" } else { "non-preferred-variant" };
    vec![
        f("a.txt", 4, 54, "non-preferred-variant", "غوغل", "جوجل", "Google"),
        f("a.txt", 4, 54, "inconsistent", "غوغل (1)", "جوجل (5)", "Google"),
        f("a.txt", 5, 6, "non-preferred-variant", "مارك زوكربيرغ", "مارك زوكربيرج", "Mark Zuckerberg"),
        f("a.txt", 5, 6, "inconsistent", "مارك زوكربيرغ (1)", "مارك زوكربيرج (1)", "Mark Zuckerberg"),
        f("a.txt", 5, 33, "forbidden-term", "تويتر", "", "Twitter"),
        f("b.txt", 2, 55, "non-preferred-variant", "انفيديا", "إنفيديا", "Nvidia"),
        f("b.txt", 2, 55, "inconsistent", "انفيديا (1)", "إنفيديا (1)", "Nvidia"),
        f("b.txt", 3, 16, qooqle, "قوقل", "جوجل", "Google"),
        f("b.txt", 3, 16, "inconsistent", "قوقل (1)", "جوجل (5)", "Google"),
    ]
}

/// Places of preferred forms (and of the rejected Amazon) that must not be
/// reported.
const NOT_REPORTED: [(&str, usize, usize); 14] = [
    ("a.txt", 1, 1),
    ("a.txt", 2, 12),
    ("a.txt", 2, 80),
    ("a.txt", 3, 19),
    ("a.txt", 3, 31),
    ("a.txt", 3, 67),
    ("a.txt", 6, 16),
    ("b.txt", 1, 1),
    ("b.txt", 2, 6),
    ("b.txt", 3, 52),
    ("b.txt", 5, 20),
    ("b.txt", 6, 22),
    ("b.txt", 6, 30),
    ("b.txt", 4, 35),
];

/// The summary lines on stderr, `issue: count (severity)`.
fn summary(err: &str) -> Vec<String> {
    err.lines().filter_map(|l| l.strip_prefix("nazir: ")).map(str::to_string).collect()
}

#[test]
fn batch_with_a_plain_glossary() {
    let args = ["check", "--glossary", GLOSSARY, BATCH];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    let found = findings(&stdout(&out));
    assert_eq!(found, expected_batch(false));
    for (file, line, column) in NOT_REPORTED {
        assert!(
            !found.iter().any(|x| x.0 == file && x.1 == line && x.2 == column),
            "{file}:{line}:{column} is a preferred form (or a rejected entry)"
        );
    }
    assert!(found.iter().all(|x| x.0 == "a.txt" || x.0 == "b.txt"));
    assert_eq!(
        summary(&stderr(&out)),
        [
            "forbidden-term: 1 (error)",
            "forbidden-variant: 0 (error)",
            "non-preferred-variant: 4 (warning)",
            "inconsistent: 4 (warning)",
            "missing-rendering: 0 (error)"
        ]
    );
    // The file column is the path as given.
    let (_, rows) = read_csv(&stdout(&out));
    assert_eq!(rows[0]["file"], "tests/data/check/batch/a.txt");
}

#[test]
fn batch_with_variant_statuses() {
    let args = ["check", "--glossary", STATUSES, BATCH];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    assert_eq!(findings(&stdout(&out)), expected_batch(true));
    let lines = summary(&stderr(&out));
    for line in ["forbidden-term: 1 (error)", "forbidden-variant: 1 (error)", "non-preferred-variant: 3 (warning)"] {
        assert!(lines.contains(&line.to_string()), "{lines:?}");
    }
}

#[test]
fn output_file_and_quiet() {
    let dir = tempdir();
    let out_path = dir.path().join("findings.csv");
    let path = out_path.to_str().unwrap();
    let args = ["check", "--glossary", GLOSSARY, BATCH, "-o", path];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    assert!(out.stdout.is_empty(), "the CSV goes to the file");
    assert!(!summary(&stderr(&out)).is_empty(), "the summary stays on stderr");
    let plain = run(&["check", "--glossary", GLOSSARY, BATCH], None);
    assert_eq!(std::fs::read(&out_path).unwrap(), plain.stdout, "the same CSV as on stdout");

    let args = ["check", "--glossary", GLOSSARY, BATCH, "--quiet"];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn clean_text_exits_0() {
    let dir = tempdir();
    let clean = dir.path().join("clean.txt");
    std::fs::write(
        &clean,
        "أعلنت جوجل ومايكروسوفت عن تعاون جديد.\nوقال مارك زوكربيرج إن أوراكل وإنفيديا ستنضمان لاحقا.\n",
    )
    .unwrap();
    let args = ["check", "--glossary", GLOSSARY, clean.to_str().unwrap()];
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    assert_eq!(findings(&stdout(&out)), []);
    assert!(summary(&stderr(&out)).contains(&"forbidden-term: 0 (error)".to_string()));

    // Warnings alone do not fail the check.
    let warned = dir.path().join("warned.txt");
    std::fs::write(&warned, "أعلنت غوغل عن تحديث جديد.\n").unwrap();
    let args = ["check", "--glossary", GLOSSARY, warned.to_str().unwrap()];
    let out = run(&args, None);
    assert_code(&out, 0, &args);
    assert_eq!(findings(&stdout(&out)), [f("warned.txt", 1, 7, "non-preferred-variant", "غوغل", "جوجل", "Google")]);
}

#[test]
fn parallel_text_reports_the_missing_rendering() {
    let args = ["check", "--glossary", GLOSSARY, PARALLEL];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    assert_eq!(
        findings(&stdout(&out)),
        [
            f("parallel.jsonl", 2, 0, "missing-rendering", "Microsoft", "مايكروسوفت", "Microsoft"),
            f("parallel.jsonl", 2, 22, "non-preferred-variant", "غوغل", "جوجل", "Google"),
        ]
    );
    assert!(summary(&stderr(&out)).contains(&"missing-rendering: 1 (error)".to_string()));
}
