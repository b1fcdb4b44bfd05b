//! Benchmarks of the pipeline stages and of a whole build.
//!
//! `cargo bench --bench pipeline` (add `-- --quick` for a fast pass).
//! All inputs are generated deterministically by `common`.

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nazir::normalize::{normalize, normalize_into};
use nazir::pipeline::{BuildConfig, build};
use nazir::romanize::{arabic_key, arabic_key_into, english_keys};
use nazir::score::index::{CandidateIndex, Match, SearchScratch};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 0x006E_617A_6972;

/// `CandidateIndex::search` and `search_naive` share this signature.
type Search = fn(&CandidateIndex, &[u8], usize, f32, &mut SearchScratch, &mut Vec<Match>);

/// `normalize_into` over ~1 MB of Arabic news-like text.
fn bench_normalize(c: &mut Criterion) {
    let text = common::arabic_text(1 << 20, SEED);
    let mut out = String::with_capacity(text.len());
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize_into/1MB", |b| {
        b.iter(|| {
            out.clear();
            normalize_into(black_box(&text), &mut out);
            black_box(out.len())
        })
    });
    group.finish();
}

/// Phonetic keys of 1,000 Arabic terms and 1,000 English names.
fn bench_keys(c: &mut Criterion) {
    let arabic: Vec<String> = common::arabic_queries(1000, SEED).iter().map(|q| normalize(q)).collect();
    let english = common::english_names(1000, SEED);
    let mut group = c.benchmark_group("keys");

    group.throughput(Throughput::Elements(arabic.len() as u64));
    let mut key = Vec::with_capacity(64);
    group.bench_function("arabic_key_into/1000", |b| {
        b.iter(|| {
            let mut total = 0;
            for term in &arabic {
                key.clear();
                arabic_key_into(black_box(term), &mut key);
                total += key.len();
            }
            black_box(total)
        })
    });

    group.throughput(Throughput::Elements(english.len() as u64));
    group.bench_function("english_keys/1000", |b| {
        b.iter(|| {
            let mut total = 0;
            for term in &english {
                total += black_box(english_keys(black_box(term))).len();
            }
            black_box(total)
        })
    });
    group.finish();
}

/// Top-5 search of 100 Arabic queries among N English candidates: every
/// pair scored (`naive`) against the pruned index, with no score floor and
/// with the aligner's floor of 0.8.
fn bench_scoring(c: &mut Criterion) {
    let queries: Vec<Vec<u8>> = common::arabic_queries(100, SEED ^ 1).iter().map(|q| arabic_key(q)).collect();
    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(queries.len() as u64));
    for n in [100usize, 1000, 10_000] {
        group.measurement_time(Duration::from_secs(if n >= 10_000 { 5 } else { 2 }));
        let index = CandidateIndex::new(&common::english_names(n, SEED));
        let mut scratch = SearchScratch::default();
        let mut out: Vec<Match> = Vec::with_capacity(8);
        let series: [(&str, Search, f32); 3] = [
            ("naive", CandidateIndex::search_naive, 0.0),
            ("indexed", CandidateIndex::search, 0.0),
            ("indexed_cutoff", CandidateIndex::search, 0.8),
        ];
        for (name, search, min_score) in series {
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, _| {
                b.iter(|| {
                    let mut found = 0;
                    for q in &queries {
                        search(&index, black_box(q), 5, black_box(min_score), &mut scratch, &mut out);
                        found += black_box(&out).len();
                    }
                    found
                })
            });
        }
    }
    group.finish();
}

/// A whole build over 20 generated articles of 4 KB, default gazetteer on.
fn bench_end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = common::write_batch(dir.path(), 20, 4096, SEED);
    let config =
        BuildConfig { inputs: vec![dir.path().to_path_buf()], default_gazetteer: true, ..BuildConfig::default() };
    let first = build(&config, &mut |_| {}).expect("build");
    assert_eq!(first.articles, 20);
    assert!(first.problems.is_empty(), "{:?}", first.problems);

    let mut group = c.benchmark_group("end_to_end");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("build/20x4KB", |b| {
        b.iter(|| {
            let output = build(black_box(&config), &mut |p| {
                black_box(p);
            })
            .expect("build");
            black_box(output)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_normalize, bench_keys, bench_scoring, bench_end_to_end);
criterion_main!(benches);
