//! Trains and measures nazir's transliteration model (the guesser behind
//! `nazir transliterate`).
//!
//! # Usage
//!
//! ```text
//! cargo run --release --example name_model -- train OUT.tsv.gz PAIRS.csv...
//! cargo run --release --example name_model -- eval [--order N] PAIRS.csv...
//! ```
//!
//! `PAIRS.csv` files have `en` and `ar` columns (the name lists of
//! `../shared/eval`: `names_dev.csv`, `names_dev_wikidata.csv`). `train`
//! writes the model, gzip-compressed with no timestamp, so the same inputs
//! give the same bytes (`scripts/build-name-model.sh` runs it).
//!
//! `eval` holds out the pairs of the first file whose English falls in a
//! fixed half (by a hash of the folded English), trains on everything else
//! whose English is not held out (so no held-out word is seen in training,
//! from any file), and prints top-1 and top-5 exact-match accuracy of the
//! held-out Arabic (case and accents folded), with a sample of misses.
//! The name parts are those of the training pairs, plus every pair of the
//! `--names FILE` lists (held-out words included: a shipped list may hold
//! the English of a name a user meets). `--name-part W`, `--per-spelling
//! W`, `--known W` and `--min-similarity S` set the [`Weights`];
//! `--name-part inf` leaves the name parts out (the letter model alone).
//! `--words FILE.gz` adds common English words (as shipped:
//! `glossaries/names/english-words.txt.gz`), weighted by `--english-word W`;
//! `--frequencies FILE.gz` an English frequency list (as shipped:
//! `glossaries/names/english-frequency.tsv.gz`), weighted by `--frequency W`
//! per decade of frequency.
//! `--write-held-out FILE` writes the held-out pairs (`en,ar`), so that
//! other tools can be measured on the same names
//! (`benches/transliterate_compare.sh`).

use std::io::{Read as _, Write as _};

use nazir::transliterate::train::{Pair, TrainOptions, train};
use nazir::transliterate::{NameParts, Source, Transliterator, Weights};

fn read_pairs(path: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let headers = reader.headers().expect("a header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{path}: no {name} column"));
    let (en, ar) = (col("en"), col("ar"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{path}: {e}"));
            (r[en].to_string(), r[ar].to_string())
        })
        .collect()
}

fn fold(english: &str) -> String {
    english.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a: a fixed split that does not depend on the file's order.
fn held_out(english: &str) -> bool {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in fold(english).bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    h.is_multiple_of(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut order = TrainOptions::default().order;
    let mut iterations = TrainOptions::default().iterations;
    let mut weights = Weights::default();
    let mut names_from: Vec<String> = Vec::new();
    let mut write_held_out: Option<String> = None;
    let mut words_from: Option<String> = None;
    let mut frequencies_from: Option<String> = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut number =
            |what: &str| it.next().and_then(|n| n.parse::<f64>().ok()).unwrap_or_else(|| panic!("{what} N"));
        match a.as_str() {
            "--order" => order = number("--order") as usize,
            "--iterations" => iterations = number("--iterations") as usize,
            "--name-part" => weights.name_part = number("--name-part"),
            "--per-spelling" => weights.per_spelling = number("--per-spelling"),
            "--known" => weights.known = number("--known"),
            "--english-word" => weights.english_word = number("--english-word"),
            "--similarity" => weights.similarity = number("--similarity"),
            "--words" => words_from = Some(it.next().expect("--words FILE").clone()),
            "--frequencies" => frequencies_from = Some(it.next().expect("--frequencies FILE").clone()),
            "--frequency" => weights.frequency = number("--frequency"),
            "--frequent-word" => weights.frequent_word = number("--frequent-word"),
            "--frequency-cap" => weights.frequency_cap = number("--frequency-cap") as u16,
            "--min-similarity" => weights.min_similarity = number("--min-similarity") as f32,
            "--names" => names_from.push(it.next().expect("--names FILE").clone()),
            "--write-held-out" => write_held_out = Some(it.next().expect("--write-held-out FILE").clone()),
            _ => rest.push(a.clone()),
        }
    }
    let options = TrainOptions { order, iterations };
    match rest.first().map(String::as_str) {
        Some("train") if rest.len() >= 3 => {
            let pairs: Vec<Pair> =
                rest[2..].iter().flat_map(|p| read_pairs(p)).filter_map(|(en, ar)| Pair::new(&ar, &en)).collect();
            let model = train(&pairs, options);
            write_gz(&rest[1], &model.to_text());
            let mut names =
                NameParts::from_pairs(rest[2..].iter().flat_map(|p| read_pairs(p)).map(|(en, ar)| (ar, en)));
            // The English a spelling is most likely to stand for comes
            // first: what a build composes names from.
            let guesser = Transliterator::new(model, None, weights);
            names.rank(|ar, en, spellings| guesser.plausibility(ar, en, spellings));
            let names_file = rest[1].replace("transliteration", "name-parts");
            assert_ne!(names_file, rest[1], "the model file's name must hold `transliteration`");
            write_gz(&names_file, &names.to_text());
            eprintln!("{} pairs -> {}; {} name parts -> {names_file}", pairs.len(), rest[1], names.len());
        }
        Some("eval") if rest.len() >= 2 => {
            let test: Vec<(String, String)> = read_pairs(&rest[1]).into_iter().filter(|(en, _)| held_out(en)).collect();
            if let Some(path) = &write_held_out {
                let mut w = csv::Writer::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
                w.write_record(["en", "ar"]).expect("write");
                for (en, ar) in &test {
                    w.write_record([en, ar]).expect("write");
                }
                w.flush().expect("write");
            }
            let pairs: Vec<Pair> = rest[1..]
                .iter()
                .flat_map(|p| read_pairs(p))
                .filter(|(en, _)| !held_out(en))
                .filter_map(|(en, ar)| Pair::new(&ar, &en))
                .collect();
            let started = std::time::Instant::now();
            // The name parts: the training pairs, and `--names` files whole
            // (held-out words included, as a shipped list may hold them).
            let extra: Vec<(String, String)> = names_from.iter().flat_map(|p| read_pairs(p)).collect();
            let parts: Vec<(String, String)> = rest[1..]
                .iter()
                .flat_map(|p| read_pairs(p))
                .filter(|(en, _)| !held_out(en))
                .chain(extra)
                .map(|(en, ar)| (ar, en))
                .collect();
            let mut names = (!parts.is_empty() && weights.name_part.is_finite()).then(|| NameParts::from_pairs(parts));
            if let (Some(names), Some(path)) = (names.as_mut(), &words_from) {
                names.add_words(gunzip_file(path).lines());
            }
            if let (Some(names), Some(path)) = (names.as_mut(), &frequencies_from) {
                let text = gunzip_file(path);
                names
                    .add_frequencies(text.lines().map(|line| {
                        let (word, band) = line.split_once('\t').expect("word<TAB>band");
                        (word, band.parse().expect("a band"))
                    }))
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
            }
            let guesser = Transliterator::new(train(&pairs, options), names.as_ref(), weights);
            eprintln!("trained on {} pairs in {:.1?}", pairs.len(), started.elapsed());
            let started = std::time::Instant::now();
            let (mut top1, mut top5) = (0, 0);
            let mut by_source = [0usize; 5];
            let mut right_by_source = [0usize; 5];
            let mut misses = Vec::new();
            for (en, ar) in &test {
                let guesses = guesser.guess(ar, 5);
                let gold = fold(&nazir_fold(en));
                let rank = guesses.iter().position(|g| fold(&nazir_fold(&g.english)) == gold);
                top1 += usize::from(rank == Some(0));
                if let Some(g) = guesses.first() {
                    by_source[g.source as usize] += 1;
                    right_by_source[g.source as usize] += usize::from(rank == Some(0));
                }
                top5 += usize::from(rank.is_some());
                if rank != Some(0) && misses.len() < 30 {
                    misses.push(format!("{ar}\t{en}\t{:?}", guesses.iter().map(|g| &g.english).collect::<Vec<_>>()));
                }
            }
            let n = test.len() as f64;
            for m in &misses {
                println!("{m}");
            }
            println!(
                "order {order}: {} held-out pairs, top-1 {:.3}, top-5 {:.3} ({:.1?})",
                test.len(),
                top1 as f64 / n,
                top5 as f64 / n,
                started.elapsed()
            );
            for s in [Source::Known, Source::NamePart, Source::Word, Source::Frequent, Source::Generated] {
                let (n, right) = (by_source[s as usize], right_by_source[s as usize]);
                println!("  top-1 {}: {n} guesses, {right} right", s.as_str());
            }
        }
        _ => {
            eprintln!("usage: name_model train OUT.tsv.gz PAIRS.csv... | eval [--order N] PAIRS.csv...");
            std::process::exit(2);
        }
    }
}

fn gunzip_file(path: &str) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap_or_else(|e| panic!("{path}: {e}"));
    text
}

fn write_gz(path: &str, text: &str) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut gz = flate2::GzBuilder::new().mtime(0).write(file, flate2::Compression::best());
    gz.write_all(text.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
    gz.finish().unwrap_or_else(|e| panic!("{path}: {e}"));
}

/// Accents folded the way the bar counts them (é = e).
fn nazir_fold(english: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    english.nfkd().filter(|c| c.is_ascii()).collect()
}
