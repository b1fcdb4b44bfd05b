//! Bytes to text: the one UTF-8 decoder of every reader, with one message.
//!
//! Every file nazir reads (articles, term lists, gazetteers, glossaries,
//! partial and candidates files, exports given to `validate`) is UTF-8 with
//! or without a byte-order mark. A file that is not gets the same report
//! wherever it is read: `FILE:LINE (byte OFFSET): not valid UTF-8 (byte
//! 0xNN)`, the line and offset counted in the file (the mark included), so
//! that a user can open the file at the bad byte.

use crate::error::{Error, InputProblem, Result};
use std::path::Path;

/// The UTF-8 byte-order mark some editors (Excel, Notepad) write first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a slice of bytes starts in its file, so that a problem in it is
/// reported at its place in the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'p> {
    /// The file, as it is named in messages.
    pub path: &'p str,
    /// The 1-based line the bytes start on.
    pub line: usize,
    /// The byte offset they start at.
    pub offset: usize,
}

impl<'p> Origin<'p> {
    /// The start of the file `path`.
    pub fn file(path: &'p str) -> Self {
        Origin { path, line: 1, offset: 0 }
    }
}

/// Decodes `bytes` as UTF-8, dropping a leading byte-order mark. A bad byte
/// is reported with its line and offset in the file.
pub(crate) fn decode<'b>(bytes: &'b [u8], origin: Origin<'_>) -> std::result::Result<&'b str, InputProblem> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = origin.line + body[..at].iter().filter(|&&b| b == b'\n').count();
        InputProblem {
            path: origin.path.to_string(),
            line: Some(line),
            byte_offset: Some(origin.offset + (bytes.len() - body.len()) + at),
            reason: format!("not valid UTF-8 (byte 0x{:02X})", body[at]),
        }
    })
}

/// [`decode`] of bytes the caller gives up: the text takes them over
/// instead of copying them (a file can be as large as the disk).
pub(crate) fn decode_owned(mut bytes: Vec<u8>, origin: Origin<'_>) -> std::result::Result<String, InputProblem> {
    decode(&bytes, origin)?;
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    Ok(String::from_utf8(bytes).expect("checked as UTF-8 by decode"))
}

/// Reads a whole file as text ([`decode`]); a bad byte is an
/// [`Error::Data`] naming its place.
pub(crate) fn read_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.to_string_lossy();
    match decode(&bytes, Origin::file(&name)) {
        Ok(text) => Ok(text.to_string()),
        Err(problem) => Err(Error::Data(problem)),
    }
}

/// The text of embedded data, gzip-compressed (by its magic bytes) or
/// not; the error says which of the two is broken.
pub(crate) fn gunzip_text(bytes: &[u8]) -> std::result::Result<String, String> {
    use std::io::Read as _;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("not valid gzip'd UTF-8: {e}"))?;
        Ok(text)
    } else {
        String::from_utf8(bytes.to_vec()).map_err(|e| format!("not UTF-8: {e}"))
    }
}

/// The non-blank lines of a file (`-`: standard input), read as text
/// (`decode`), without their line ends: a term list as a person writes
/// it.
pub fn read_lines(path: &Path) -> Result<Vec<String>> {
    let text = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(|e| Error::io("-", e))?;
        decode(&bytes, Origin::file("-")).map_err(Error::Data)?.to_string()
    } else {
        read_file(path)?
    };
    Ok(text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).filter(|l| !l.trim().is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_byte_is_placed_in_the_file() {
        assert_eq!(decode(b"\xEF\xBB\xBFok", Origin::file("f")).unwrap(), "ok");
        let p = decode(b"\xEF\xBB\xBFline\nbad \xE9 here", Origin::file("f.txt")).unwrap_err();
        assert_eq!(p.to_string(), "f.txt:2 (byte 12): not valid UTF-8 (byte 0xE9)");
        // A slice from the middle of a file keeps the file's numbering.
        let p = decode(b"x\n\xFF", Origin { path: "f.jsonl", line: 7, offset: 100 }).unwrap_err();
        assert_eq!((p.line, p.byte_offset), (Some(8), Some(102)));
    }

    #[test]
    fn files_are_read_through_the_same_decoder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.txt");
        std::fs::write(&path, b"Google\nMeta\xC0\n").unwrap();
        let e = read_file(&path).unwrap_err().to_string();
        assert!(e.ends_with("list.txt:2 (byte 11): not valid UTF-8 (byte 0xC0)"), "{e}");
        std::fs::write(&path, "\u{FEFF}Google\n").unwrap();
        assert_eq!(read_file(&path).unwrap(), "Google\n");
    }
}
