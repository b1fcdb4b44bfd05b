//! The quality bars, measured on the development data in `../shared`
//! (beside the checkout). That folder is not part of the repository: where
//! it is absent every test here says so and passes without checking.
//!
//! Figures are printed; see them with
//! `cargo test --release --test integration shared_eval -- --nocapture`.

use crate::util::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// `../shared/<rel>`, or `None` (with a message) when it is absent.
fn shared(rel: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent (the shared development data is not in a fresh clone)", path.display());
        None
    }
}

struct SeedScore {
    recall: usize,
    transliterated: usize,
    right_rows: usize,
    arabic_rows: usize,
    wrong: Vec<String>,
    missed: Vec<String>,
}

/// Scores a glossary of the DeepSeek article against its gold glossary:
/// how many `transliterated` gold pairs appear (in `ar` or `variants`), and
/// how many rows with an Arabic-letter `ar` are gold pairs.
fn score_seed(glossary: &str) -> SeedScore {
    let gold = csv_file_rows(&shared("eval/seed_gold.csv").expect("checked by the caller"));
    let rows = csv_rows(glossary);
    let pairs: HashSet<(String, String)> = gold.iter().map(|g| (g["en"].clone(), fold(&g["ar"]))).collect();
    let transliterated: Vec<_> = gold.iter().filter(|g| g["how"] == "transliterated").collect();
    let mut missed = Vec::new();
    for g in &transliterated {
        let found = row_for(&rows, &g["en"]).is_some_and(|r| renderings(r).iter().any(|f| fold(f) == fold(&g["ar"])));
        if !found {
            missed.push(format!("{} = {}", g["en"], g["ar"]));
        }
    }
    let arabic_rows: Vec<_> = rows.iter().filter(|r| has_arabic(&r["ar"])).collect();
    let wrong: Vec<String> = arabic_rows
        .iter()
        .filter(|r| !pairs.contains(&(r["en"].clone(), fold(&r["ar"]))))
        .map(|r| format!("{} = {} ({}, {})", r["en"], r["ar"], r["method"], r["score"]))
        .collect();
    SeedScore {
        recall: transliterated.len() - missed.len(),
        transliterated: transliterated.len(),
        right_rows: arabic_rows.len() - wrong.len(),
        arabic_rows: arabic_rows.len(),
        wrong,
        missed,
    }
}

fn check_seed(label: &str, extra: &[&str]) {
    let Some(article) = shared("corpus/deepseek_silicon_valley.ar.txt") else { return };
    if shared("eval/seed_gold.csv").is_none() {
        return;
    }
    let article = article.to_string_lossy().to_string();
    let mut args = vec![article.as_str()];
    args.extend_from_slice(extra);
    let out = build_ok(&args);
    let s = score_seed(&out);
    eprintln!(
        "{label}: {}/{} transliterated gold pairs found; {}/{} Arabic rows right",
        s.recall, s.transliterated, s.right_rows, s.arabic_rows
    );
    assert!(s.recall + 1 >= s.transliterated, "{label}: missed {:?}", s.missed);
    assert!(
        s.right_rows as f64 >= 0.9 * s.arabic_rows as f64,
        "{label}: {}/{} Arabic rows right; wrong: {:?}",
        s.right_rows,
        s.arabic_rows,
        s.wrong
    );
}

#[test]
fn seed_article_with_the_english_list() {
    let Some(list) = shared("eval/seed_english_candidates.txt") else { return };
    let list = list.to_string_lossy().to_string();
    check_seed("english list, no gazetteer", &["--no-default-gazetteer", "--english", &list]);
}

#[test]
fn seed_article_with_the_default_gazetteer() {
    check_seed("default gazetteer, no list", &[]);
}

/// Ranks each Arabic name of a seeded 2,000-row sample of `rel` against
/// all the English names of the sample, by nazir's scorer (as `nazir match`
/// ranks) and by plain Levenshtein on a letter-by-letter romanization, and
/// prints both. `None` when the file is absent.
fn rank_sample(rel: &str) -> Option<(nazir::eval::RankReport, nazir::eval::RankReport)> {
    let pairs: Vec<(String, String)> =
        csv_file_rows(&shared(rel)?).into_iter().map(|r| (r["en"].clone(), r["ar"].clone())).collect();
    let sample = nazir::sample::sample(&pairs, 2000, 42);
    let (ours, base) = (nazir::eval::evaluate_nazir(&sample), nazir::eval::evaluate_levenshtein_baseline(&sample));
    eprintln!(
        "{rel} (2,000, seed 42): nazir top-1 {:.4} MRR {:.4}; Levenshtein baseline top-1 {:.4} MRR {:.4}",
        ours.top1, ours.mrr, base.top1, base.mrr
    );
    Some((ours, base))
}

#[test]
fn names_dev_ranking_beats_the_bar_and_the_baseline() {
    let Some((ours, base)) = rank_sample("eval/names_dev.csv") else { return };
    assert!(ours.top1 >= 0.92, "top-1 {:.4} is below 0.92", ours.top1);
    assert!(ours.mrr > base.mrr && ours.top1 > base.top1);
}

/// The second name list has no bar in the issue; its figures are printed
/// and must stay well above the baseline.
#[test]
fn wikidata_names_ranking_is_reported() {
    let Some((ours, base)) = rank_sample("eval/names_dev_wikidata.csv") else { return };
    assert!(ours.top1 >= 0.85 && ours.top1 > base.top1 + 0.2, "top-1 {:.4}", ours.top1);
}
