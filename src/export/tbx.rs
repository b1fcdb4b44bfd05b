//! TBX-Basic termbases, for CAT tools.
//!
//! Version 2 (ISO 30042:2008, `martif`) is the default because it is what
//! memoQ, Trados, OmegaT and Weblate import; the TBX Checker wants the XML
//! declaration, the `TBXBasiccoreStructV02.dtd` doctype and `titleStmt`
//! before `sourceDesc`, so the header has all three. Version 3
//! (ISO 30042:2019, DCA style) has the same content under other names:
//! `conceptEntry`/`langSec`/`termSec` for `termEntry`/`langSet`/`tig`.
//!
//! One concept entry per glossary entry, holding: the kind as
//! `descrip type="subjectField"` and the reviewer's note as a `note`
//! (concept level); an Arabic section with every rendering, each with its
//! part of speech and administrative status (a forbidden rendering is
//! `deprecatedTerm-admn-sts`, so QA flags it); the first context sentence,
//! with its source in a `note`, on the first Arabic term (the sentence is
//! Arabic, and TBX-Basic puts `context` at term level); and an English
//! section with the term as preferred and its variants as admitted. Every
//! term of a forbidden entry, English too, is deprecated: a preferred
//! English term would be offered as the translation of the Arabic in an
//! ar→en project, the very pair the reviewer forbade.
//!
//! What each version's TBX-Basic allows decides three details:
//!
//! - **Part of speech.** The names are proper nouns, and v2's TBX-Basic XCS
//!   (`TBXBasicXCSV02.xcs`) lists `properNoun` in its `partOfSpeech`
//!   picklist, so v2 says so. v3's TBX-Basic Schematron allows only
//!   `adjective`, `noun`, `other`, `verb` and `adverb`, so v3 says `noun`.
//! - **The constraint specification (v2).** The TBX Checker checks every
//!   `langSet` language against the XCS the header names, and the standard
//!   TBX-Basic XCS declares only English, French and German. The header
//!   therefore names [`XCS_FILE_NAME`], nazir's own copy of the TBX-Basic
//!   data categories declaring `ar` and `en` ([`xcs`]), and
//!   [`super::export_to_file`] writes it beside the TBX file. It is a
//!   separate file because the Checker (1.2.9) refuses an XCS embedded with
//!   `XCSContent` ("XCSContent location type unsupported") and resolves
//!   `XCSURI` against the TBX file's folder. Whoever moves the TBX file
//!   takes the XCS along (or lets `nazir export` write both again).
//! - **Entry ids.** `id` is an XML `ID`: a name (NCName) and unique in the
//!   file. The glossary's own ids (`n` and twelve hex digits) are names, but
//!   a reviewer may type `1` or `my id`. Such an id is mapped ([`entry_ids`]:
//!   characters a name cannot hold become `_`, a leading one that cannot
//!   start a name gets `_` before it, a repeat gets `-2`, `-3`…) and the
//!   reviewer's id is kept in a concept-level `note` (`id: my id`), so
//!   nothing is lost and the mapping is the same on every export.
//!
//! With [`ExportOptions::omit_forbidden`](super::profile::ExportOptions::omit_forbidden),
//! forbidden entries and forbidden renderings are left out. OmegaT's TBX
//! reader ignores `administrativeStatus` and would offer a deprecated term
//! as a translation; a termbase meant for it should not hold one.
//!
//! quick-xml escapes text and attributes; characters XML 1.0 cannot carry
//! at all (C0 controls other than TAB, LF and CR) become spaces.

use super::profile::{ExportOptions, Profile, TbxVersion, write_failed};
use crate::error::Result;
use crate::glossary::{Entry, EntryStatus, TermStatus};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};

/// The title in the header.
const TITLE: &str = "Arabic-English glossary of foreign names";

/// The file name of nazir's constraint specification, as the header of a
/// v2 termbase names it (`<p type="XCSURI">`), relative to the TBX file.
pub const XCS_FILE_NAME: &str = "nazir-TBX-Basic-ar-en.xcs";

/// The languages [`xcs`] declares.
pub const XCS_LANGUAGES: [&str; 2] = ["ar", "en"];

/// The file name of the standard TBX-Basic XCS, which declares only these
/// languages (`TBXBasicXCSV02.xcs`, TBX-Basic package 2008).
pub const STANDARD_XCS: (&str, [&str; 3]) = ("TBXBasicXCSV02.xcs", ["en", "fr", "de"]);

/// nazir's TBX-Basic constraint specification (XCS) for v2 termbases: the
/// data categories and picklists of TBX-Basic, unchanged, and the
/// languages Arabic and English. [`super::export_to_file`] writes it beside
/// a v2 TBX file as [`XCS_FILE_NAME`].
pub fn xcs() -> &'static str {
    XCS
}

/// The XCS text. The data categories are TBX-Basic's own (names, ISO 12620
/// ids and picklists), so a termbase valid against this XCS is TBX-Basic;
/// only the language list differs from the standard file.
const XCS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TBXXCS SYSTEM "tbxxcsdtd.dtd">
<TBXXCS name="Basic" version="2" lang="en">
  <header>
    <title>TBX-Basic constraints for Arabic-English glossaries exported by nazir</title>
  </header>
  <!-- The data categories below are those of TBX-Basic; only the languages are nazir's. -->
  <languages>
    <langInfo>
      <langCode>ar</langCode>
      <langName>Arabic</langName>
    </langInfo>
    <langInfo>
      <langCode>en</langCode>
      <langName>English</langName>
    </langInfo>
  </languages>
  <datCatSet>
    <termNoteSpec name="administrativeStatus" datcatId="ISO12620A-020903">
      <contents datatype="picklist">preferredTerm-admn-sts admittedTerm-admn-sts deprecatedTerm-admn-sts supersededTerm-admn-sts</contents>
    </termNoteSpec>
    <descripSpec name="context" datcatId="ISO12620A-0503">
      <contents/>
      <levels>term</levels>
    </descripSpec>
    <refSpec name="crossReference" datcatId="ISO12620A-1018">
      <contents targetType="element"/>
    </refSpec>
    <adminSpec name="customerSubset" datcatId="ISO12620A-100301">
      <contents datatype="plainText"/>
    </adminSpec>
    <descripSpec name="definition" datcatId="ISO12620A-0501">
      <contents/>
      <levels>langSet termEntry</levels>
    </descripSpec>
    <xrefSpec name="externalCrossReference" datcatId="ISO12620A-101807">
      <contents targetType="external"/>
    </xrefSpec>
    <termNoteSpec name="geographicalUsage" datcatId="ISO12620A-020302">
      <contents datatype="plainText"/>
    </termNoteSpec>
    <termNoteSpec name="grammaticalGender" datcatId="ISO12620A-020202">
      <contents datatype="picklist" forTermComp="yes">masculine feminine neuter other</contents>
    </termNoteSpec>
    <termNoteSpec name="partOfSpeech" datcatId="ISO12620A-020201">
      <contents datatype="picklist" forTermComp="yes">noun verb adjective adverb properNoun other</contents>
    </termNoteSpec>
    <adminSpec name="projectSubset" datcatId="ISO12620A-100303">
      <contents datatype="plainText"/>
    </adminSpec>
    <transacNoteSpec name="responsibility" datcatId="ISO12620A-100202">
      <contents targetType="respPerson"/>
    </transacNoteSpec>
    <adminSpec name="source" datcatId="ISO12620A-1019">
      <contents/>
    </adminSpec>
    <descripSpec name="subjectField" datcatId="iso12620A-04">
      <contents datatype="plainText"/>
      <levels>termEntry</levels>
    </descripSpec>
    <termNoteSpec name="termLocation" datcatId="n/a">
      <contents datatype="plainText"/>
    </termNoteSpec>
    <termNoteSpec name="termType" datcatId="ISO12620A-0201">
      <contents datatype="picklist">abbreviation acronym fullForm shortForm variant phrase</contents>
    </termNoteSpec>
    <transacSpec name="transactionType" datcatId="ISO12620A-1001">
      <contents datatype="picklist">origination modification</contents>
    </transacSpec>
    <xrefSpec name="xGraphic" datcatId="ISO12620A-050501">
      <contents targetType="external"/>
    </xrefSpec>
  </datCatSet>
  <refObjectDefSet>
    <refObjectDef>
      <refObjectType/>
      <itemSpecSet type="none">
        <itemSpec type="none"/>
      </itemSpecSet>
    </refObjectDef>
  </refObjectDefSet>
</TBXXCS>
"#;

/// The part of speech of every term: see the module documentation.
fn part_of_speech(version: TbxVersion) -> &'static str {
    match version {
        TbxVersion::V2 => "properNoun",
        TbxVersion::V3 => "noun",
    }
}

/// Whether `c` may start an XML name (XML 1.0, fifth edition, production
/// 4, without `:`).
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// Whether `c` may continue an XML name (production 4a, without `:`).
fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `id` is an NCName, the type of XML `ID` attributes (and so of
/// TBX entry ids).
pub fn is_ncname(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// `id` made a name: characters a name cannot hold become `_`, and `_` goes
/// before a first character that cannot start one (`1` → `_1`).
fn to_ncname(id: &str) -> String {
    let mut name: String = id.trim().chars().map(|c| if is_name_char(c) { c } else { '_' }).collect();
    if !name.chars().next().is_some_and(is_name_start) {
        name.insert(0, '_');
    }
    name
}

/// The `id` each entry gets in the file, in order: its own id when that is
/// a name no earlier entry took, otherwise a mapped one (characters a name
/// cannot hold become `_`, `_` goes before a first character that cannot
/// start one, then `-2`, `-3`… until it is free). Ids that are already names are
/// reserved first, so a mapped id never takes the id of a later entry.
pub fn entry_ids<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<String> {
    let entries: Vec<&Entry> = entries.into_iter().collect();
    let mut reserved: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).filter(|id| is_ncname(id)).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids = Vec::with_capacity(entries.len());
    for entry in entries {
        let id = if is_ncname(&entry.id) && !taken.contains(&entry.id) {
            entry.id.clone()
        } else {
            let base = to_ncname(&entry.id);
            let free = |c: &String| !taken.contains(c) && !reserved.contains(c.as_str());
            let mut candidate = base.clone();
            let mut n = 2;
            while !free(&candidate) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        };
        // A valid id is reserved for its first holder only.
        reserved.remove(entry.id.as_str());
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

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
pub(super) fn write_tbx(entries: &[&Entry], options: &ExportOptions, out: &mut dyn Write) -> Result<usize> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let terms = write_document(&mut w, entries, options).map_err(|e| write_failed(Profile::Tbx, e))?;
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

fn write_document(w: &mut Xml, entries: &[&Entry], options: &ExportOptions) -> io::Result<usize> {
    let version = options.tbx_version;
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
            leaf(w, "p", &[("type", "XCSURI")], XCS_FILE_NAME)?;
            end(w, "encodingDesc")?;
            end(w, "martifHeader")?;
        }
        TbxVersion::V3 => end(w, "tbxHeader")?,
    }
    start(w, "text", &[])?;
    start(w, "body", &[])?;
    let tags = Tags::of(version);
    let mut terms = 0;
    for (entry, id) in entries.iter().zip(entry_ids(entries.iter().copied())) {
        terms += write_entry(w, entry, &id, &tags, options)?;
    }
    end(w, "body")?;
    end(w, "text")?;
    end(w, root)?;
    Ok(terms)
}

/// Writes one concept entry; returns the number of terms.
fn write_entry(w: &mut Xml, entry: &Entry, id: &str, tags: &Tags, options: &ExportOptions) -> io::Result<usize> {
    let pos = part_of_speech(options.tbx_version);
    start(w, tags.entry, &[("id", id)])?;
    if !entry.kind.trim().is_empty() {
        leaf(w, "descrip", &[("type", "subjectField")], entry.kind.trim())?;
    }
    if !entry.note.trim().is_empty() {
        leaf(w, "note", &[], entry.note.trim())?;
    }
    if id != entry.id {
        leaf(w, "note", &[], &format!("id: {}", entry.id))?;
    }
    let forbidden = entry.status == EntryStatus::Forbidden;
    start(w, tags.lang, &[("xml:lang", "ar")])?;
    let renderings = entry.renderings.iter().filter(|r| !(options.omit_forbidden && r.status == TermStatus::Forbidden));
    let mut arabic = 0;
    for (i, r) in renderings.enumerate() {
        arabic += 1;
        let status = if forbidden { TermStatus::Forbidden } else { r.status };
        start(w, tags.term, &[])?;
        write_term(w, &r.form, pos, status)?;
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
        write_term(w, term, pos, if forbidden { TermStatus::Forbidden } else { status })?;
        end(w, tags.term)?;
    }
    end(w, tags.lang)?;
    end(w, tags.entry)?;
    Ok(arabic + english.count())
}

/// The term and its term notes (they come first in a `tig`/`termSec`).
fn write_term(w: &mut Xml, term: &str, pos: &str, status: TermStatus) -> io::Result<()> {
    leaf(w, "term", &[], term)?;
    leaf(w, "termNote", &[("type", "partOfSpeech")], pos)?;
    leaf(w, "termNote", &[("type", "administrativeStatus")], admin_status(status))
}

#[cfg(test)]
mod tests {
    use super::super::profile::fixtures::{entry, sample};
    use super::super::profile::{ExportOptions, ExportReport};
    use super::super::xml::{Node, read_xml};
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
            (Some("partOfSpeech"), part_of_speech(version))
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
        assert_eq!(header.children[1].children[0].text, XCS_FILE_NAME);
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
        // Not a name: mapped, and the reviewer's id kept (escaped) in a note.
        assert_eq!(entry.attribute("id"), Some("n_1__"));
        assert!(text.contains("<note>id: n&quot;1&amp;&lt;</note>"), "{text}");
        assert_eq!(entry.children[0].text, "a < b & \"c\" d");
        assert_eq!(entry.children[1].text, "id: n\"1&<");
        let tags = Tags::of(TbxVersion::V2);
        assert_eq!(terms(lang(entry, &tags, "ar"), &tags)[0].0, "توم & جيري");
        assert_eq!(terms(lang(entry, &tags, "en"), &tags)[0].0, "Tom & Jerry <\"Show\">");
    }

    #[test]
    fn part_of_speech_is_in_each_picklist() {
        let (_, v2, _) = run(&sample(), TbxVersion::V2);
        assert!(v2.contains(">properNoun<") && !v2.contains(">noun<"));
        let (_, v3, _) = run(&sample(), TbxVersion::V3);
        assert!(v3.contains(">noun<") && !v3.contains("properNoun"));
        assert!(xcs().contains("noun verb adjective adverb properNoun other"));
    }

    #[test]
    fn ids_are_names_unique_and_the_reviewers_id_is_kept() {
        assert!(is_ncname("n56d86709b67f") && is_ncname("_1") && is_ncname("جوجل") && is_ncname("a-b.c"));
        for bad in ["", "1", "my id", "a:b", "-x", ".x", "x\u{7}"] {
            assert!(!is_ncname(bad), "{bad:?}");
        }
        let ids = |raw: &[&str]| {
            let entries: Vec<Entry> = raw
                .iter()
                .map(|id| {
                    let mut e = entry("X", EntryStatus::Approved, &[("إكس", TermStatus::Preferred)]);
                    e.id = id.to_string();
                    e
                })
                .collect();
            entry_ids(&entries)
        };
        assert_eq!(ids(&["1", "my id", "n1", "n1", ""]), ["_1", "my_id", "n1", "n1-2", "_"]);
        // A mapped id never takes a later entry's own id.
        assert_eq!(ids(&["my id", "my_id"]), ["my_id-2", "my_id"]);
        assert_eq!(ids(&["a b", "a_b", "a?b"]), ["a_b-2", "a_b", "a_b-3"]);

        let mut g = sample();
        g.entries[0].id = "1".into();
        g.entries[1].id = "my id".into();
        let (_, _, root) = run(&g, TbxVersion::V3);
        let entries: Vec<&Node> = root.descendants().into_iter().filter(|n| n.name == "conceptEntry").collect();
        assert_eq!(entries[0].attribute("id"), Some("_1"));
        assert_eq!(entries[1].attribute("id"), Some("my_id"));
        let notes: Vec<&str> = entries[1].children_named(&["note"]).map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["id: my id"]);
    }

    #[test]
    fn omit_forbidden_leaves_out_forbidden_entries_and_renderings() {
        let options = ExportOptions { omit_forbidden: true, ..ExportOptions::new(Profile::Tbx) };
        let mut out = Vec::new();
        let report = export(&sample(), &options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!((report.entries, report.lines, report.skipped_by_status), (2, 6, 3));
        assert!(!text.contains("deprecatedTerm") && !text.contains("قوقل") && !text.contains("Qooqle"), "{text}");
        assert!(text.contains("قال جوجل إن"), "the context stays on the first term");
    }
}
