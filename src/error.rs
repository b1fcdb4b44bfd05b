//! The library's error type.
//!
//! Every error names the file it is about and, where it applies, the line
//! or byte offset, so that a user can go straight to the problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with one input (a file or a line of a JSONL file). In a normal
/// run it is reported and the batch goes on; with `--strict` it stops it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The file (`-` for standard input).
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Byte offset in the file, when known.
    pub byte_offset: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(off) = self.byte_offset {
            write!(f, " (byte {off})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// The first setting in which a part of a sharded build differs from the
/// first part ([`Error::PartsDiffer`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DifferingSetting {
    /// The part that differs, when it was read from a file.
    pub path: Option<String>,
    /// The 1-based line of the differing setting in that file.
    pub line: Option<usize>,
    /// The setting (`min-score`, `candidates`, …).
    pub setting: String,
    /// Its value in the part that differs.
    pub here: String,
    /// Its value in the first part.
    pub first: String,
    /// The first part's file, when known.
    pub first_path: Option<String>,
}

impl fmt::Display for DifferingSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let DifferingSetting { path, line, setting, here, first, first_path } = self;
        // Read from a file, the message has the form of the other errors
        // of damaged data files: file and line first.
        match path {
            Some(path) => {
                write!(f, "bad data file: {path}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                write!(f, ": ")?;
            }
            None => write!(f, "cannot merge parts: ")?,
        }
        write!(
            f,
            "setting {setting} is {here} here but {first} in the first part: parts merge only when built with the \
             same settings and candidates"
        )?;
        if let Some(first_path) = first_path {
            write!(f, " (in {first_path})")?;
        }
        Ok(())
    }
}

/// Errors of the library.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A bad input in strict mode.
    Input(InputProblem),
    /// A gazetteer or term list is malformed.
    Data(InputProblem),
    /// A glossary cannot be exported in a profile: a term the target tool
    /// would reject (refused before anything is written), or a failed write.
    Export {
        /// The export profile (`deepl`, `tbx`, …).
        profile: String,
        /// The 1-based line of the output the offending entry would have had.
        line: Option<usize>,
        /// What is wrong, naming the entry.
        reason: String,
    },
    /// Writing an output failed (a full disk, a closed pipe): the output
    /// was left as it was.
    Write {
        /// The output file (`-` for stdout).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An output cannot be written as asked.
    Output {
        /// The output file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Parts of a sharded build were built with different settings or
    /// candidates: merged, they would give a wrong glossary. (Boxed: it
    /// would make every `Result` of the library larger.)
    PartsDiffer(Box<DifferingSetting>),
    /// The library was configured in a way it cannot run with.
    Config {
        /// The option (`threads`, …).
        option: String,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// The I/O error underneath, if there is one.
    pub(crate) fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }

    /// Whether the output was a pipe its reader closed (`nazir … | head`):
    /// not a failure of the run.
    pub fn is_broken_pipe(&self) -> bool {
        self.io_error().is_some_and(is_broken_pipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Input(p) => write!(f, "bad input: {p}"),
            Error::Data(p) => write!(f, "bad data file: {p}"),
            Error::Export { profile, line, reason } => {
                write!(f, "cannot export as {profile}: ")?;
                if let Some(line) = line {
                    write!(f, "line {line}: ")?;
                }
                write!(f, "{reason}")
            }
            Error::Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            Error::Output { path, reason } => {
                write!(f, "cannot write {}: {reason}", path.display())
            }
            Error::PartsDiffer(differing) => write!(f, "{differing}"),
            Error::Config { option, reason } => write!(f, "bad configuration: {option}: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // The I/O error is already part of the message; returning it here
        // too would print it twice in an error chain ([`Error::io_error`]
        // gives it to callers who need it).
        None
    }
}

/// Whether an I/O error is a closed pipe, also when a writer (the CSV
/// writer) wrapped it in an error of its own.
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return true;
    }
    let inner = e.get_ref().and_then(|inner| inner.downcast_ref::<csv::Error>());
    inner.is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if is_broken_pipe(io)))
}

/// Result with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
