//! Glossary workbooks: `nazir::table::read_tables` on `.xlsx` bytes (the
//! zip checks, calamine, the sheet limits), then the glossary model.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (_dir, path) = common::file(data, "xlsx");
    if nazir::table::read_tables(&path).is_ok() {
        let _ = nazir::review::read_glossary(&path);
    }
});
