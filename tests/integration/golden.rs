//! The glossary of the test articles, compared byte for byte with
//! `tests/golden/articles.csv`. Run with `BLESS=1` to rewrite the golden
//! file after an intended change (and review the diff).

use crate::util::{ENGLISH, build_ok, repo};

/// A readable account of the first difference between two texts.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) =
        (expected.split_inclusive('\n').collect(), actual.split_inclusive('\n').collect());
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i), a.get(i));
        if el != al {
            return format!(
                "first difference at line {}:\n- golden: {}\n+ actual: {}\n({} golden lines, {} actual lines)",
                i + 1,
                el.map_or("<end of file>".to_string(), |l| format!("{l:?}")),
                al.map_or("<end of file>".to_string(), |l| format!("{l:?}")),
                e.len(),
                a.len()
            );
        }
    }
    "the texts differ in bytes only".to_string()
}

#[test]
fn articles_glossary_matches_golden() {
    let mut args = vec!["tests/data/articles"];
    args.extend_from_slice(&ENGLISH);
    let actual = build_ok(&args);
    let path = repo().join("tests/golden/articles.csv");
    if std::env::var("BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        eprintln!("blessed {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; run with BLESS=1 to create it", path.display()));
    assert!(
        expected == actual,
        "`nazir build tests/data/articles --no-default-gazetteer --english tests/data/english.txt` \
         differs from {}\n{}\nIf the change is intended, rerun with BLESS=1 and review the diff.",
        path.display(),
        first_difference(&expected, &actual)
    );
}
