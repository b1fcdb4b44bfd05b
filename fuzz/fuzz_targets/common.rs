//! What the file-reading targets share: the bytes written to a file with
//! the extension that picks the reader (the readers take paths).

use std::path::PathBuf;

/// `data` in a fresh temporary file named `input.EXT`; the directory goes
/// when the guard is dropped.
pub fn file(data: &[u8], ext: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(format!("input.{ext}"));
    std::fs::write(&path, data).expect("the input is written");
    (dir, path)
}

/// Runs a scan (the readers, tokenizing and the batch's candidates) and a
/// build (alignment too) of one input file, on one thread, without the
/// shipped gazetteer: any error is fine, a panic or a hang is not.
#[allow(dead_code)]
pub fn build(data: &[u8], ext: &str) {
    let (_dir, path) = file(data, ext);
    let config = nazir::BuildConfig { inputs: vec![path], default_gazetteer: false, threads: 1, ..Default::default() };
    let _ = nazir::scan(&config, &mut |_| {});
    let _ = nazir::build(&config, &mut |_| {});
}
