//! Candidates files of sharded runs: `nazir::partial::read_candidates`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = nazir::partial::read_candidates(data, "fuzz.cands");
});
