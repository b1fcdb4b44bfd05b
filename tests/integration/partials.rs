//! Sharded runs: `nazir scan` and `nazir build --partial` on shards of the
//! test batch, `nazir merge-partials` in several orders, compared byte for
//! byte with one `nazir build` over the whole batch.

use crate::util::{assert_code, assert_success, run, run_in, stderr, stdout, tempdir};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The input files of the test batch copied into one tree, relative to
/// it, in the order a walk reads them (`parallel/lines.en` is read with
/// `parallel/lines.ar`).
const FILES: [&str; 8] = [
    "articles/markets.txt",
    "articles/phones.txt",
    "articles/politics.txt",
    "articles/sports.txt",
    "articles/tech_ai.txt",
    "batch.jsonl",
    "parallel/lines.ar",
    "parallel/news.tmx",
];

/// A copy of `tests/data/articles`, `tests/data/batch.jsonl` and the
/// parallel text of `tests/data/parallel` (TMX, line pairs) as one input
/// tree (`TMP/tree`), with room for work files beside it.
fn tree() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("articles")).unwrap();
    std::fs::create_dir_all(tree.join("parallel")).unwrap();
    for rel in FILES.iter().chain(&["parallel/lines.en"]) {
        let from = crate::util::data(rel);
        std::fs::copy(&from, tree.join(rel)).unwrap_or_else(|e| panic!("copying {}: {e}", from.display()));
    }
    (dir, tree)
}

fn s(p: &Path) -> String {
    p.to_str().expect("UTF-8 temp path").to_string()
}

/// Runs `nazir args` from the repository root and asserts success.
fn ok(args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, None);
    assert_success(&out, &args);
    out
}

/// The build options compared: the English list without the shipped
/// gazetteer, and the shipped gazetteer.
fn english_options() -> Vec<String> {
    let list = crate::util::repo().join("tests/data/english.txt");
    vec!["--no-default-gazetteer".into(), "--english".into(), s(&list)]
}

/// Runs the three steps on `shards` (lists of files relative to `tree`)
/// with `--root`, and returns the glossary CSV of `merge-partials` for each
/// order of the parts in `orders` (indices into `shards`).
fn sharded(work: &Path, tree: &Path, shards: &[Vec<&str>], options: &[String], orders: &[Vec<usize>]) -> Vec<String> {
    let root = ["--root".to_string(), s(tree)];
    let files = |shard: &[&str]| -> Vec<String> { shard.iter().map(|f| s(&tree.join(f))).collect() };
    // An empty shard reads an empty --files-from list.
    let empty = work.join("empty.list");
    std::fs::write(&empty, "").unwrap();
    let inputs = |shard: &[&str]| -> Vec<String> {
        if shard.is_empty() { vec!["--files-from".into(), s(&empty)] } else { files(shard) }
    };
    let cands: Vec<PathBuf> = (0..shards.len()).map(|i| work.join(format!("shard{i}.cands"))).collect();
    let parts: Vec<PathBuf> = (0..shards.len()).map(|i| work.join(format!("shard{i}.part"))).collect();
    std::thread::scope(|scope| {
        for (shard, out) in shards.iter().zip(&cands) {
            let mut args: Vec<String> = vec!["scan".into(), "-q".into(), "-o".into(), s(out)];
            args.extend(root.iter().cloned());
            args.extend(inputs(shard));
            scope.spawn(move || ok(&args));
        }
    });
    std::thread::scope(|scope| {
        for (shard, out) in shards.iter().zip(&parts) {
            let mut args: Vec<String> = vec!["build".into(), "--partial".into(), "-q".into(), "-o".into(), s(out)];
            args.extend(root.iter().cloned());
            for c in &cands {
                args.extend(["--candidates".into(), s(c)]);
            }
            args.extend(options.iter().cloned());
            args.extend(inputs(shard));
            scope.spawn(move || ok(&args));
        }
    });
    orders
        .iter()
        .map(|order| {
            let mut args: Vec<String> = vec!["merge-partials".into(), "-q".into()];
            args.extend(order.iter().map(|&i| s(&parts[i])));
            stdout(&ok(&args))
        })
        .collect()
}

/// `nazir build TREE OPTIONS`.
fn whole(tree: &Path, options: &[String]) -> String {
    let mut args = vec!["build".to_string(), "-q".into(), s(tree)];
    args.extend(options.iter().cloned());
    stdout(&ok(&args))
}

/// Part orders to merge in: as made, reversed, and rotated.
fn orders(n: usize) -> Vec<Vec<usize>> {
    let forward: Vec<usize> = (0..n).collect();
    let reversed: Vec<usize> = (0..n).rev().collect();
    let rotated: Vec<usize> = (0..n).map(|i| (i + n / 2 + 1) % n).collect();
    vec![forward, reversed, rotated]
}

fn splits() -> Vec<(&'static str, Vec<Vec<&'static str>>)> {
    let f = FILES;
    vec![
        ("1 shard", vec![f.to_vec()]),
        ("2 shards", vec![vec![f[0], f[2], f[4], f[6]], vec![f[1], f[3], f[5], f[7]]]),
        ("5 shards", vec![vec![f[4], f[7]], vec![f[1]], vec![f[5], f[0]], vec![f[3], f[6]], vec![f[2]]]),
        ("uneven, with an empty shard", vec![vec![f[6]], vec![], f[..6].to_vec(), vec![f[7]]]),
    ]
}

fn assert_same(expected: &str, actual: &str, what: &str) {
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
        panic!(
            "{what}: the merged glossary differs from one build (first differing line: {first:?})\n--- build\n{expected}\n--- merged\n{actual}"
        );
    }
}

#[test]
fn shards_merge_into_the_single_build_with_the_english_list() {
    let options = english_options();
    let (dir, tree) = tree();
    let expected = whole(&tree, &options);
    assert!(expected.lines().count() > 40, "{expected}");
    for (name, shards) in splits() {
        let work = dir.path().join(name.replace([' ', ','], "_"));
        std::fs::create_dir(&work).unwrap();
        for (order, csv) in
            orders(shards.len()).iter().zip(sharded(&work, &tree, &shards, &options, &orders(shards.len())))
        {
            assert_same(&expected, &csv, &format!("{name}, parts merged in order {order:?}"));
        }
    }
}

#[test]
fn shards_merge_into_the_single_build_with_the_default_gazetteer() {
    let (dir, tree) = tree();
    let expected = whole(&tree, &[]);
    for (name, shards) in splits().into_iter().skip(2) {
        let work = dir.path().join(name.replace([' ', ','], "_"));
        std::fs::create_dir(&work).unwrap();
        let n = shards.len();
        for csv in sharded(&work, &tree, &shards, &[], &orders(n)) {
            assert_same(&expected, &csv, name);
        }
    }
}

#[test]
fn shards_merge_into_the_single_build_with_guesses() {
    let (dir, tree) = tree();
    let options = vec!["--guess".to_string()];
    let expected = whole(&tree, &options);
    assert!(expected.lines().any(|l| l.contains(",guess,")), "the test batch has a guess row:\n{expected}");
    let (name, shards) = splits().pop().expect("a split");
    let work = dir.path().join("guess");
    std::fs::create_dir(&work).unwrap();
    for csv in sharded(&work, &tree, &shards, &options, &orders(shards.len())) {
        assert_same(&expected, &csv, name);
    }
}

#[test]
fn merge_options_match_the_build_options() {
    let options = english_options();
    let (dir, tree) = tree();
    let shards = splits().remove(1).1;
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    sharded(&work, &tree, &shards, &options, &[]);
    let parts = [s(&work.join("shard0.part")), s(&work.join("shard1.part"))];
    // The parallel text links translated names across the shards.
    let translated = ok(&["merge-partials".into(), "-q".into(), parts[0].clone(), parts[1].clone()]);
    assert!(stdout(&translated).contains(",translation,"), "{}", stdout(&translated));
    for extra in [vec!["--association"], vec!["--min-count", "2"], vec!["--excel"], vec!["--min-score", "0.8"]] {
        let mut build: Vec<String> = vec!["build".into(), "-q".into(), s(&tree)];
        build.extend(options.iter().cloned());
        build.extend(extra.iter().map(|x| x.to_string()));
        let mut merge: Vec<String> = vec!["merge-partials".into(), "-q".into(), parts[1].clone(), parts[0].clone()];
        merge.extend(extra.iter().map(|x| x.to_string()));
        assert_eq!(stdout(&ok(&merge)).into_bytes(), ok(&build).stdout, "{extra:?}");
    }
    // To a file, atomically, and as a review workbook.
    let csv = work.join("glossary.csv");
    ok(&["merge-partials".into(), "-q".into(), parts[0].clone(), parts[1].clone(), "-o".into(), s(&csv)]);
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), whole(&tree, &options));
    let xlsx = work.join("review.xlsx");
    ok(&["merge-partials".into(), "-q".into(), parts[0].clone(), parts[1].clone(), "-o".into(), s(&xlsx)]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn shards_named_relative_to_the_working_directory_need_no_root() {
    // Run from inside the tree: `build .` keys `articles/markets.txt` as a
    // walk of `.` does, and a shard given `articles/markets.txt` keys it by
    // that path as given: the same.
    let options = english_options();
    let (dir, tree) = tree();
    let run_ok = |args: &[&str], stdin: Option<&[u8]>| {
        let out = run_in(&tree, args, stdin);
        assert_success(&out, args);
        out
    };
    let with = |head: &[&str]| -> Vec<String> {
        head.iter().map(|x| x.to_string()).chain(options.iter().cloned()).collect::<Vec<_>>()
    };
    let expected = stdout(&run_ok(&with(&["build", "-q", "."]).iter().map(String::as_str).collect::<Vec<_>>(), None));
    let shards = [&FILES[..2], &FILES[2..]];
    // The Spark protocol: file paths on stdin (--files-from -), output on
    // stdout (-o -).
    let cands: Vec<PathBuf> = (0..2).map(|i| dir.path().join(format!("c{i}"))).collect();
    for (shard, c) in shards.iter().zip(&cands) {
        let list = shard.join("\n") + "\n";
        let out = run_ok(&["scan", "-q", "--files-from", "-", "-o", "-"], Some(list.as_bytes()));
        assert!(stdout(&out).starts_with("nazir-candidates 2\n"));
        std::fs::write(c, &out.stdout).unwrap();
    }
    let mut parts = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let list = shard.join("\n") + "\n";
        let mut args = with(&["build", "-q", "--partial", "--files-from", "-", "-o", "-"]);
        for c in &cands {
            args.extend(["--candidates".into(), s(c)]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_ok(&args, Some(list.as_bytes()));
        assert!(stdout(&out).starts_with("nazir-partial 3\n"));
        let part = dir.path().join(format!("p{i}"));
        std::fs::write(&part, &out.stdout).unwrap();
        parts.push(s(&part));
    }
    let merged = run_ok(&["merge-partials", "-q", &parts[1], &parts[0]], None);
    assert_same(&expected, &stdout(&merged), "relative paths");
    // `scan --list-files` lists what a walk reads, for a driver to split.
    let listed = stdout(&run_ok(&["scan", "--list-files", "."], None));
    let want: Vec<String> = FILES.iter().map(|f| format!("./{f}")).collect();
    assert_eq!(listed.lines().collect::<Vec<_>>(), want);
}

#[test]
fn mismatched_parts_and_options_are_refused() {
    let (dir, tree) = tree();
    let work = dir.path();
    let english = english_options();
    let file = s(&tree.join(FILES[0]));
    let part = |name: &str, extra: &[&str]| -> String {
        let out = work.join(name);
        let mut args: Vec<String> = vec!["build".into(), "--partial".into(), "-q".into(), "-o".into(), s(&out)];
        args.extend(english.iter().cloned());
        args.extend(extra.iter().map(|x| x.to_string()));
        args.push(file.clone());
        ok(&args);
        s(&out)
    };
    let base = part("base.part", &[]);
    let stricter = part("stricter.part", &["--min-score", "0.9"]);
    let out = run(&["merge-partials", &base, &stricter], None);
    assert_code(&out, 2, &["merge-partials"]);
    let err = stderr(&out);
    assert!(err.contains(&format!("{stricter}:2: setting min-score is 0.9 here but 0.8")), "{err}");
    // Another candidate set (no --english list).
    let other = work.join("other.part");
    ok(&[
        "build".into(),
        "--partial".into(),
        "-q".into(),
        "-o".into(),
        s(&other),
        "--no-default-gazetteer".into(),
        file,
    ]);
    let out = run(&["merge-partials", &base, &s(&other)], None);
    assert_code(&out, 2, &["merge-partials"]);
    assert!(stderr(&out).contains("setting candidates is"), "{}", stderr(&out));
    // A glossary is not a part; a truncated part is refused.
    let csv = work.join("g.csv");
    std::fs::write(&csv, "en,ar\n").unwrap();
    let out = run(&["merge-partials", &s(&csv)], None);
    assert_code(&out, 2, &["merge-partials"]);
    assert!(stderr(&out).contains("g.csv:1: not a nazir-partial file"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&base).unwrap();
    let cut = work.join("cut.part");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let out = run(&["merge-partials", &base, &s(&cut)], None);
    assert_code(&out, 2, &["merge-partials"]);
    assert!(stderr(&out).contains("cut.part"), "{}", stderr(&out));
    // --min-score at merge time must be the parts'.
    let out = run(&["merge-partials", "--min-score", "0.9", &base], None);
    assert_code(&out, 2, &["merge-partials"]);
    assert!(stderr(&out).contains("--min-score 0.9 differs from the 0.8"), "{}", stderr(&out));
    // Glossary filters belong to merge-partials, not to a part.
    let out = run(&["build", "--partial", "--min-count", "2", &base], None);
    assert_code(&out, 2, &["build", "--partial", "--min-count"]);
    // A shard's file outside --root.
    let out = run(&["scan", "--root", &s(&tree.join("articles")), &s(&tree.join("batch.jsonl"))], None);
    assert_code(&out, 2, &["scan", "--root"]);
    assert!(stderr(&out).contains("not under the root"), "{}", stderr(&out));
}
