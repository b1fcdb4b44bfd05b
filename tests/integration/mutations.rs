//! Every reader, given damaged copies of real inputs, reports or reads them
//! and never panics: a short, deterministic stand-in for the fuzz targets
//! of `fuzz/` (run there with cargo-fuzz for longer), run by every `cargo
//! test`. Each copy has a few bytes changed, inserted, deleted or cut off.

use crate::util::{data, tempdir};
use nazir::input::{OnProblem, input_files, read_file};
use nazir::sample::SplitMix64;
use std::path::Path;

/// Damaged copies per seed file.
const COPIES: usize = 60;

/// A copy of `bytes` with 1–4 random damages.
fn damage(bytes: &[u8], rng: &mut SplitMix64) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let special: &[u8] = b"<>&\"'\\{}[],:\t\r\n\x00\xFF\xEF\xBB\xBF|=";
    for _ in 0..1 + rng.next_u64() % 4 {
        let at = if out.is_empty() { 0 } else { (rng.next_u64() as usize) % out.len() };
        let byte = if rng.next_u64().is_multiple_of(2) {
            special[(rng.next_u64() as usize) % special.len()]
        } else {
            rng.next_u64() as u8
        };
        match rng.next_u64() % 4 {
            0 if !out.is_empty() => out[at] = byte,
            1 => out.insert(at, byte),
            2 if !out.is_empty() => {
                out.remove(at);
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// Runs `read` on damaged copies of each seed, written to a file named
/// like it (the readers choose by extension).
fn each_copy(seeds: &[&Path], mut read: impl FnMut(&Path)) {
    let dir = tempdir();
    let mut rng = SplitMix64(0x5EED);
    for seed in seeds {
        let bytes = std::fs::read(seed).expect("seed file");
        let name = seed.file_name().expect("a file name");
        for _ in 0..COPIES {
            let path = dir.path().join(name);
            std::fs::write(&path, damage(&bytes, &mut rng)).unwrap();
            read(&path);
        }
    }
}

#[test]
fn article_readers_survive_damaged_files() {
    let seeds =
        [data("batch.jsonl"), data("parallel/news.tmx"), data("articles/markets.txt"), data("bad/broken.jsonl")];
    let seeds: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let mut read = 0;
    each_copy(&seeds, |path| {
        for file in input_files(&[path.to_path_buf()], None).unwrap() {
            let result = read_file(&file, OnProblem::Continue, |a| assert!(!a.id.is_empty()), |_| {});
            assert!(result.is_ok(), "{}: {result:?}", path.display());
            read += 1;
        }
    });
    assert_eq!(read, seeds.len() * COPIES);
}

#[test]
fn table_readers_survive_damaged_glossaries() {
    let dir = tempdir();
    let workbook = dir.path().join("g.xlsx");
    let mut args = vec!["build", "tests/data/articles", "-q", "-o", workbook.to_str().unwrap()];
    args.extend_from_slice(&crate::util::ENGLISH);
    crate::util::build_ok(&args[1..]);
    let seeds = [data("check/glossary_statuses.csv"), workbook];
    let seeds: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let (mut ok, mut refused) = (0, 0);
    each_copy(&seeds, |path| match nazir::review::read_glossary(path) {
        Ok(_) => ok += 1,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            refused += 1;
        }
    });
    assert_eq!(ok + refused, seeds.len() * COPIES);
    assert!(refused > 0, "damage is noticed");
}

#[test]
fn partial_and_candidates_readers_refuse_damage() {
    let dir = tempdir();
    let (cands, part) = (dir.path().join("s.cands"), dir.path().join("p.part"));
    let c = cands.to_str().unwrap();
    assert!(crate::util::run(&["scan", "tests/data/articles", "-q", "-o", c], None).status.success());
    let out = crate::util::run(
        &["build", "--partial", "--candidates", c, "tests/data/articles", "-q", "-o", part.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let (mut accepted, mut total) = (0, 0);
    let originals = [std::fs::read(&cands).unwrap(), std::fs::read(&part).unwrap()];
    each_copy(&[&cands, &part], |path| {
        let bytes = std::fs::read(path).unwrap();
        // A copy that is the file itself, lost only its last line end, or
        // gained a CR before a line end (as a Windows copy does) is not
        // damaged.
        let lf: Vec<u8> = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").into_bytes();
        if originals.iter().any(|o| *o == lf || o.strip_suffix(b"\n") == Some(&lf[..])) {
            return;
        }
        let read = if path.extension().is_some_and(|e| e == "part") {
            nazir::partial::read_partial(&bytes[..], "p.part", None).is_ok()
        } else {
            nazir::partial::read_candidates(&bytes[..], "s.cands").is_ok()
        };
        accepted += usize::from(read);
        total += 1;
    });
    assert!(total > COPIES, "{total} damaged copies");
    // Checksums chained through every record, and an end record that
    // counts them: no damaged file reads back.
    assert_eq!(accepted, 0, "every damaged file is refused");
}
