//! Where outputs go, and writing them so that a failed run leaves nothing
//! half-written.
//!
//! This module owns the rules every writer of the crate follows: an output
//! path is checked before any work (its folder exists, it is not a
//! folder), `-` names stdout, and a file is written atomically: to a
//! temporary file in the target folder, flushed and synced, then renamed
//! over the target. Replacing keeps what the user set up: a symbolic link
//! is followed (the file it points to is replaced, the link stays), the
//! file's mode, owner and group are kept, and a read-only file is refused.
//! Temporary files a killed run left behind are removed by the next write
//! to the same file. Backups ([`keep_backup`]) keep their extension, so
//! they open as what they are, and older generations are kept, not
//! overwritten.
//!
//! It knows nothing of glossaries, so that [`crate::export`],
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

/// The file a write to `path` replaces: the target of a symbolic link
/// (followed to its end), or `path` itself.
fn write_target(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| std::fs::canonicalize(path)) {
        Some(Ok(target)) => target,
        _ => path.to_path_buf(),
    }
}

/// The temporary file a write of `name` by process `pid` goes through.
fn temporary_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes the temporary files of earlier writes of `name` in `dir` whose
/// process is gone (killed before it could clean up). Only on systems where
/// that can be known (`/proc`).
fn remove_stale_temporaries(dir: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp")) else { continue };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Gives `tmp` the mode, owner and group of the file it replaces, so that
/// a shared file stays shared.
fn keep_permissions(tmp: &File, replaced: &std::fs::Metadata) -> std::io::Result<()> {
    tmp.set_permissions(replaced.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only the owner or root may change these; a user who may write the
        // folder but not chown keeps their own, which is all they can do.
        let _ = std::os::unix::fs::fchown(tmp, Some(replaced.uid()), Some(replaced.gid()));
    }
    Ok(())
}

/// Writes `path` atomically: `write` fills a temporary file next to it,
/// which then replaces `path` (see the module documentation for links,
/// permissions and read-only files). On any error the temporary file is
/// removed and `path` is untouched.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    check_folder(path)?;
    let target = write_target(path);
    let existing = std::fs::metadata(&target).ok();
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
    // place: renaming a file over it would replace the device itself.
    if existing.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        let result = (|| -> std::io::Result<()> {
            let mut w = BufWriter::new(File::options().write(true).open(&target)?);
            write(&mut w)?;
            w.flush()
        })();
        return result.map_err(|source| Error::Write { path: path.to_path_buf(), source });
    }
    if existing.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(Error::Output { path: path.to_path_buf(), reason: "it is read-only".into() });
    }
    let dir = output_dir(&target).to_path_buf();
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    remove_stale_temporaries(&dir, &name);
    let tmp = dir.join(temporary_name(&name, std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let file = File::create(&tmp)?;
        if let Some(replaced) = &existing {
            keep_permissions(&file, replaced)?;
        }
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        drop(w);
        std::fs::rename(&tmp, &target)
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

/// Backups kept of one file: the newest is [`backup_path`], older ones
/// are numbered (`master.bak-1.xlsx` is the one before), up to this many.
pub const BACKUP_GENERATIONS: usize = 5;

/// Where the previous version of `path` is kept: `NAME.bak.EXT` beside it
/// (`master.xlsx` → `master.bak.xlsx`), so that it opens and reads back as
/// what it is. Generation `n` > 0 is `NAME.bak-n.EXT`.
pub fn backup_path(path: &Path) -> PathBuf {
    backup_generation(path, 0)
}

fn backup_generation(path: &Path, n: usize) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let bak = if n == 0 { "bak".to_string() } else { format!("bak-{n}") };
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{bak}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{bak}"),
    };
    path.with_file_name(name)
}

/// Keeps a copy of `path` as its [`backup_path`] before it is replaced,
/// written atomically (a failed copy leaves the backups as they were); the
/// backups already there move one generation back, the oldest of
/// [`BACKUP_GENERATIONS`] is dropped. Returns the new backup.
pub fn keep_backup(path: &Path) -> Result<PathBuf> {
    let path = write_target(path);
    let mut source = File::open(&path).map_err(|e| Error::io(&path, e))?;
    // Copy first, under a temporary name, so that nothing moves unless the
    // copy is whole.
    let fresh = backup_generation(&path, BACKUP_GENERATIONS + 1);
    write_atomically(&fresh, |w| std::io::copy(&mut source, w).map(|_| ()))?;
    for n in (0..BACKUP_GENERATIONS - 1).rev() {
        let older = backup_generation(&path, n);
        if older.exists() {
            std::fs::rename(&older, backup_generation(&path, n + 1)).map_err(|e| Error::io(&older, e))?;
        }
    }
    let backup = backup_path(&path);
    std::fs::rename(&fresh, &backup).map_err(|e| Error::io(&fresh, e))?;
    Ok(backup)
}

/// Whether two paths name the same file (through links and `..`), so that
/// a command never writes over one of its own inputs.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// An advisory lock on the file a read-modify-write replaces (a master
/// glossary that several reviewers merge into): held until dropped, when
/// its lock file is removed again.
#[derive(Debug)]
pub struct WriteLock {
    file: File,
    path: PathBuf,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        // Removed while still held: a run waiting on this file finds, once
        // it gets the lock, that the path no longer names it, and starts
        // over with a new one (see `lock_for_writing`).
        let _ = std::fs::remove_file(&self.path);
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Whether `file` is still the file at `path` (a lock file another run may
/// have removed and another made anew since it was opened).
fn is_still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(held), Ok(now)) => held.ino() == now.ino() && held.dev() == now.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Takes the lock of `path`: a hidden `.NAME.lock` file beside it (the file
/// itself cannot carry the lock, since replacing it makes a new one). When
/// another run holds it, `waiting` is called once and the lock is waited
/// for, so that two merges into one master run one after the other.
pub fn lock_for_writing(path: &Path, waiting: impl FnOnce(&Path)) -> Result<WriteLock> {
    let target = write_target(path);
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    let lock_path = output_dir(&target).join(format!(".{name}.lock"));
    let mut waiting = Some(waiting);
    loop {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        // Called through the trait: std has methods of the same names from
        // Rust 1.89 on, and the declared minimum is older.
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                if let Some(tell) = waiting.take() {
                    tell(&lock_path);
                }
                fs4::FileExt::lock(&file).map_err(|e| Error::io(&lock_path, e))?;
            }
            Err(fs4::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
        if is_still_at(&file, &lock_path) {
            return Ok(WriteLock { file, path: lock_path });
        }
    }
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
    fn backups_keep_their_extension_and_older_generations() {
        assert_eq!(backup_path(Path::new("d/master.xlsx")), Path::new("d/master.bak.xlsx"));
        assert_eq!(backup_path(Path::new("glossary")), Path::new("glossary.bak"));
        let dir = tempfile::tempdir().unwrap();
        let master = dir.path().join("master.csv");
        for version in 1..=BACKUP_GENERATIONS + 2 {
            std::fs::write(&master, format!("version {version}")).unwrap();
            let backup = keep_backup(&master).unwrap();
            assert_eq!(std::fs::read_to_string(&backup).unwrap(), format!("version {version}"));
        }
        let last = BACKUP_GENERATIONS + 2;
        let generation = |n| std::fs::read_to_string(dir.path().join(format!("master.bak-{n}.csv"))).unwrap();
        assert_eq!(generation(1), format!("version {}", last - 1));
        assert_eq!(generation(BACKUP_GENERATIONS - 1), format!("version {}", last - BACKUP_GENERATIONS + 1));
        assert!(!dir.path().join(format!("master.bak-{BACKUP_GENERATIONS}.csv")).exists());
        assert!(keep_backup(&dir.path().join("absent.csv")).is_err());
        // The master and its generations, nothing else.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1 + BACKUP_GENERATIONS);
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_links_modes_and_refuses_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared.csv");
        std::fs::write(&shared, "old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
        let link = dir.path().join("master.csv");
        std::os::unix::fs::symlink(&shared, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read(&shared).unwrap(), b"new", "the file it points to is replaced");
        assert_eq!(std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777, 0o664);
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomically(&link, |w| w.write_all(b"newer")).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&shared).unwrap(), b"new");
    }

    #[test]
    fn temporaries_of_killed_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("g.csv");
        // No process has this id (beyond the kernel's pid_max).
        let stale = dir.path().join(temporary_name("g.csv", 4_194_399));
        std::fs::write(&stale, "half").unwrap();
        write_atomically(&target, |w| w.write_all(b"x")).unwrap();
        assert!(!stale.exists() || !Path::new("/proc/self").exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"x");
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let master = dir.path().join("master.csv");
        let first = lock_for_writing(&master, |_| panic!("nobody holds it yet")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let other = {
            let master = master.clone();
            std::thread::spawn(move || {
                let _second = lock_for_writing(&master, |lock| tx.send(lock.to_path_buf()).unwrap()).unwrap();
            })
        };
        let lock = rx.recv().unwrap();
        assert!(lock.ends_with(".master.csv.lock"), "{}", lock.display());
        drop(first);
        other.join().unwrap();
        assert!(!lock.exists(), "the lock file goes with the lock");
    }
}
