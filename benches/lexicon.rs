//! Cost and accuracy of the lexicon of ordinary Arabic (`nazir::lexicon`).
//!
//! `cargo bench --bench lexicon` measures the first load (time and resident
//! memory) and the checks per second on the Arabic tokens of a generated
//! news-like text. With word lists (made by `scripts/lexicon-eval-lists.py`
//! from the shared development data, which is not in the repository):
//!
//! ```text
//! scripts/lexicon-eval-lists.py ../shared/eval /tmp/lexicon-eval
//! cargo bench --bench lexicon -- --lists /tmp/lexicon-eval
//! ```
//!
//! it also prints how many of the ordinary words are accepted (recall) and
//! how many foreign names are wrongly accepted, with examples.
//! `-- --words` reads words from stdin and prints each one's verdict.

#[allow(dead_code)] // only the text generator is used here
mod common;

use nazir::lexicon::{Lexicon, Ordinary};
use std::collections::HashMap;
use std::hint::black_box;
use std::io::BufRead;
use std::time::Instant;

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn read_list(path: &std::path::Path) -> Vec<(String, u64)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| {
            let (w, n) = l.split_once('\t')?;
            Some((w.to_string(), n.parse().ok()?))
        })
        .collect()
}

fn report(lex: &Lexicon, dir: &std::path::Path) {
    println!(
        "accepted as ordinary, types (tokens): by is_ordinary; by ordinary_reason alone; by reason + foreignness below 0.5 / 1.5 / 2.0"
    );
    for name in ["ordinary", "names_gold", "names_dev", "names_dev_all"] {
        let path = dir.join(format!("{name}.tsv"));
        if !path.exists() {
            continue;
        }
        let list = read_list(&path);
        let all_tokens: u64 = list.iter().map(|(_, n)| n).sum();
        let mut reasons: HashMap<&str, usize> = HashMap::new();
        let mut examples = Vec::new();
        // Counters (types, tokens): is_ordinary, lexical only, thresholds.
        let thresholds = [0.5f32, 1.5, 2.0];
        let mut counts = vec![(0usize, 0u64); 2 + thresholds.len()];
        for (w, n) in &list {
            let r = lex.ordinary_reason(w);
            let f = lex.foreignness(w);
            let strong = matches!(r, Some(Ordinary::FunctionWord | Ordinary::Month | Ordinary::Nisba));
            let accepted = lex.is_ordinary(w);
            let mut flags = vec![accepted, r.is_some()];
            flags.extend(thresholds.iter().map(|&t| strong || (r.is_some() && f < t)));
            for (c, ok) in counts.iter_mut().zip(flags) {
                if ok {
                    c.0 += 1;
                    c.1 += n;
                }
            }
            if let Some(r) = r.filter(|_| accepted) {
                *reasons.entry(r.as_str()).or_default() += 1;
            }
            // Examples of the errors: accepted names, rejected ordinary words.
            if accepted != (name == "ordinary") && examples.len() < 60 {
                examples.push(format!("{w}({},{f:.1})", r.map_or("-", |r| r.as_str())));
            }
        }
        let pct = |c: &(usize, u64)| {
            format!("{:.1}% ({:.1}%)", 100.0 * c.0 as f64 / list.len() as f64, 100.0 * c.1 as f64 / all_tokens as f64)
        };
        println!(
            "{name} ({} types, {all_tokens} tokens): {}; {}; {}",
            list.len(),
            pct(&counts[0]),
            pct(&counts[1]),
            counts[2..].iter().map(pct).collect::<Vec<_>>().join(" / ")
        );
        println!("  is_ordinary by reason: {reasons:?}");
        println!("  {} e.g.: {}", if name == "ordinary" { "rejected" } else { "accepted" }, examples.join(" "));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let rss0 = rss_kib();
    let t = Instant::now();
    let lex = Lexicon::embedded();
    let load = t.elapsed();
    let rss1 = rss_kib();
    println!("load: {load:.2?}, resident memory +{} KiB", rss1.zip(rss0).map_or(0, |(a, b)| a.saturating_sub(b)));

    if args.iter().any(|a| a == "--words") {
        for line in std::io::stdin().lock().lines() {
            let w = line.expect("stdin");
            let r = lex.ordinary_reason(&w).map_or("-", |r| r.as_str());
            println!("{w}\t{r}\t{:.2}\t{}\tname={}", lex.foreignness(&w), lex.is_ordinary(&w), lex.is_name(&w));
        }
        return;
    }

    // Throughput on the words of ~1 MB of generated news-like text.
    let text = common::arabic_text(1 << 20, 0x006E_617A_6972);
    let words: Vec<&str> =
        text.split(|c: char| !nazir::normalize::is_arabic_letter(c)).filter(|w| !w.is_empty()).collect();
    let t = Instant::now();
    let mut n = 0usize;
    for w in &words {
        n += black_box(lex.is_ordinary(black_box(w))) as usize;
    }
    let dt = t.elapsed();
    let mut distinct: Vec<&str> = words.clone();
    distinct.sort_unstable();
    distinct.dedup();
    println!(
        "check: {} words ({} distinct, {n} ordinary) in {dt:.2?}: {:.0} checks/s, {:.2} µs/check",
        words.len(),
        distinct.len(),
        words.len() as f64 / dt.as_secs_f64(),
        dt.as_secs_f64() * 1e6 / words.len() as f64
    );

    if let Some(i) = args.iter().position(|a| a == "--lists") {
        let dir = std::path::PathBuf::from(&args[i + 1]);
        for name in ["ordinary", "names_dev_all"] {
            let path = dir.join(format!("{name}.tsv"));
            if path.exists() {
                let list = read_list(&path);
                let t = Instant::now();
                let n = list.iter().filter(|(w, _)| lex.is_ordinary(black_box(w))).count();
                let dt = t.elapsed();
                println!(
                    "is_ordinary on the {} distinct words of {name}: {n} ordinary, {:.1} µs/word",
                    list.len(),
                    dt.as_secs_f64() * 1e6 / list.len() as f64
                );
            }
        }
        let t = Instant::now();
        report(lex, &dir);
        println!("lists checked in {:.2?}", t.elapsed());
    }
}
