//! Inputs of every kind a batch may hold: pipes, links, unreadable files,
//! long ids, hostile nesting. Each is read once, or reported and skipped.

use crate::util::*;
use std::process::Command;

/// Runs the binary with a time limit (`timeout`), so that a run that
/// would hang fails instead of blocking the test suite.
fn run_timed(secs: u64, args: &[&str]) -> std::process::Output {
    Command::new("timeout")
        .arg(secs.to_string())
        .arg(bin())
        .args(args)
        .current_dir(repo())
        .output()
        .expect("timeout runs")
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_once() {
    let dir = tempdir();
    let fifo = dir.path().join("news.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until the reader opens it; then one article.
            std::fs::write(&fifo, "قالت شركة جوجل إن أرباحها ارتفعت وقالت جوجل أيضا").unwrap();
        })
    };
    let out = run_timed(20, &["build", fifo.to_str().unwrap(), "-q"]);
    assert_success(&out, &["build", "FIFO"]);
    writer.join().unwrap();
    let rows = csv_rows(&stdout(&out));
    let google = row_for(&rows, "Google").expect("the article in the pipe is aligned");
    assert_eq!(google["count"], "2");
}

#[cfg(unix)]
#[test]
fn dangling_links_and_unreadable_files_are_skipped_and_linked_folders_read() {
    let dir = tempdir();
    let batch = dir.path().join("batch");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&batch).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(batch.join("a.txt"), "قالت شركة جوجل إن أرباحها ارتفعت").unwrap();
    std::fs::write(elsewhere.join("b.txt"), "وأعلنت مايكروسوفت عن نتائجها").unwrap();
    std::os::unix::fs::symlink(&elsewhere, batch.join("linked")).unwrap();
    // A link back up must not make the walk loop.
    std::os::unix::fs::symlink(&batch, elsewhere.join("up")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), batch.join("dangling.txt")).unwrap();
    let out = run_timed(20, &["build", batch.to_str().unwrap()]);
    assert_code(&out, 1, &["build", "batch with a dangling link"]);
    let err = stderr(&out);
    assert!(err.contains("dangling.txt") && err.contains("cannot be read"), "{err}");
    let rows = csv_rows(&stdout(&out));
    assert!(row_for(&rows, "Google").is_some(), "{rows:?}");
    assert!(row_for(&rows, "Microsoft").is_some(), "the linked folder is read: {rows:?}");
    assert_eq!(row_for(&rows, "Microsoft").unwrap()["count"], "1", "read once despite the loop");
}

#[test]
fn long_numeric_ids_keep_every_digit() {
    let dir = tempdir();
    let path = dir.path().join("ids.jsonl");
    std::fs::write(
        &path,
        "{\"id\": 12345678901234567890123, \"text\": \"قالت جوجل\"}\n{\"id\": 12345678901234567890124, \"text\": \"قالت مايكروسوفت\"}\n",
    )
    .unwrap();
    let rows = csv_rows(&build_ok(&[path.to_str().unwrap(), "-q"]));
    let source = |en: &str| row_for(&rows, en).map(|r| r["source"].clone());
    assert_eq!(source("Google").as_deref(), Some("12345678901234567890123:1"));
    assert_eq!(source("Microsoft").as_deref(), Some("12345678901234567890124:1"));
}

#[test]
fn deeply_nested_xml_is_refused_without_growing() {
    let dir = tempdir();
    let path = dir.path().join("deep.tmx");
    let depth = 200_000;
    let doc = format!("<tmx><body>{}", "<x>".repeat(depth));
    std::fs::write(&path, doc).unwrap();
    std::fs::write(dir.path().join("good.txt"), "قالت جوجل").unwrap();
    let out = run_timed(20, &["build", dir.path().to_str().unwrap(), "-q"]);
    assert_code(&out, 1, &["build", "deep.tmx"]);
    assert!(stderr(&out).contains("nested deeper than 64 levels"), "{}", stderr(&out));
}
