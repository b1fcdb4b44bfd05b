//! Glossary CSV files: `nazir::table::read_tables`, then the glossary model
//! they are read into (`nazir::review::read_glossary`).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (_dir, path) = common::file(data, "csv");
    if nazir::table::read_tables(&path).is_ok() {
        let _ = nazir::review::read_glossary(&path);
    }
});
