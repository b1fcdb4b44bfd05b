//! Reading article batches.
//!
//! Inputs are files, directories (walked recursively in sorted order, so
//! runs are deterministic) or `-` for standard input:
//!
//! * `*.txt`: one article per file, UTF-8, a BOM and CRLF line ends
//!   accepted; the id is the path relative to the directory given (or the
//!   path as given for a file).
//! * `*.jsonl`: one article per line, `{"id": …, "text": …, "en": …}`, with
//!   `en` (the English text of the same article) optional.
//! * standard input: JSONL when it starts with `{`, otherwise one article.
//!
//! Articles are handed to a callback one at a time, so a batch is never
//! held in memory whole. A file that is not UTF-8 or a JSONL line that does
//! not parse becomes an [`InputProblem`] (with path, line and byte offset)
//! and the rest of the batch goes on, unless the caller asks to stop.

use crate::error::{Error, InputProblem, Result};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identifier (file path or JSONL `id`).
    pub id: String,
    /// The Arabic text.
    pub text: String,
    /// The English text of the same article, when given.
    pub en: Option<String>,
}

/// What to do after a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnProblem {
    /// Report it and go on with the batch.
    Continue,
    /// Stop at the first problem.
    Stop,
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    en: Option<String>,
}

/// The input files a list of paths stands for, in processing order: each
/// path as given, directories expanded to their `.txt` and `.jsonl` files
/// (recursively, sorted, hidden entries skipped). Each file comes with the
/// root its id is relative to.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<(PathBuf, Option<PathBuf>)>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push((input.clone(), None));
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            out.extend(files.into_iter().map(|f| (f, Some(input.clone()))));
        } else {
            out.push((input.clone(), None));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let ty = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if ty.is_dir() {
            walk(&path, files)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            files.push(path);
        }
    }
    Ok(())
}

fn id_for(path: &Path, root: Option<&Path>) -> String {
    let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Reads every article of `inputs`, calling `article` for each and
/// `problem` for each bad input. With [`OnProblem::Stop`] the first problem
/// ends the run with [`Error::Input`]. A missing or unreadable file is an
/// error in either mode.
pub fn read_articles(
    inputs: &[PathBuf],
    on_problem: OnProblem,
    mut article: impl FnMut(Article),
    mut problem: impl FnMut(InputProblem),
) -> Result<()> {
    let files = expand_inputs(inputs)?;
    let mut report = |p: InputProblem| -> Result<()> {
        match on_problem {
            OnProblem::Stop => Err(Error::Input(p)),
            OnProblem::Continue => {
                problem(p);
                Ok(())
            }
        }
    };
    for (path, root) in files {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io("-", e))?;
            let starts_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            if starts_json {
                read_jsonl(BufReader::new(&bytes[..]), "-", &mut article, &mut report)?;
            } else {
                read_text(&bytes, "-", "stdin", &mut article, &mut report)?;
            }
            continue;
        }
        let display = path.to_string_lossy().to_string();
        let is_jsonl = path.extension().and_then(|e| e.to_str()) == Some("jsonl");
        if is_jsonl {
            let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
            read_jsonl(BufReader::new(file), &display, &mut article, &mut report)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let id = id_for(&path, root.as_deref());
            read_text(&bytes, &display, &id, &mut article, &mut report)?;
        }
    }
    Ok(())
}

/// Decodes bytes as UTF-8 text: BOM removed, CRLF to LF. On failure the
/// problem names the line and byte offset (relative to `base_offset`).
fn decode(bytes: &[u8], path: &str, base_line: usize, base_offset: usize) -> std::result::Result<String, InputProblem> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    match std::str::from_utf8(body) {
        Ok(s) => Ok(if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() }),
        Err(e) => {
            let at = e.valid_up_to();
            let line = base_line + body[..at].iter().filter(|&&b| b == b'\n').count();
            Err(InputProblem {
                path: path.to_string(),
                line: Some(line),
                byte_offset: Some(base_offset + skipped + at),
                reason: format!("not valid UTF-8 (byte 0x{:02X})", body[at]),
            })
        }
    }
}

fn read_text(
    bytes: &[u8],
    path: &str,
    id: &str,
    article: &mut impl FnMut(Article),
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    match decode(bytes, path, 1, 0) {
        Ok(text) => article(Article { id: id.to_string(), text, en: None }),
        Err(p) => report(p)?,
    }
    Ok(())
}

fn read_jsonl(
    mut reader: impl BufRead,
    path: &str,
    article: &mut impl FnMut(Article),
    report: &mut impl FnMut(InputProblem) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut offset = 0;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line_offset = offset;
        offset += n;
        let line = match decode(&buf, path, line_no, line_offset) {
            Ok(l) => l,
            Err(p) => {
                report(p)?;
                continue;
            }
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let problem = |reason: String| InputProblem {
            path: path.to_string(),
            line: Some(line_no),
            byte_offset: Some(line_offset),
            reason,
        };
        match serde_json::from_str::<JsonArticle>(trimmed) {
            Ok(JsonArticle { text: Some(text), id, en }) => {
                let id = match id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    _ => format!("{path}:{line_no}"),
                };
                article(Article { id, text, en });
            }
            Ok(JsonArticle { text: None, .. }) => report(problem("no \"text\" field".into()))?,
            Err(e) => report(problem(format!("not a JSON article: {e}")))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8], jsonl: bool) -> (Vec<Article>, Vec<InputProblem>) {
        let (mut arts, mut probs) = (Vec::new(), Vec::new());
        let mut report = |p: InputProblem| -> Result<()> {
            probs.push(p);
            Ok(())
        };
        if jsonl {
            read_jsonl(BufReader::new(bytes), "t.jsonl", &mut |a| arts.push(a), &mut report).unwrap();
        } else {
            read_text(bytes, "t.txt", "t.txt", &mut |a| arts.push(a), &mut report).unwrap();
        }
        (arts, probs)
    }

    #[test]
    fn text_accepts_bom_and_crlf() {
        let (a, p) = collect("\u{FEFF}سطر\r\nجوجل\r\n".as_bytes(), false);
        assert!(p.is_empty());
        assert_eq!(a[0].text, "سطر\nجوجل\n");
    }

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let mut bytes = "سطر\nثان ".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xE9, 0xFF, b'\n']);
        let (a, p) = collect(&bytes, false);
        assert!(a.is_empty());
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[0].byte_offset, Some(at));
        assert!(p[0].to_string().contains("t.txt:2 (byte"));
    }

    #[test]
    fn jsonl_goes_on_after_a_broken_line() {
        let data = "{\"id\":\"a\",\"text\":\"جوجل\",\"en\":\"Google\"}\n{\"id\": \"b\", \"text\": \n\n{\"id\":7,\"text\":\"ميتا\"}\n{\"id\":\"c\"}\n";
        let (a, p) = collect(data.as_bytes(), true);
        assert_eq!(a.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), vec!["a", "7"]);
        assert_eq!(a[0].en.as_deref(), Some("Google"));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].line, Some(2));
        assert_eq!(p[1].line, Some(5));
        assert!(p[1].reason.contains("text"));
    }
}
