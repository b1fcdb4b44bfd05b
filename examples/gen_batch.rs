//! Writes a generated batch of Arabic news-like articles, for throughput and
//! memory measurements of `nazir build` (see `benches/compare.sh`).
//!
//! `cargo run --release --example gen_batch -- OUT_DIR SIZE_MB [SEED]`
//! writes about SIZE_MB megabytes (10^6 bytes) of `.txt` articles of about
//! 4–8 KB each into OUT_DIR, 1,000 per subfolder (`part_0000/`, ...). The
//! text comes from the seeded generator of the benchmarks
//! (`benches/common/mod.rs`), so a size and seed always give the same batch.
//! Prints `files=N bytes=B`.
//!
//! With `--like FILE...` after the other arguments, the text is instead a
//! random walk over the word bigrams of the given real Arabic text
//! (`benches/common/news.rs`): a batch that does not repeat, as a month of
//! news does not, so the span memo cannot shortcut it.
//!
//! `cargo run --release --example gen_batch -- --names N [SEED]` prints `N`
//! distinct English name-like terms (the gazetteer's, then synthesized
//! ones), one per line: the distractor candidates of `compare.sh`'s
//! fallback when the shared evaluation data is absent.

#[allow(dead_code)]
#[path = "../benches/common/mod.rs"]
mod common;

use nazir::sample::SplitMix64;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

const DEFAULT_SEED: u64 = 0x006E_617A_6972;
const FILES_PER_DIR: usize = 1000;
const MIN_ARTICLE: usize = 4 * 1024;
const MAX_ARTICLE: usize = 8 * 1024;

const USAGE: &str = "usage: gen_batch OUT_DIR SIZE_MB [SEED] [--like FILE...]\n       gen_batch --names N [SEED]";

fn parse_seed(arg: Option<String>) -> Result<u64, Box<dyn std::error::Error>> {
    Ok(arg.map(|s| s.parse()).transpose()?.unwrap_or(DEFAULT_SEED))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let first = args.next().ok_or(USAGE)?;
    if first == "--names" {
        let n: usize = args.next().ok_or(USAGE)?.parse()?;
        let seed = parse_seed(args.next())?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for name in common::english_names(n, seed) {
            writeln!(out, "{name}")?;
        }
        out.flush()?;
        return Ok(());
    }
    let dir = PathBuf::from(first);
    let size_mb: f64 = args.next().ok_or(USAGE)?.parse()?;
    if !(size_mb > 0.0 && size_mb.is_finite()) {
        return Err("SIZE_MB must be a positive number".into());
    }
    let mut rest: Vec<String> = args.collect();
    let like = match rest.iter().position(|a| a == "--like") {
        Some(at) => rest.split_off(at).split_off(1),
        None => Vec::new(),
    };
    let seed = parse_seed(rest.pop())?;
    let model = if like.is_empty() {
        None
    } else {
        let mut source = String::new();
        for path in &like {
            source.push_str(&std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?);
            source.push('\n');
        }
        let model = common::news::NewsModel::learn(&source).ok_or("the --like text has fewer than 100 Arabic words")?;
        eprintln!("gen_batch: {} distinct words learned from {}", model.vocabulary(), like.join(", "));
        Some(model)
    };
    if dir.exists() && std::fs::read_dir(&dir)?.next().is_some() {
        return Err(format!("{} exists and is not empty; remove it first", dir.display()).into());
    }
    std::fs::create_dir_all(&dir)?;

    // Sizes and seeds are drawn sequentially (so the batch depends only on
    // SIZE_MB and SEED); the text is generated in parallel.
    let target = (size_mb * 1e6) as usize;
    let mut rng = SplitMix64(seed);
    let mut plan: Vec<(usize, u64)> = Vec::new();
    let mut planned = 0;
    while planned < target {
        let size = MIN_ARTICLE + (rng.next_u64() % (MAX_ARTICLE - MIN_ARTICLE + 1) as u64) as usize;
        // `arabic_text` ends on a whole sentence, about 60 bytes past the
        // size asked for on average.
        planned += size + 60;
        plan.push((size, rng.next_u64()));
    }
    for part in 0..plan.len().div_ceil(FILES_PER_DIR) {
        std::fs::create_dir_all(part_dir(&dir, part))?;
    }
    let bytes: u64 = plan
        .par_iter()
        .enumerate()
        .map(|(i, &(size, article_seed))| -> std::io::Result<u64> {
            let text = match &model {
                Some(model) => model.generate(size, article_seed),
                None => common::arabic_text(size, article_seed),
            };
            let path = part_dir(&dir, i / FILES_PER_DIR).join(format!("article_{i:06}.txt"));
            std::fs::write(&path, &text)?;
            Ok(text.len() as u64)
        })
        .sum::<std::io::Result<u64>>()?;
    println!("files={} bytes={bytes}", plan.len());
    Ok(())
}

fn part_dir(dir: &Path, part: usize) -> PathBuf {
    dir.join(format!("part_{part:04}"))
}
