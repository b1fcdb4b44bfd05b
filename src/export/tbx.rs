//! TBX-Basic termbases, for CAT tools.
//!
//! Version 2 (ISO 30042:2008, `martif`) is the default because it is what
//! memoQ, Trados, OmegaT and Weblate import; the TBX Checker wants the XML
//! declaration, the `TBXBasiccoreStructV02.dtd` doctype and `titleStmt`
//! before `sourceDesc`, so the header has all three. Version 3
//! (ISO 30042:2019, DCA style) has the same content under other names:
//! `conceptEntry`/`langSec`/`termSec` for `termEntry`/`langSet`/`tig`.
//!
//! One concept entry per glossary entry, its `id` the entry id, holding:
//! the kind as `descrip type="subjectField"` and the reviewer's note as a
//! `note` (concept level); an Arabic section with every rendering, each
//! marked `properNoun` with its administrative status (a forbidden
//! rendering is `deprecatedTerm-admn-sts`, so QA flags it); the first
//! context sentence, with its source in a `note`, on the first Arabic term
//! (the sentence is Arabic, and TBX-Basic puts `context` at term level);
//! and an English section with the term as preferred and its variants as
//! admitted. Every term of a forbidden entry, English too, is deprecated:
//! a preferred English term would be offered as the translation of the
//! Arabic in an ar→en project, the very pair the reviewer forbade.
//!
//! quick-xml escapes text and attributes; characters XML 1.0 cannot carry
//! at all (C0 controls other than TAB, LF and CR) become spaces.

use super::profile::{Profile, TbxVersion, write_failed};
use crate::error::Result;
use crate::glossary::{Entry, EntryStatus, TermStatus};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::io::{self, Write};

/// The title in the header.
const TITLE: &str = "Arabic-English glossary of foreign names";

/// The element names of one TBX version.
struct Tags {
    entry: &'static str,
    lang: &'static str,
    term: &'static str,
}

impl Tags {
    fn of(version: TbxVersion) -> Self {
        match version {
            TbxVersion::V2 => Tags { entry: "termEntry", lang: "langSet", term: "tig" },
            TbxVersion::V3 => Tags { entry: "conceptEntry", lang: "langSec", term: "termSec" },
        }
    }
}

/// The administrative status of a term.
fn admin_status(status: TermStatus) -> &'static str {
    match status {
        TermStatus::Preferred => "preferredTerm-admn-sts",
        TermStatus::Admitted => "admittedTerm-admn-sts",
        TermStatus::Forbidden => "deprecatedTerm-admn-sts",
    }
}

/// `text` with the characters XML 1.0 forbids replaced by spaces.
fn xml_safe(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if text.contains(bad) { text.replace(bad, " ").into() } else { text.into() }
}

/// Writes the termbase; returns the number of terms.
pub(super) fn write_tbx(entries: &[&Entry], version: TbxVersion, out: &mut dyn Write) -> Result<usize> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let terms = write_document(&mut w, entries, version).map_err(|e| write_failed(Profile::Tbx, e))?;
    w.into_inner().write_all(b"\n").map_err(|e| write_failed(Profile::Tbx, e))?;
    Ok(terms)
}

type Xml<'a> = Writer<&'a mut dyn Write>;

fn start(w: &mut Xml, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name).with_attributes(attributes.iter().copied())))
}

fn end(w: &mut Xml, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// An element holding only text.
fn leaf(w: &mut Xml, name: &str, attributes: &[(&str, &str)], text: &str) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attributes.iter().copied())
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

fn write_document(w: &mut Xml, entries: &[&Entry], version: TbxVersion) -> io::Result<usize> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let source = format!("exported by nazir {}", env!("CARGO_PKG_VERSION"));
    let root = match version {
        TbxVersion::V2 => {
            w.write_event(Event::DocType(BytesText::from_escaped(r#"martif SYSTEM "TBXBasiccoreStructV02.dtd""#)))?;
            start(w, "martif", &[("type", "TBX-Basic"), ("xml:lang", "en")])?;
            start(w, "martifHeader", &[])?;
            "martif"
        }
        TbxVersion::V3 => {
            w.write_event(Event::PI(BytesPI::new(r#"xml-model href="TBXcoreStructV03.rng" type="application/xml""#)))?;
            let attributes =
                [("type", "TBX-Basic"), ("style", "dca"), ("xml:lang", "en"), ("xmlns", "urn:iso:std:iso:30042:ed-2")];
            start(w, "tbx", &attributes)?;
            start(w, "tbxHeader", &[])?;
            "tbx"
        }
    };
    start(w, "fileDesc", &[])?;
    start(w, "titleStmt", &[])?;
    leaf(w, "title", &[], TITLE)?;
    end(w, "titleStmt")?;
    start(w, "sourceDesc", &[])?;
    leaf(w, "p", &[], &source)?;
    end(w, "sourceDesc")?;
    end(w, "fileDesc")?;
    match version {
        TbxVersion::V2 => {
            start(w, "encodingDesc", &[])?;
            leaf(w, "p", &[("type", "XCSURI")], "TBXBasicXCSV02.xcs")?;
            end(w, "encodingDesc")?;
            end(w, "martifHeader")?;
        }
        TbxVersion::V3 => end(w, "tbxHeader")?,
    }
    start(w, "text", &[])?;
    start(w, "body", &[])?;
    let tags = Tags::of(version);
    let mut terms = 0;
    for entry in entries {
        terms += write_entry(w, entry, &tags)?;
    }
    end(w, "body")?;
    end(w, "text")?;
    end(w, root)?;
    Ok(terms)
}

/// Writes one concept entry; returns the number of terms.
fn write_entry(w: &mut Xml, entry: &Entry, tags: &Tags) -> io::Result<usize> {
    start(w, tags.entry, &[("id", &entry.id)])?;
    if !entry.kind.trim().is_empty() {
        leaf(w, "descrip", &[("type", "subjectField")], entry.kind.trim())?;
    }
    if !entry.note.trim().is_empty() {
        leaf(w, "note", &[], entry.note.trim())?;
    }
    let forbidden = entry.status == EntryStatus::Forbidden;
    start(w, tags.lang, &[("xml:lang", "ar")])?;
    for (i, r) in entry.renderings.iter().enumerate() {
        let status = if forbidden { TermStatus::Forbidden } else { r.status };
        start(w, tags.term, &[])?;
        write_term(w, &r.form, status)?;
        if let (0, Some(context)) = (i, entry.contexts.first()) {
            leaf(w, "descrip", &[("type", "context")], &context.text)?;
            if !context.source.is_empty() {
                leaf(w, "note", &[], &format!("source: {}", context.source))?;
            }
        }
        end(w, tags.term)?;
    }
    end(w, tags.lang)?;
    start(w, tags.lang, &[("xml:lang", "en")])?;
    let english = std::iter::once((&entry.en, TermStatus::Preferred))
        .chain(entry.en_variants.iter().map(|v| (v, TermStatus::Admitted)));
    for (term, status) in english.clone() {
        start(w, tags.term, &[])?;
        write_term(w, term, if forbidden { TermStatus::Forbidden } else { status })?;
        end(w, tags.term)?;
    }
    end(w, tags.lang)?;
    end(w, tags.entry)?;
    Ok(entry.renderings.len() + english.count())
}

/// The term and its term notes (they come first in a `tig`/`termSec`).
fn write_term(w: &mut Xml, term: &str, status: TermStatus) -> io::Result<()> {
    leaf(w, "term", &[], term)?;
    leaf(w, "termNote", &[("type", "partOfSpeech")], "properNoun")?;
    leaf(w, "termNote", &[("type", "administrativeStatus")], admin_status(status))
}

#[cfg(test)]
mod tests {
    use super::super::profile::fixtures::{entry, sample};
    use super::super::profile::{ExportOptions, ExportReport};
    use super::super::validate::{Node, read_xml};
    use super::*;
    use crate::export::export;
    use crate::glossary::Glossary;

    fn run(glossary: &Glossary, version: TbxVersion) -> (ExportReport, String, Node) {
        let mut out = Vec::new();
        let report =
            export(glossary, &ExportOptions { tbx_version: version, ..ExportOptions::new(Profile::Tbx) }, &mut out)
                .unwrap();
        let text = String::from_utf8(out).unwrap();
        let root = read_xml(&text).unwrap_or_else(|p| panic!("{p}\n{text}"));
        (report, text, root)
    }

    fn names(nodes: &[&Node]) -> Vec<String> {
        nodes.iter().map(|n| n.name.clone()).collect()
    }

    /// The terms of a language section with their administrative status.
    fn terms(lang: &Node, tags: &Tags) -> Vec<(String, String)> {
        lang.children_named(&[tags.term])
            .map(|t| {
                let term = t.children_named(&["term"]).next().unwrap().text.clone();
                let status = t
                    .children_named(&["termNote"])
                    .find(|n| n.attribute("type") == Some("administrativeStatus"))
                    .unwrap();
                (term, status.text.clone())
            })
            .collect()
    }

    fn lang<'a>(entry: &'a Node, tags: &Tags, code: &str) -> &'a Node {
        entry.children_named(&[tags.lang]).find(|l| l.attribute("xml:lang") == Some(code)).unwrap()
    }

    /// Checks the entries of `sample()` in either version.
    fn check_entries(root: &Node, version: TbxVersion) {
        let tags = Tags::of(version);
        let g = sample();
        let entries: Vec<&Node> = root.descendants().into_iter().filter(|n| n.name == tags.entry).collect();
        let ids: Vec<&str> = entries.iter().map(|e| e.attribute("id").unwrap()).collect();
        assert_eq!(ids, [&g.entries[0].id, &g.entries[1].id, &g.entries[4].id], "approved and forbidden only");
        let google = entries[0];
        assert_eq!(names(&google.children.iter().collect::<Vec<_>>()), ["descrip", "note", tags.lang, tags.lang]);
        assert_eq!(google.children[0].attribute("type"), Some("subjectField"));
        assert_eq!(google.children[0].text, "organization");
        assert_eq!(google.children[1].text, "search engine");
        let ar = lang(google, &tags, "ar");
        let expected = [
            ("جوجل", "preferredTerm-admn-sts"),
            ("غوغل", "admittedTerm-admn-sts"),
            ("قوقل", "deprecatedTerm-admn-sts"),
        ];
        assert_eq!(terms(ar, &tags), expected.map(|(t, s)| (t.to_string(), s.to_string())));
        let first = &ar.children[0];
        assert_eq!(
            names(&first.children.iter().collect::<Vec<_>>()),
            ["term", "termNote", "termNote", "descrip", "note"]
        );
        assert_eq!(
            (first.children[1].attribute("type"), first.children[1].text.as_str()),
            (Some("partOfSpeech"), "properNoun")
        );
        assert_eq!(
            (first.children[3].attribute("type"), first.children[3].text.as_str()),
            (Some("context"), "قال جوجل إن")
        );
        assert_eq!(first.children[4].text, "source: a.txt:3");
        let en = terms(lang(entries[1], &tags, "en"), &tags);
        assert_eq!(en[0], ("Mohammed bin Salman".into(), "preferredTerm-admn-sts".into()));
        assert_eq!(en[1], ("Muhammad bin Salman".into(), "admittedTerm-admn-sts".into()));
        // Every term of a forbidden entry is deprecated.
        let deprecated = |term: &str| vec![(term.to_string(), "deprecatedTerm-admn-sts".to_string())];
        assert_eq!(terms(lang(entries[2], &tags, "ar"), &tags), deprecated("كوكل"));
        assert_eq!(terms(lang(entries[2], &tags, "en"), &tags), deprecated("Qooqle"));
    }

    #[test]
    fn v2_martif_shape() {
        let (report, text, root) = run(&sample(), TbxVersion::V2);
        assert_eq!(report, ExportReport { entries: 3, lines: 9, skipped_by_status: 2 });
        assert!(
            text.starts_with(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n<martif "
            ),
            "{text}"
        );
        assert_eq!(
            (root.name.as_str(), root.attribute("type"), root.attribute("xml:lang")),
            ("martif", Some("TBX-Basic"), Some("en"))
        );
        assert_eq!(names(&root.children.iter().collect::<Vec<_>>()), ["martifHeader", "text"]);
        let header = &root.children[0];
        assert_eq!(names(&header.children.iter().collect::<Vec<_>>()), ["fileDesc", "encodingDesc"]);
        assert_eq!(names(&header.children[0].children.iter().collect::<Vec<_>>()), ["titleStmt", "sourceDesc"]);
        assert_eq!(header.children[1].children[0].attribute("type"), Some("XCSURI"));
        assert_eq!(header.children[1].children[0].text, "TBXBasicXCSV02.xcs");
        check_entries(&root, TbxVersion::V2);
    }

    #[test]
    fn v3_tbx_shape() {
        let (report, text, root) = run(&sample(), TbxVersion::V3);
        assert_eq!(report.lines, 9);
        assert!(text.contains("<?xml-model href=\"TBXcoreStructV03.rng\""), "{text}");
        assert!(!text.contains("DOCTYPE") && !text.contains("termEntry"));
        assert_eq!(root.name, "tbx");
        assert_eq!(root.attribute("xmlns"), Some("urn:iso:std:iso:30042:ed-2"));
        assert_eq!((root.attribute("type"), root.attribute("style")), (Some("TBX-Basic"), Some("dca")));
        assert_eq!(names(&root.children.iter().collect::<Vec<_>>()), ["tbxHeader", "text"]);
        check_entries(&root, TbxVersion::V3);
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut e = entry("Tom & Jerry <\"Show\">", EntryStatus::Approved, &[("توم & جيري", TermStatus::Preferred)]);
        e.id = "n\"1&<".into();
        e.note = "a < b & \"c\"\u{1}d".into();
        let (_, text, root) = run(&Glossary { entries: vec![e] }, TbxVersion::V2);
        assert!(text.contains("Tom &amp; Jerry &lt;"), "{text}");
        assert!(!text.contains("<\"Show\">") && !text.contains('\u{1}'));
        let entry = root.descendants().into_iter().find(|n| n.name == "termEntry").unwrap();
        assert_eq!(entry.attribute("id"), Some("n\"1&<"));
        assert_eq!(entry.children[0].text, "a < b & \"c\" d");
        let tags = Tags::of(TbxVersion::V2);
        assert_eq!(terms(lang(entry, &tags, "ar"), &tags)[0].0, "توم & جيري");
        assert_eq!(terms(lang(entry, &tags, "en"), &tags)[0].0, "Tom & Jerry <\"Show\">");
    }
}
