//! Ranks the Arabic side of a gold name list against its English side with
//! nazir's scorer and with the plain-Levenshtein baseline.
//!
//! `cargo run --release --example names_eval -- ../shared/eval/names_dev.csv [SAMPLE] [SEED]`
//! (CSV with `en,ar` as the first two columns; default sample 2000, seed 42).

use nazir::eval::{evaluate_levenshtein_baseline, evaluate_nazir};
use nazir::sample::sample;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: names_eval FILE.csv [SAMPLE] [SEED]")?;
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(2000);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(42);
    let mut reader = csv::Reader::from_path(&path)?;
    let mut pairs = Vec::new();
    for row in reader.records() {
        let row = row?;
        pairs.push((row[0].to_string(), row[1].to_string()));
    }
    let picked = sample(&pairs, n, seed);
    let ours = evaluate_nazir(&picked);
    let base = evaluate_levenshtein_baseline(&picked);
    println!("{path}: {} pairs, sample {} (seed {seed})", pairs.len(), picked.len());
    println!("scorer                 top1    MRR");
    println!("nazir                 {:.4}  {:.4}", ours.top1, ours.mrr);
    println!("levenshtein baseline  {:.4}  {:.4}", base.top1, base.mrr);
    if std::env::var_os("NAZIR_EVAL_ERRORS").is_some() {
        let english: Vec<String> = {
            let mut e: Vec<String> = picked.iter().map(|p| p.0.clone()).collect();
            e.sort();
            e.dedup();
            e
        };
        let index = nazir::score::index::CandidateIndex::new(&english);
        let mut s = nazir::score::index::SearchScratch::default();
        let mut out = Vec::new();
        for (en, ar) in &picked {
            let key = nazir::romanize::arabic_key(ar);
            index.search(&key, 1, 0.0, &mut s, &mut out);
            if let Some(m) = out.first().filter(|m| &english[m.term] != en) {
                {
                    let gold = nazir::score::score_pair(ar, en);
                    println!(
                        "MISS {ar} [{}] gold={en} [{}] {gold:.3} got={} [{}] {:.3}",
                        nazir::romanize::key_str(&key),
                        nazir::romanize::key_str(&nazir::romanize::english_key(en)),
                        english[m.term],
                        nazir::romanize::key_str(&nazir::romanize::english_key(&english[m.term])),
                        m.score
                    );
                }
            }
        }
    }
    Ok(())
}
