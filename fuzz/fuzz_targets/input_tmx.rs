//! `.tmx` inputs through the readers of `nazir::input` and a build.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::build(data, "tmx"));
