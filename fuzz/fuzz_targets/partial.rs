//! Partial files of sharded runs: `nazir::partial::read_partial`, and a
//! part that reads is finished into a glossary as `merge-partials` does.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(stats) = nazir::partial::read_partial(data, "fuzz.part", None) {
        let _ = stats.finish(nazir::GlossaryFilter::default());
    }
});
