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
    /// An output cannot be written as asked.
    Output {
        /// The output file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
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
            Error::Output { path, reason } => {
                write!(f, "cannot write {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // The I/O error is already part of the message; returning it here
        // too would print it twice in an error chain.
        None
    }
}

/// Result with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
