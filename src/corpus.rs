//! Articles and where they sit in a batch.
//!
//! Every later stage needs to know where a piece of text came from: the
//! glossary keeps the first place a rendering was seen, sharded runs must
//! agree on what "first" means, and `nazir check` reports findings by file
//! and line. This module owns those notions, so that nothing downstream
//! re-reads a file or re-derives a name from a path:
//!
//! * [`Article`]: one article as read by [`crate::input`], with its
//!   [`ArticleKey`], its id, the line of its file it starts on and how its
//!   text lies in that file ([`Layout`]);
//! * [`ArticleKey`] and `Place`: the order of a batch, the same whichever
//!   shard reads it;
//! * `context_snippet`: the words around a place, as glossaries show them.

use std::cmp::Ordering;
use std::sync::Arc;

/// How an article's text lies in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The text is the file (`.txt`, plain standard input), or a part of it
    /// that starts on [`Article::line`]: line `k` of the text is line
    /// `line + k - 1` of the file.
    File,
    /// The article is one record of its file (a JSONL line, a line pair, a
    /// TMX unit) that starts on [`Article::line`].
    Record,
}

/// One article of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Where it sits in the batch.
    pub key: ArticleKey,
    /// Its stable identifier: the file's key for a text file, `KEY#N` for
    /// TMX unit N, `KEY:N` for line pair N, the `id` of a JSONL record (or
    /// `PATH:LINE` when it has none).
    pub id: String,
    /// The 1-based line of its file the article starts on.
    pub line: usize,
    /// How its text lies in the file.
    pub layout: Layout,
    /// The Arabic text.
    pub text: String,
    /// The English text of the same article or unit, when given.
    pub en: Option<String>,
}

impl Article {
    /// An article of Arabic `text` held in memory (not read from a file):
    /// it is its own record, keyed by `id` until a build keys it by its
    /// place in the batch.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            key: ArticleKey::new(id.as_str(), 0),
            id,
            line: 1,
            layout: Layout::Record,
            text: text.into(),
            en: None,
        }
    }

    /// The same article with its English text (a translation of the same
    /// article or unit), which parallel alignment learns from.
    pub fn with_english(self, en: impl Into<String>) -> Self {
        Article { en: Some(en.into()), ..self }
    }

    /// The line of the file that line `text_line` (1-based) of the text is
    /// on, for a reader who opens the file: a record's text is reported at
    /// the record's line.
    pub(crate) fn file_line(&self, text_line: usize) -> usize {
        match self.layout {
            Layout::File => self.line + text_line - 1,
            Layout::Record => self.line,
        }
    }
}

/// Where an article sits in a batch, the same whichever shard reads it:
/// its input file and its position among the articles read from that file.
/// Keys order the batch: by file (path components compared in turn, as a
/// sorted directory walk does), then by position. Everything a glossary
/// calls "first" is first in this order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleKey {
    /// The input file with `/` separators: its path relative to the
    /// directory it was found under (or to `--root`), or the path as given
    /// for a file given directly; `-` for standard input.
    pub file: Arc<str>,
    /// The 0-based position of the article among those read from the file.
    pub ordinal: u64,
}

impl ArticleKey {
    /// The key of article `ordinal` of `file`.
    pub fn new(file: impl Into<Arc<str>>, ordinal: u64) -> Self {
        ArticleKey { file: file.into(), ordinal }
    }
}

impl Ord for ArticleKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.file.split('/').cmp(other.file.split('/')).then(self.ordinal.cmp(&other.ordinal))
    }
}

impl PartialOrd for ArticleKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A place in a batch: an article and a byte offset into its text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Place {
    /// The article.
    pub article: ArticleKey,
    /// Byte offset in the article's Arabic text.
    pub offset: u64,
}

/// Characters of context kept around a term.
pub(crate) const CONTEXT_CHARS: usize = 120;

/// At most [`CONTEXT_CHARS`] characters of the line around `start..end`,
/// cut at word boundaries, with `…` where the line goes on.
pub(crate) fn context_snippet(text: &str, start: usize, end: usize) -> String {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    let (s, e) = (start - line_start, end - line_start);
    let total = line.chars().count();
    if total <= CONTEXT_CHARS {
        return line.trim().to_string();
    }
    let name_chars = line[s..e].chars().count();
    let budget = CONTEXT_CHARS.saturating_sub(name_chars + 2);
    let before: Vec<char> = line[..s].chars().collect();
    let after: Vec<char> = line[e..].chars().collect();
    let mut take_before = (budget / 2).min(before.len());
    let take_after = (budget - take_before).min(after.len());
    take_before = (budget - take_after).min(before.len());
    let mut left: String = before[before.len() - take_before..].iter().collect();
    let mut right: String = after[..take_after].iter().collect();
    if take_before < before.len() {
        if let Some(i) = left.find(char::is_whitespace) {
            left = left[i..].to_string();
        }
        left = format!("…{}", left.trim_start());
    }
    if take_after < after.len() {
        if let Some(i) = right.rfind(char::is_whitespace) {
            right.truncate(i);
        }
        right.push('…');
    }
    format!("{left}{}{right}", &line[s..e]).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_by_path_components_then_position() {
        let mut keys = [
            ArticleKey::new("a-b/x.txt", 0),
            ArticleKey::new("a/z.txt", 0),
            ArticleKey::new("a/b.jsonl", 2),
            ArticleKey::new("a/b.jsonl", 1),
        ];
        keys.sort();
        let got: Vec<String> = keys.iter().map(|k| format!("{}#{}", k.file, k.ordinal)).collect();
        // `a/…` sorts before `a-b/…` as a directory walk reads them, though
        // '-' < '/' as bytes.
        assert_eq!(got, ["a/b.jsonl#1", "a/b.jsonl#2", "a/z.txt#0", "a-b/x.txt#0"]);
    }

    #[test]
    fn records_report_their_own_line() {
        let mut a = Article {
            key: ArticleKey::new("b.jsonl", 0),
            id: "x".into(),
            line: 7,
            layout: Layout::Record,
            text: "سطر\nسطر".into(),
            en: None,
        };
        assert_eq!(a.file_line(2), 7);
        // A part of a text file that starts on line 7.
        a.layout = Layout::File;
        assert_eq!(a.file_line(2), 8);
        a.line = 1;
        assert_eq!(a.file_line(2), 2);
    }

    #[test]
    fn context_is_short_and_keeps_the_name() {
        let long = format!("{} جوجل {}", "كلمة ".repeat(60), "أخرى ".repeat(60));
        let start = long.find("جوجل").unwrap();
        let ctx = context_snippet(&long, start, start + "جوجل".len());
        assert!(ctx.chars().count() <= CONTEXT_CHARS, "{}", ctx.chars().count());
        assert!(ctx.contains("جوجل") && ctx.starts_with('…') && ctx.ends_with('…'));
        let text = "سطر\nقال جوجل\nآخر";
        let at = text.find("جوجل").unwrap();
        assert_eq!(context_snippet(text, at, at + "جوجل".len()), "قال جوجل");
    }
}
