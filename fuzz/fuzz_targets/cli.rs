//! The command line: the binary's own parser (`src/cli.rs`, included as
//! it is) on any arguments, NUL-separated in the input, and the library
//! configuration of a build or scan it describes. A usage error is fine; a
//! panic is not. (Nothing is run: a parsed command would read and write
//! files.)
#![no_main]

#[allow(dead_code)]
#[path = "../../src/cli.rs"]
mod cli;

use clap::Parser;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let args = std::iter::once("nazir").chain(text.split('\0'));
    match cli::Cli::try_parse_from(args).map(|c| c.command) {
        Ok(cli::Command::Build(args)) => {
            let _ = args.to_config();
        }
        Ok(cli::Command::Scan(args)) => {
            let _ = args.to_config();
        }
        _ => {}
    }
});
