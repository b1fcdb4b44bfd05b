//! Where outputs go, and writing them so that a failed run leaves nothing
//! half-written.
//!
//! This module owns the rules every writer of the crate follows: an output
//! path is checked before any work (its folder exists, it is not a
//! folder), `-` names stdout, and a file is written atomically: to a
//! temporary file in the target folder, flushed and synced, then renamed
//! over the target. It knows nothing of glossaries, so that [`crate::export`],
//! [`crate::review`] and the binary can all use it without using each
//! other; it depends on [`crate::error`] alone.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file an output option names, or `None` for stdout (no option, or
/// `-`).
pub fn file_or_stdout(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// The folder an output file goes to (`.` for a bare file name).
pub(crate) fn output_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The error for an output whose folder is missing, if it is.
fn check_folder(path: &Path) -> Result<&Path> {
    let dir = output_dir(path);
    if !dir.is_dir() {
        return Err(Error::Output {
            path: path.to_path_buf(),
            reason: format!("folder {} does not exist", dir.display()),
        });
    }
    Ok(dir)
}

/// Checks, before any work, that `path` can be an output: its folder
/// exists and it is not a folder itself.
pub fn check_output_path(path: &Path) -> Result<()> {
    check_folder(path)?;
    if path.is_dir() {
        return Err(Error::Output { path: path.to_path_buf(), reason: "it is a folder".into() });
    }
    Ok(())
}

/// Writes `path` atomically: `write` fills a temporary file next to it,
/// which then replaces `path`. On any error the temporary file is removed
/// and `path` is untouched.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    let dir = check_folder(path)?;
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
    // place: renaming a file over it would replace the device itself.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let result = (|| -> std::io::Result<()> {
            let mut w = BufWriter::new(File::options().write(true).open(path)?);
            write(&mut w)?;
            w.flush()
        })();
        return result.map_err(|source| Error::Write { path: path.to_path_buf(), source });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let file = File::create(&tmp)?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        drop(w);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        Error::Write { path: path.to_path_buf(), source }
    })
}

/// Writes an output: atomically to the file `path` names, or to stdout
/// when it is `None` or `-` ([`file_or_stdout`]).
pub fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    match file_or_stdout(path) {
        Some(path) => write_atomically(path, |w| write(w)),
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&mut out).and_then(|()| out.flush()).map_err(|source| Error::Write { path: "-".into(), source })
        }
    }
}

/// Where the previous version of `path` is kept: `NAME.bak.EXT` beside it
/// (`master.xlsx` → `master.bak.xlsx`), so that it opens and reads back as
/// what it is.
pub(crate) fn backup_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.bak.{}", ext.to_string_lossy()),
        None => format!("{stem}.bak"),
    };
    path.with_file_name(name)
}

/// Keeps a copy of `path` as its `backup_path`, written atomically (a
/// failed copy leaves the previous backup as it was). Returns the backup.
pub fn keep_backup(path: &Path) -> Result<PathBuf> {
    let backup = backup_path(path);
    let mut source = File::open(path).map_err(|e| Error::io(path, e))?;
    write_atomically(&backup, |w| std::io::copy(&mut source, w).map(|_| ()))?;
    Ok(backup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_and_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("g.csv");
        write_atomically(&target, |w| w.write_all(b"x")).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"x");
        // A failing writer leaves the old file and no temporary behind.
        let err = write_atomically(&target, |_| Err(std::io::Error::other("boom"))).unwrap_err();
        assert!(err.to_string().contains("boom"));
        assert_eq!(std::fs::read(&target).unwrap(), b"x");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_atomically(&dir.path().join("nope/g.csv"), |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("does not exist"));
    }

    #[test]
    fn output_checks() {
        let dir = tempfile::tempdir().unwrap();
        check_output_path(&dir.path().join("g.csv")).unwrap();
        assert!(check_output_path(dir.path()).unwrap_err().to_string().contains("it is a folder"));
        assert!(check_output_path(&dir.path().join("nope/g.csv")).unwrap_err().to_string().contains("does not exist"));
        assert_eq!(output_dir(Path::new("g.csv")), Path::new("."));
        assert_eq!(file_or_stdout(Some(Path::new("-"))), None);
        assert_eq!(file_or_stdout(Some(Path::new("g.csv"))), Some(Path::new("g.csv")));
        assert_eq!(file_or_stdout(None), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        write_atomically(null, |w| w.write_all(b"x")).unwrap();
        assert!(std::fs::metadata(null).unwrap().file_type().is_char_device(), "/dev/null is still a device");
    }

    #[test]
    fn backups_keep_their_extension_and_replace_atomically() {
        assert_eq!(backup_path(Path::new("d/master.xlsx")), Path::new("d/master.bak.xlsx"));
        assert_eq!(backup_path(Path::new("glossary")), Path::new("glossary.bak"));
        let dir = tempfile::tempdir().unwrap();
        let master = dir.path().join("master.csv");
        std::fs::write(&master, "en,ar\n").unwrap();
        let backup = keep_backup(&master).unwrap();
        assert_eq!(std::fs::read(&backup).unwrap(), b"en,ar\n");
        assert!(keep_backup(&dir.path().join("absent.csv")).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
    }
}
