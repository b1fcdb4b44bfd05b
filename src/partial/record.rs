//! The records of partial and candidates files: each record type parsed
//! from its fields in one place and written in one place, so that what is
//! written is what is read (the module documentation of
//! [`crate::partial`] is their specification).

use crate::align::Method;
use crate::associate::ArabicSpan;
use crate::candidates::SpellingCounts;
use crate::corpus::{ArticleKey, Place};
use crate::glossary::{Context, ContextStats, RenderingStats};
use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};
use std::str::FromStr;
use std::sync::Arc;

/// The checksums of a file's records, one after the other: FNV-1a (64
/// bits) over the previous record's checksum (8 bytes, little-endian; 0
/// before the first record) and the record's line up to its checksum
/// field. Chained, a checksum covers the record and every one before it,
/// so a changed byte, a lost line and two lines swapped are all found at
/// the first record they touch. FNV-1a changes its state by a bijection at
/// every byte, so any one changed byte always gives another checksum.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Checksums {
    previous: u64,
}

impl Checksums {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// The checksum of the next record's line (without its checksum field
    /// and line end).
    pub fn next(&mut self, line: &[u8]) -> u64 {
        let mut hash = Self::OFFSET;
        for &byte in self.previous.to_le_bytes().iter().chain(line) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(Self::PRIME);
        }
        self.previous = hash;
        hash
    }

    /// Writes a record line that `write` produces (with its line end) to
    /// `out`, with its checksum as the last field.
    pub fn write(
        &mut self,
        out: &mut dyn Write,
        buf: &mut Vec<u8>,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        buf.clear();
        write(buf)?;
        let line = buf.strip_suffix(b"\n").unwrap_or(buf);
        let sum = self.next(line);
        out.write_all(line)?;
        writeln!(out, "\t{sum:016x}")
    }

    /// Checks the checksum field that ends `line` and returns the line
    /// without it; the error says what is wrong.
    pub fn check<'l>(&mut self, line: &'l str) -> Result<&'l str, String> {
        let Some((record, sum)) = line.rsplit_once('\t') else {
            return Err("the record has no checksum field: it is damaged".into());
        };
        let expected = self.next(record.as_bytes());
        let given = (sum.len() == 16 && sum.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| u64::from_str_radix(sum, 16).ok())
            .flatten();
        match given {
            Some(given) if given == expected => Ok(record),
            Some(_) => Err("the record does not match its checksum: it is damaged (changed, or a line before it \
                            was lost or moved)"
                .into()),
            None => Err(format!("{sum:?} is not a checksum (16 hexadecimal digits): the record is damaged")),
        }
    }
}

/// One record of a partial file. Written, it borrows from the statistics;
/// read, it owns its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Record<'a> {
    /// `S`: a build setting.
    Setting { name: Cow<'a, str>, value: Cow<'a, str> },
    /// `D`: articles read.
    Articles(u64),
    /// `T`: a term the records below refer to, with its kind.
    Term { en: Cow<'a, str>, kind: Cow<'a, str> },
    /// `E`: an entry's counters; its `R` and `C` records follow.
    Entry { en: Cow<'a, str>, count: usize, docs: usize, score: f32 },
    /// `R`: a rendering of the entry `en` and where it was first seen.
    Rendering { en: Cow<'a, str>, rendering: Cow<'a, RenderingStats> },
    /// `C`: a context of the entry `en`.
    Context { en: Cow<'a, str>, context: Cow<'a, ContextStats> },
    /// `U`: parallel units.
    Units(u32),
    /// `A`: an Arabic span of the units and its first occurrence.
    Span(Cow<'a, ArabicSpan>),
    /// `P`: an English phrase of the units, and the units where it is a
    /// whole run of capitalized words.
    Phrase { phrase: Cow<'a, str>, units: u32, whole: u32 },
    /// `X`: units where the Arabic span `norm` and the phrase both occur.
    Pair { norm: Cow<'a, str>, phrase: Cow<'a, str>, units: u32 },
    /// `Z`: the end, counting the records between the first line and it.
    End { records: u64 },
}

/// The record types of a partial file in the order they come in.
pub(crate) const PARTIAL_RECORD_ORDER: [&str; 11] = ["S", "D", "T", "E", "R", "C", "U", "A", "P", "X", "Z"];

/// The ranks in [`PARTIAL_RECORD_ORDER`] of `E`, `R` and `C`: the records
/// of one entry follow those of the one before.
pub(crate) const ENTRY_RANKS: std::ops::RangeInclusive<usize> = 3..=5;

impl Record<'_> {
    /// The record type: the first field.
    pub fn tag(&self) -> &'static str {
        PARTIAL_RECORD_ORDER[self.rank()]
    }

    /// The place of the record type in [`PARTIAL_RECORD_ORDER`].
    pub fn rank(&self) -> usize {
        match self {
            Record::Setting { .. } => 0,
            Record::Articles(_) => 1,
            Record::Term { .. } => 2,
            Record::Entry { .. } => 3,
            Record::Rendering { .. } => 4,
            Record::Context { .. } => 5,
            Record::Units(_) => 6,
            Record::Span(_) => 7,
            Record::Phrase { .. } => 8,
            Record::Pair { .. } => 9,
            Record::End { .. } => 10,
        }
    }

    /// The record of a line's fields (unescaped); the error says what is
    /// wrong with them.
    pub fn parse(fields: Vec<String>) -> Result<Record<'static>, String> {
        let mut f = Fields::new(fields);
        let record = match f.tag.as_str() {
            "S" => {
                f.width(3)?;
                Record::Setting { name: f.text().into(), value: f.text().into() }
            }
            "D" => {
                f.width(2)?;
                Record::Articles(f.number()?)
            }
            "T" => {
                f.width(3)?;
                Record::Term { en: f.text().into(), kind: f.text().into() }
            }
            "E" => {
                f.width(5)?;
                Record::Entry { en: f.text().into(), count: f.number()?, docs: f.number()?, score: f.number()? }
            }
            "R" => {
                f.width(9)?;
                let en = f.text().into();
                let rendering = RenderingStats {
                    form: f.text(),
                    count: f.number()?,
                    method: f.method()?,
                    score: f.number()?,
                    first: f.place()?,
                };
                Record::Rendering { en, rendering: Cow::Owned(rendering) }
            }
            "C" => {
                f.width(7)?;
                let en = f.text().into();
                let place = f.place()?;
                let context = Context { text: f.text(), source: f.text() };
                Record::Context { en, context: Cow::Owned(ContextStats { place, context }) }
            }
            "U" => {
                f.width(2)?;
                Record::Units(f.number()?)
            }
            "A" => {
                f.width(8)?;
                let span = ArabicSpan {
                    norm: f.text(),
                    display: f.text(),
                    units: f.number()?,
                    first: ArticleKey::new(Arc::<str>::from(f.text()), f.number()?),
                    context: f.text(),
                    source: f.text(),
                };
                Record::Span(Cow::Owned(span))
            }
            "P" => {
                f.width(4)?;
                Record::Phrase { phrase: f.text().into(), units: f.number()?, whole: f.number()? }
            }
            "X" => {
                f.width(4)?;
                Record::Pair { norm: f.text().into(), phrase: f.text().into(), units: f.number()? }
            }
            "Z" => {
                f.width(2)?;
                Record::End { records: f.number()? }
            }
            tag => return Err(format!("unknown record type `{tag}` in a partial file")),
        };
        Ok(record)
    }

    /// Writes the record as one line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut line = Line::start(out, self.tag())?;
        match self {
            Record::Setting { name, value } => line.text(name)?.text(value)?,
            Record::Articles(articles) => line.number(articles)?,
            Record::Term { en, kind } => line.text(en)?.text(kind)?,
            Record::Entry { en, count, docs, score } => line.text(en)?.number(count)?.number(docs)?.number(score)?,
            Record::Rendering { en, rendering: r } => line
                .text(en)?
                .text(&r.form)?
                .number(r.count)?
                .text(r.method.as_str())?
                .number(r.score)?
                .place(&r.first)?,
            Record::Context { en, context: c } => {
                line.text(en)?.place(&c.place)?.text(&c.context.text)?.text(&c.context.source)?
            }
            Record::Units(units) => line.number(units)?,
            Record::Span(s) => line
                .text(&s.norm)?
                .text(&s.display)?
                .number(s.units)?
                .text(&s.first.file)?
                .number(s.first.ordinal)?
                .text(&s.context)?
                .text(&s.source)?,
            Record::Phrase { phrase, units, whole } => line.text(phrase)?.number(units)?.number(whole)?,
            Record::Pair { norm, phrase, units } => line.text(norm)?.text(phrase)?.number(units)?,
            Record::End { records } => line.number(records)?,
        };
        line.end()
    }
}

/// One record of a candidates file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CandidateRecord<'a> {
    /// `N`: the counts of one spelling.
    Spelling { spelling: Cow<'a, str>, counts: SpellingCounts },
    /// `Z`: the end, counting the records between the first line and it.
    End { records: u64 },
}

impl CandidateRecord<'_> {
    /// The record of a line's fields (unescaped); the error says what is
    /// wrong with them.
    pub fn parse(fields: Vec<String>) -> Result<CandidateRecord<'static>, String> {
        let mut f = Fields::new(fields);
        match f.tag.as_str() {
            "N" => {
                f.width(4)?;
                let spelling = f.text().into();
                let counts = SpellingCounts { latin: f.number()?, english_text: f.number()? };
                Ok(CandidateRecord::Spelling { spelling, counts })
            }
            "Z" => {
                f.width(2)?;
                Ok(CandidateRecord::End { records: f.number()? })
            }
            tag => Err(format!("unknown record type `{tag}` in a candidates file")),
        }
    }

    /// Writes the record as one line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            CandidateRecord::Spelling { spelling, counts } => {
                Line::start(out, "N")?.text(spelling)?.number(counts.latin)?.number(counts.english_text)?.end()
            }
            CandidateRecord::End { records } => Line::start(out, "Z")?.number(records)?.end(),
        }
    }
}

/// The fields of a record after its tag, taken in order.
struct Fields {
    tag: String,
    count: usize,
    rest: std::vec::IntoIter<String>,
}

impl Fields {
    fn new(fields: Vec<String>) -> Self {
        let count = fields.len();
        let mut rest = fields.into_iter();
        let tag = rest.next().unwrap_or_default();
        Fields { tag, count, rest }
    }

    /// Checks the number of fields, the tag included, so that the readers
    /// below never run out.
    fn width(&self, count: usize) -> Result<(), String> {
        if self.count == count {
            Ok(())
        } else {
            Err(format!("a {} record has {count} fields, this one has {}", self.tag, self.count))
        }
    }

    fn text(&mut self) -> String {
        self.rest.next().unwrap_or_default()
    }

    fn number<T: FromStr>(&mut self) -> Result<T, String> {
        let field = self.text();
        field.parse().map_err(|_| format!("{field:?} is not a valid number"))
    }

    fn method(&mut self) -> Result<Method, String> {
        let field = self.text();
        Method::parse(&field).ok_or_else(|| format!("{field:?} is not a method"))
    }

    fn place(&mut self) -> Result<Place, String> {
        let file = self.text();
        Ok(Place { article: ArticleKey::new(file, self.number()?), offset: self.number()? })
    }
}

/// A record being written: fields after the first are preceded by a TAB,
/// text is escaped (numbers never need it).
struct Line<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Line<'w> {
    fn start(out: &'w mut dyn Write, tag: &str) -> io::Result<Self> {
        out.write_all(tag.as_bytes())?;
        Ok(Line { out })
    }

    fn text(&mut self, text: &str) -> io::Result<&mut Self> {
        self.out.write_all(b"\t")?;
        self.out.write_all(escape_field(text).as_bytes())?;
        Ok(self)
    }

    fn number(&mut self, number: impl Display) -> io::Result<&mut Self> {
        write!(self.out, "\t{number}")?;
        Ok(self)
    }

    fn place(&mut self, place: &Place) -> io::Result<&mut Self> {
        self.text(&place.article.file)?.number(place.article.ordinal)?.number(place.offset)
    }

    fn end(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }
}

/// Escapes a field: backslash, TAB, LF and CR.
pub(crate) fn escape_field(field: &str) -> Cow<'_, str> {
    if !field.contains(['\\', '\t', '\n', '\r']) {
        return field.into();
    }
    let mut out = String::with_capacity(field.len() + 8);
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.into()
}

/// Undoes [`escape_field`]; `None` for a bad escape.
pub(crate) fn unescape_field(field: &str) -> Option<String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text with every character the format escapes, and Arabic.
    const AWKWARD: &str = "عربي\tTab\nLF\rCR\\back\\t slash";

    fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn fields(line: &str) -> Vec<String> {
        let line = line.strip_suffix('\n').unwrap();
        assert!(!line.contains(['\n', '\r']), "{line:?}");
        line.split('\t').map(|f| unescape_field(f).unwrap()).collect()
    }

    #[test]
    fn fields_escape_and_round_trip() {
        for s in ["", "plain", "a\tb", "line\nnext\r\n", "back\\slash", "\\t literally", "عربي\tEnglish\\n", AWKWARD]
        {
            let e = escape_field(s);
            assert!(!e.contains(['\t', '\n', '\r']), "{e:?}");
            assert_eq!(unescape_field(&e).as_deref(), Some(s));
        }
        assert_eq!(unescape_field("bad\\x"), None);
        assert_eq!(unescape_field("trailing\\"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_fields_round_trip_through_one_line(
            fields in proptest::collection::vec(crate::testutil::awkward_text(), 1..5),
        ) {
            let escaped: Vec<Cow<'_, str>> = fields.iter().map(|f| escape_field(f)).collect();
            for e in &escaped {
                proptest::prop_assert!(!e.contains(['\t', '\n', '\r']), "{:?}", e);
            }
            let line = escaped.join("\t");
            let back: Option<Vec<String>> = line.split('\t').map(unescape_field).collect();
            proptest::prop_assert_eq!(back, Some(fields));
        }
    }

    #[test]
    fn every_record_round_trips() {
        let text = || Cow::Owned(AWKWARD.to_string());
        let place = Place { article: ArticleKey::new(format!("dir/{AWKWARD}.txt"), 7), offset: 1234 };
        let records = [
            Record::Setting { name: "min-score".into(), value: text() },
            Record::Articles(u64::MAX),
            Record::Term { en: text(), kind: "org".into() },
            Record::Term { en: "Empty Kind".into(), kind: "".into() },
            Record::Entry { en: text(), count: 3, docs: 2, score: 0.912_345_7 },
            Record::Rendering {
                en: text(),
                rendering: Cow::Owned(RenderingStats {
                    form: AWKWARD.into(),
                    count: 2,
                    method: Method::Translation,
                    score: 1.0 / 3.0,
                    first: place.clone(),
                }),
            },
            Record::Context {
                en: text(),
                context: Cow::Owned(ContextStats {
                    place: place.clone(),
                    context: Context { text: AWKWARD.into(), source: format!("{AWKWARD}:1") },
                }),
            },
            Record::Units(42),
            Record::Span(Cow::Owned(ArabicSpan {
                norm: AWKWARD.into(),
                display: format!("{AWKWARD} shown"),
                units: 5,
                first: place.article.clone(),
                context: AWKWARD.into(),
                source: "".into(),
            })),
            Record::Phrase { phrase: text(), units: 4, whole: 3 },
            Record::Pair { norm: text(), phrase: "White House".into(), units: 3 },
            Record::End { records: 11 },
        ];
        let mut tags = Vec::new();
        for record in &records {
            let line = written(|out| record.write(out));
            assert!(line.starts_with(record.tag()), "{line:?}");
            assert_eq!(&Record::parse(fields(&line)).unwrap(), record, "{line:?}");
            tags.push(record.tag());
        }
        tags.dedup();
        assert_eq!(tags, PARTIAL_RECORD_ORDER);

        let counts = SpellingCounts { latin: 3, english_text: u64::MAX };
        for record in [CandidateRecord::Spelling { spelling: text(), counts }, CandidateRecord::End { records: 1 }] {
            let line = written(|out| record.write(out));
            assert_eq!(CandidateRecord::parse(fields(&line)).unwrap(), record, "{line:?}");
        }
    }

    #[test]
    fn checksums_chain_and_find_any_changed_byte() {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        let mut sums = Checksums::default();
        for record in [Record::Articles(7), Record::Units(3)] {
            sums.write(&mut out, &mut buf, |w| record.write(w)).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("D\t7\t") && lines[0].len() == 4 + 16, "{text}");
        let mut sums = Checksums::default();
        assert_eq!(sums.check(lines[0]), Ok("D\t7"));
        assert_eq!(sums.check(lines[1]), Ok("U\t3"));
        // The same line after another one has another checksum.
        assert!(Checksums::default().check(lines[1]).unwrap_err().contains("does not match its checksum"));
        // Every byte changed to every other value is found.
        for i in 0..lines[0].len() {
            for b in 0..=255u8 {
                let mut bytes = lines[0].as_bytes().to_vec();
                if bytes[i] == b {
                    continue;
                }
                bytes[i] = b;
                let Ok(damaged) = std::str::from_utf8(&bytes) else { continue };
                assert!(Checksums::default().check(damaged).is_err(), "{damaged:?}");
            }
        }
        assert!(Checksums::default().check("D\t7").unwrap_err().contains("not a checksum"));
        assert!(Checksums::default().check("D7").unwrap_err().contains("no checksum field"));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let parse = |line: &str| Record::parse(line.split('\t').map(String::from).collect()).unwrap_err();
        assert_eq!(parse("Q\t1"), "unknown record type `Q` in a partial file");
        assert_eq!(parse("N\tx\t1\t0"), "unknown record type `N` in a partial file");
        assert_eq!(parse("D\t1\t2"), "a D record has 2 fields, this one has 3");
        assert_eq!(parse("U\t-1"), "\"-1\" is not a valid number");
        assert_eq!(parse("R\ten\tform\t1\tguesswork\t0.9\tf\t0\t0"), "\"guesswork\" is not a method");
        let parse = |line: &str| CandidateRecord::parse(line.split('\t').map(String::from).collect()).unwrap_err();
        assert_eq!(parse("T\tx\ty"), "unknown record type `T` in a candidates file");
        assert_eq!(parse("N\tx\t1"), "a N record has 4 fields, this one has 3");
    }
}
