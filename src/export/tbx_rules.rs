//! The rules a TBX-Basic file is checked against, for `nazir validate`.
//!
//! A file is v2 (root `martif`, ISO 30042:2008) or v3 (root `tbx`,
//! ISO 30042:2019, DCA style), and is checked as the official validators
//! check it:
//!
//! - **structure**, from the core schemas: v2 from the TBX-Basic core
//!   structure DTD (`TBXBasiccoreStructV02.dtd`, which narrows the TBX DTD:
//!   `tig` only, no `ntig`, `adminGrp` or `termNoteGrp`), v3 from the core
//!   RelaxNG schema (`TBXcoreStructV03.rng`). Each element's children must
//!   be allowed and in the order of its content model; an
//!   element neither version knows is unknown; text goes only where the
//!   schema allows it.
//! - **attributes**: the required ones (`type` on data-category elements,
//!   `xml:lang` on language sections and on the root, `id` on v3 concept
//!   entries, `target` on `xref`, `style` on the v3 root); every `id` an
//!   XML name (NCName) and unique in the file; `xml:lang` a language tag.
//! - **v3 dialect** (TBX-Basic DCA Schematron): root `type="TBX-Basic"`,
//!   `style="dca"`, every element in the namespace
//!   `urn:iso:std:iso:30042:ed-2`.
//! - **TBX-Basic data categories**: the `type` values each element may
//!   have, the picklists (`administrativeStatus`, `partOfSpeech` (v2 also
//!   allows `properNoun`), `grammaticalGender`, `termType`,
//!   `transactionType`) and levels (`context` in a term section,
//!   `definition` in an entry or language section, `subjectField` in an
//!   entry), from the v2 XCS (`TBXBasicXCSV02.xcs`) and the v3 Schematron
//!   (`TBX-Basic_DCA.sch`).
//! - **v2 and the TBX Checker**: an XML declaration and a `martif` doctype
//!   (the Checker stops without them), an XCS named in the header
//!   (`<p type="XCSURI">`, or the older `DCSName`) and every `langSet`
//!   language declared in it. The XCS is read from the file's folder when
//!   the file's path is known, as the Checker does; otherwise, and when it
//!   is not there, nazir's own ([`super::tbx::XCS_FILE_NAME`]) and the
//!   standard TBX-Basic XCS are known by name, and any other is reported as
//!   not found.
//!
//! Single-language entries are valid (the schemas ask for one language
//! section or more), and so are empty terms (the schemas allow them).

use super::tbx::{STANDARD_XCS, XCS_FILE_NAME, XCS_LANGUAGES, is_ncname};
use super::xml::{Node, XmlDocument, read_xml, read_xml_document};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The TBX v3 namespace (ISO 30042:2019).
const TBX_NS: &str = "urn:iso:std:iso:30042:ed-2";

/// Unbounded repetition in a [`Slot`].
const MANY: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V2,
    V3,
}

/// One step of a content model: one of `names`, `min` to `max` times.
struct Slot {
    names: &'static [&'static str],
    min: usize,
    max: usize,
}

const fn one(names: &'static [&'static str]) -> Slot {
    Slot { names, min: 1, max: 1 }
}
const fn opt(names: &'static [&'static str]) -> Slot {
    Slot { names, min: 0, max: 1 }
}
const fn any(names: &'static [&'static str]) -> Slot {
    Slot { names, min: 0, max: MANY }
}
const fn some(names: &'static [&'static str]) -> Slot {
    Slot { names, min: 1, max: MANY }
}

/// What an element may contain.
enum Content {
    /// Child elements in this order; no text.
    Elements(&'static [Slot]),
    /// Text, mixed with these inline elements in any order.
    Text(&'static [&'static str]),
}

/// `auxInfo` of the TBX-Basic v2 DTD (no `adminGrp`).
const AUX_V2: &[&str] = &["descrip", "descripGrp", "admin", "transacGrp", "note", "ref", "xref"];
/// `entity.auxInfo` of the v3 core schema.
const AUX_V3: &[&str] = &["admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"];
/// `entity.noteLinkInfo` of the v3 core schema.
const NOTE_LINK_V3: &[&str] = &["admin", "adminGrp", "note", "ref", "transacGrp", "xref"];
/// Inline elements of `noteText`.
const NOTE_TEXT_V2: &[&str] = &["hi", "foreign", "bpt", "ept", "ph"];
const NOTE_TEXT_V3: &[&str] = &["ec", "foreign", "hi", "ph", "sc"];

/// The content model of `name` in `version`, or `None` for an element the
/// version does not have.
fn model(version: Version, name: &str) -> Option<Content> {
    use Content::{Elements, Text};
    let shared = match name {
        "titleStmt" => Some(Elements(const { &[one(&["title"]), any(&["note"])] })),
        "publicationStmt" | "sourceDesc" | "encodingDesc" | "change" => Some(Elements(const { &[some(&["p"])] })),
        "revisionDesc" => Some(Elements(const { &[some(&["change"])] })),
        _ => None,
    };
    if shared.is_some() {
        return shared;
    }
    match version {
        Version::V2 => Some(match name {
            "martif" => Elements(const { &[one(&["martifHeader"]), one(&["text"])] }),
            "martifHeader" => Elements(const { &[one(&["fileDesc"]), opt(&["encodingDesc"]), opt(&["revisionDesc"])] }),
            "fileDesc" => Elements(const { &[opt(&["titleStmt"]), opt(&["publicationStmt"]), some(&["sourceDesc"])] }),
            "text" => Elements(const { &[one(&["body"]), opt(&["back"])] }),
            "body" => Elements(const { &[some(&["termEntry"])] }),
            "back" => Elements(const { &[any(&["refObjectList"])] }),
            "refObjectList" => Elements(const { &[some(&["refObject"])] }),
            "refObject" => Elements(const { &[some(&["item"])] }),
            "termEntry" => Elements(const { &[any(AUX_V2), some(&["langSet"])] }),
            "langSet" => Elements(const { &[any(AUX_V2), some(&["tig"])] }),
            "tig" => Elements(const { &[one(&["term"]), any(&["termNote"]), any(AUX_V2)] }),
            "descripGrp" => Elements(const { &[one(&["descrip"]), any(&["admin"])] }),
            "transacGrp" => Elements(const { &[one(&["transac"]), any(&["transacNote", "date"])] }),
            "p" | "note" | "descrip" | "admin" | "termNote" | "item" | "foreign" => Text(NOTE_TEXT_V2),
            "term" => Text(&["hi"]),
            "title" | "ref" | "xref" | "transac" | "transacNote" | "date" | "hi" | "bpt" | "ept" | "ph" => Text(&[]),
            _ => return None,
        }),
        Version::V3 => Some(match name {
            "tbx" => Elements(const { &[one(&["tbxHeader"]), one(&["text"])] }),
            "tbxHeader" => Elements(const { &[one(&["fileDesc"]), opt(&["encodingDesc"]), opt(&["revisionDesc"])] }),
            "fileDesc" => Elements(const { &[opt(&["publicationStmt"]), opt(&["titleStmt"]), one(&["sourceDesc"])] }),
            "text" => Elements(const { &[opt(&["body"]), opt(&["back"])] }),
            "body" => Elements(const { &[some(&["conceptEntry"])] }),
            "back" => Elements(const { &[any(&["refObjectSec"])] }),
            "refObjectSec" => Elements(const { &[some(&["refObject"])] }),
            "refObject" => Elements(const { &[some(&["itemSet", "itemGrp", "item"])] }),
            "itemSet" => Elements(const { &[some(&["itemGrp", "item"])] }),
            "itemGrp" => Elements(const { &[one(&["item"]), any(NOTE_LINK_V3)] }),
            "conceptEntry" => Elements(const { &[any(AUX_V3), some(&["langSec"])] }),
            "langSec" => Elements(const { &[any(AUX_V3), some(&["termSec"])] }),
            "termSec" => Elements(const { &[one(&["term"]), any(&["termNote", "termNoteGrp"]), any(AUX_V3)] }),
            "termNoteGrp" => Elements(const { &[one(&["termNote"]), any(NOTE_LINK_V3)] }),
            "adminGrp" => Elements(const { &[one(&["admin"]), any(&["adminNote", "note", "ref", "xref"])] }),
            "descripGrp" => Elements(
                const {
                    &[
                        one(&["descrip"]),
                        any(&["admin", "adminGrp", "descripNote", "note", "ref", "transacGrp", "xref"]),
                    ]
                },
            ),
            "transacGrp" => {
                Elements(const { &[one(&["transac"]), any(&["date", "note", "ref", "transacNote", "xref"])] })
            }
            "p" | "note" | "descrip" | "admin" | "termNote" | "item" | "foreign" => Text(NOTE_TEXT_V3),
            "term" => Text(&["hi"]),
            "title" | "ref" | "xref" | "transac" | "transacNote" | "adminNote" | "descripNote" | "date" | "hi"
            | "ec" | "ph" | "sc" => Text(&[]),
            _ => return None,
        }),
    }
}

/// The attributes an element must have.
fn required_attributes(version: Version, name: &str) -> &'static [&'static str] {
    match (version, name) {
        (Version::V2, "martif") => &["type", "xml:lang"],
        (Version::V3, "tbx") => &["type", "style", "xml:lang"],
        (Version::V3, "conceptEntry") => &["id"],
        (_, "langSet" | "langSec") => &["xml:lang"],
        (Version::V2, "xref") => &["target"],
        (Version::V3, "xref") => &["target", "type"],
        (_, "admin" | "descrip" | "ref" | "termNote" | "transac" | "transacNote" | "adminNote" | "descripNote") => {
            &["type"]
        }
        (Version::V2, "refObjectList") | (Version::V3, "refObjectSec") => &["type"],
        (Version::V3, "sc") => &["id"],
        _ => &[],
    }
}

/// The data categories (`type` values) TBX-Basic allows on an element.
fn data_categories(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "termNote" => &[
            "administrativeStatus",
            "geographicalUsage",
            "grammaticalGender",
            "partOfSpeech",
            "termLocation",
            "termType",
        ],
        "descrip" => &["context", "definition", "subjectField"],
        "admin" => &["customerSubset", "projectSubset", "source"],
        "ref" => &["crossReference"],
        "xref" => &["externalCrossReference", "xGraphic"],
        "transac" => &["transactionType"],
        "transacNote" => &["responsibility"],
        _ => return None,
    })
}

/// The values a picklist data category allows.
fn picklist(version: Version, category: &str) -> Option<&'static [&'static str]> {
    Some(match (version, category) {
        (_, "administrativeStatus") => {
            &["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"]
        }
        (Version::V2, "partOfSpeech") => &["noun", "verb", "adjective", "adverb", "properNoun", "other"],
        (Version::V3, "partOfSpeech") => &["adjective", "noun", "other", "verb", "adverb"],
        (_, "grammaticalGender") => &["masculine", "feminine", "neuter", "other"],
        (_, "termType") => &["abbreviation", "acronym", "fullForm", "shortForm", "variant", "phrase"],
        (_, "transactionType") => &["origination", "modification"],
        _ => return None,
    })
}

/// The levels (parent elements, looking through a `descripGrp`) where a
/// `descrip` data category may stand.
fn descrip_levels(category: &str) -> Option<&'static [&'static str]> {
    Some(match category {
        "context" => &["tig", "termSec"],
        "definition" => &["termEntry", "langSet", "conceptEntry", "langSec"],
        "subjectField" => &["termEntry", "conceptEntry"],
        _ => return None,
    })
}

/// Whether `tag` has the shape of a language tag (`ar`, `en-US`,
/// `zh-Hant-TW`): XML Schema's `language` type.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (1..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A slot as a message shows it: `langSet+`, `(descrip|note)*`.
fn show_slot(slot: &Slot) -> String {
    let names = if slot.names.len() == 1 { slot.names[0].to_string() } else { format!("({})", slot.names.join("|")) };
    let mark = match (slot.min, slot.max) {
        (1, 1) => "",
        (0, 1) => "?",
        (0, _) => "*",
        _ => "+",
    };
    format!("{names}{mark}")
}

fn show_model(slots: &[Slot]) -> String {
    slots.iter().map(show_slot).collect::<Vec<_>>().join(", ")
}

/// A problem found: its line (0 for the whole file) and what is wrong.
/// (`validate` turns these into its `Problem`s; this module does not refer
/// back to it.)
pub(crate) type Finding = (usize, String);

/// Checks a TBX document (`text`, read from `path` if known) and adds what
/// it finds to `problems`.
pub(crate) fn check_tbx(text: &str, path: Option<&Path>, problems: &mut Vec<Finding>) {
    let document = match read_xml_document(text) {
        Ok(document) => document,
        Err(e) => {
            problems.push((e.line, e.message));
            return;
        }
    };
    let root = &document.root;
    let version = match root.name.as_str() {
        "martif" => Version::V2,
        "tbx" => Version::V3,
        other => {
            problems.push((root.line, format!("the root element is <{other}>; TBX has <martif> (v2) or <tbx> (v3)")));
            return;
        }
    };
    let mut check = Checker { version, problems, ids: HashMap::new() };
    match version {
        Version::V2 => check.v2_prolog_and_languages(&document, path),
        Version::V3 => check.v3_dialect(root),
    }
    check.element(root, &[]);
}

struct Checker<'p> {
    version: Version,
    problems: &'p mut Vec<Finding>,
    /// Every `id` seen, with its line.
    ids: HashMap<String, usize>,
}

impl Checker<'_> {
    fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push((line, message.into()));
    }

    /// What the TBX Checker asks of a v2 file before and beside the schema.
    fn v2_prolog_and_languages(&mut self, document: &XmlDocument, path: Option<&Path>) {
        let root = &document.root;
        if !document.declaration {
            self.problem(
                1,
                "no XML declaration (<?xml version=\"1.0\" encoding=\"UTF-8\"?>); the TBX Checker needs one",
            );
        }
        if !document.doctype.as_deref().is_some_and(|d| d.starts_with("martif")) {
            self.problem(1, "no <!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">; the TBX Checker needs one");
        }
        let xcs = root
            .child("martifHeader")
            .and_then(|h| h.child("encodingDesc"))
            .into_iter()
            .flat_map(|e| e.children_named(&["p"]))
            .find(|p| matches!(p.attribute("type"), Some("XCSURI" | "DCSName")));
        let Some(xcs) = xcs else {
            self.problem(root.line, "the header names no XCS (<encodingDesc><p type=\"XCSURI\">); the TBX Checker needs one to check languages and data categories");
            return;
        };
        let name = xcs.deep_text().trim().to_string();
        let Some(languages) = self.xcs_languages(&name, xcs.line, path) else { return };
        for lang in root.descendants().into_iter().filter(|n| n.name == "langSet") {
            let Some(code) = lang.attribute("xml:lang") else { continue };
            let primary = code.split(['-', '_']).next().unwrap_or_default();
            if !languages.iter().any(|l| l.eq_ignore_ascii_case(code) || l.eq_ignore_ascii_case(primary)) {
                self.problem(
                    lang.line,
                    format!(
                        "<langSet xml:lang=\"{code}\">: the XCS {name} declares no such language (only {}); the TBX Checker reports it as an invalid language",
                        languages.join(", ")
                    ),
                );
            }
        }
    }

    /// The languages the XCS `name` declares: read from the file's folder
    /// when there, else known by name; `None` (with a problem) when it
    /// cannot be had.
    fn xcs_languages(&mut self, name: &str, line: usize, path: Option<&Path>) -> Option<Vec<String>> {
        let beside = path.map(|p| p.with_file_name(name)).filter(|p| p.is_file());
        if let Some(file) = beside {
            let text = match std::fs::read(&file) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    self.problem(line, format!("the XCS {} cannot be read: {e}", file.display()));
                    return None;
                }
            };
            return match read_xml(&text) {
                Ok(xcs) => Some(
                    xcs.descendants()
                        .into_iter()
                        .filter(|n| n.name == "langCode")
                        .map(|n| n.text.trim().to_string())
                        .collect(),
                ),
                Err(e) => {
                    self.problem(line, format!("the XCS {} is not well-formed XML: {e}", file.display()));
                    None
                }
            };
        }
        let file_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if file_name == XCS_FILE_NAME {
            if path.is_some() {
                self.problem(line, format!("the XCS {name} is not beside the file; the TBX Checker looks for it there (nazir export writes it)"));
            }
            return Some(XCS_LANGUAGES.iter().map(|l| l.to_string()).collect());
        }
        if file_name == STANDARD_XCS.0 {
            return Some(STANDARD_XCS.1.iter().map(|l| l.to_string()).collect());
        }
        self.problem(line, format!("the XCS {name} is not found beside the file, and the TBX Checker needs it"));
        None
    }

    /// The TBX-Basic DCA Schematron's rules on the v3 root and namespace.
    fn v3_dialect(&mut self, root: &Node) {
        if root.attribute("type").is_some_and(|t| t != "TBX-Basic") {
            self.problem(
                root.line,
                "the dialect (type) is not TBX-Basic; the TBX-Basic Schematron wants type=\"TBX-Basic\"",
            );
        }
        if root.attribute("style").is_some_and(|s| s != "dca") {
            self.problem(root.line, "style is not \"dca\"; TBX-Basic in DCA style wants style=\"dca\"");
        }
        self.namespaces(root, &[], true);
    }

    /// Flags elements outside the TBX namespace (DCA style allows none);
    /// `scope` holds the declarations in force, innermost last.
    fn namespaces(&mut self, node: &Node, scope: &[(String, String)], parent_ok: bool) {
        let mut scope = scope.to_vec();
        for (key, value) in &node.attributes {
            if key == "xmlns" {
                scope.push((String::new(), value.clone()));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                scope.push((prefix.to_string(), value.clone()));
            }
        }
        let ns = scope.iter().rev().find(|(p, _)| *p == node.prefix).map(|(_, u)| u.as_str()).unwrap_or_default();
        let ok = ns == TBX_NS;
        if !ok && parent_ok {
            let message = if ns.is_empty() {
                format!("<{}> is in no namespace; TBX v3 elements are in xmlns=\"{TBX_NS}\"", node.name)
            } else {
                format!("<{}> is in the namespace {ns}; DCA style allows only {TBX_NS}", node.name)
            };
            self.problem(node.line, message);
        }
        for child in &node.children {
            self.namespaces(child, &scope, ok);
        }
    }

    /// Checks `node` and everything below it; `ancestors` are the names of
    /// its ancestors, nearest last.
    fn element(&mut self, node: &Node, ancestors: &[&str]) {
        self.attributes(node);
        if let Some(categories) = data_categories(&node.name) {
            self.data_category(node, categories, ancestors);
        }
        let Some(content) = model(self.version, &node.name) else { return };
        match content {
            Content::Elements(slots) => {
                if !node.text.trim().is_empty() {
                    self.problem(node.line, format!("<{}> may not hold text, only {}", node.name, show_model(slots)));
                }
                self.children(node, slots);
            }
            Content::Text(inline) => {
                for child in &node.children {
                    if !inline.contains(&child.name.as_str()) {
                        let allowed = if inline.is_empty() {
                            "only text".to_string()
                        } else {
                            format!("text and {}", inline.join(", "))
                        };
                        self.problem(
                            child.line,
                            format!("<{}> is not allowed in <{}>, which holds {allowed}", child.name, node.name),
                        );
                    }
                }
            }
        }
        let mut path = ancestors.to_vec();
        path.push(&node.name);
        for child in &node.children {
            if model(self.version, &child.name).is_some() {
                self.element(child, &path);
            }
        }
    }

    /// Required attributes, ids and language tags.
    fn attributes(&mut self, node: &Node) {
        for &name in required_attributes(self.version, &node.name) {
            if node.attribute(name).is_none() {
                self.problem(node.line, format!("<{}> has no {name} attribute, which it needs", node.name));
            }
        }
        if let Some(id) = node.attribute("id") {
            if !is_ncname(id) {
                self.problem(
                    node.line,
                    format!("<{} id=\"{id}\">: an id must be an XML name (a letter or _ first, no spaces)", node.name),
                );
            } else if let Some(&first) = self.ids.get(id) {
                self.problem(
                    node.line,
                    format!("<{} id=\"{id}\">: the id is also on line {first}; ids are unique in a file", node.name),
                );
            } else {
                self.ids.insert(id.to_string(), node.line);
            }
        }
        if let Some(lang) = node.attribute("xml:lang")
            && !is_language_tag(lang)
        {
            self.problem(node.line, format!("<{} xml:lang=\"{lang}\">: not a language tag", node.name));
        }
        if self.version == Version::V2
            && node.name == "p"
            && let Some(kind) = node.attribute("type")
            && !["DCSName", "XCSURI", "XCSContent"].contains(&kind)
        {
            self.problem(node.line, format!("<p type=\"{kind}\">: type is DCSName, XCSURI or XCSContent"));
        }
    }

    /// The `type` of a data-category element, its picklist and its level.
    fn data_category(&mut self, node: &Node, categories: &[&str], ancestors: &[&str]) {
        let Some(category) = node.attribute("type") else { return };
        if !categories.contains(&category) {
            self.problem(
                node.line,
                format!("<{} type=\"{category}\">: TBX-Basic allows type {}", node.name, categories.join(", ")),
            );
            return;
        }
        let value = node.deep_text();
        let value = value.trim();
        if let Some(allowed) = picklist(self.version, category)
            && !allowed.contains(&value)
        {
            self.problem(
                node.line,
                format!("{category} \"{value}\" is not in TBX-Basic's picklist: {}", allowed.join(", ")),
            );
        }
        if node.name == "descrip"
            && let Some(levels) = descrip_levels(category)
        {
            let level = match ancestors {
                [.., level, "descripGrp"] | [.., level] => *level,
                [] => "",
            };
            if !levels.contains(&level) {
                self.problem(
                    node.line,
                    format!("{category} may not stand in <{level}>; TBX-Basic puts it in {}", levels.join(" or ")),
                );
            }
        }
    }

    /// Matches the children of `node` against its content model.
    fn children(&mut self, node: &Node, slots: &[Slot]) {
        let mut slot = 0;
        let mut count = 0;
        // Names already reported as out of order, so one mistake is one problem.
        let mut reported: HashSet<&str> = HashSet::new();
        for (i, child) in node.children.iter().enumerate() {
            let name = child.name.as_str();
            if slot < slots.len() && slots[slot].names.contains(&name) && count < slots[slot].max {
                count += 1;
                continue;
            }
            // A later slot that takes it; required slots passed over are missing.
            let ahead = (slot + 1..slots.len()).find(|&s| slots[s].names.contains(&name));
            if let Some(next) = ahead {
                for (s, skipped) in slots.iter().enumerate().take(next).skip(slot) {
                    let have = if s == slot { count } else { 0 };
                    if have < skipped.min {
                        let later = node.children[i..].iter().find(|c| skipped.names.contains(&c.name.as_str()));
                        match later {
                            Some(l) => {
                                reported.insert(skipped.names[0]);
                                self.problem(
                                    l.line,
                                    format!(
                                        "<{}> comes after <{name}>; <{}> wants {}",
                                        l.name,
                                        node.name,
                                        show_model(slots)
                                    ),
                                );
                            }
                            None => self.problem(
                                child.line,
                                format!(
                                    "<{}> has no {} before <{name}>; it wants {}",
                                    node.name,
                                    show_slot(skipped),
                                    show_model(slots)
                                ),
                            ),
                        }
                    }
                }
                slot = next;
                count = 1;
                continue;
            }
            let message = if slots.iter().any(|s| s.names.contains(&name)) {
                if reported.iter().any(|r| *r == name) {
                    continue;
                }
                format!("<{name}> is out of order or repeated in <{}>, which wants {}", node.name, show_model(slots))
            } else if model(self.version, name).is_some() {
                format!("<{name}> is not allowed in <{}>, which wants {}", node.name, show_model(slots))
            } else {
                let version = if self.version == Version::V2 { "TBX-Basic v2" } else { "TBX v3" };
                format!("<{name}> is not an element of {version} (in <{}>)", node.name)
            };
            self.problem(child.line, message);
        }
        for (s, rest) in slots.iter().enumerate().skip(slot) {
            let have = if s == slot { count } else { 0 };
            if have < rest.min && !rest.names.iter().any(|n| reported.contains(n)) {
                self.problem(
                    node.line,
                    format!("<{}> has no {}; it wants {}", node.name, show_slot(rest), show_model(slots)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, String)> {
        let mut problems = Vec::new();
        check_tbx(text, None, &mut problems);
        problems
    }

    #[test]
    fn not_well_formed_or_not_tbx() {
        let bad: [(&str, usize, &str); 5] = [
            ("<martif>\n<text>\n</body>\n</martif>", 3, "not well-formed"),
            ("<martif>\n<text>\n", 2, "never closed"),
            ("<glossary/>", 1, "root element is <glossary>"),
            ("<martif>\n&nbsp;</martif>", 2, "not a defined entity"),
            ("<martif/>\n<martif/>", 2, "second root"),
        ];
        for (text, line, message) in bad {
            let problems = found(text);
            assert_eq!(problems.len(), 1, "{text}: {problems:?}");
            assert_eq!(problems[0].0, line, "{text}: {problems:?}");
            assert!(problems[0].1.contains(message), "{text}: {problems:?}");
        }
    }

    #[test]
    fn content_models_name_what_is_missing_and_out_of_order() {
        let v3 = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc><titleStmt><title>t</title></titleStmt></fileDesc></tbxHeader>
<text><body><conceptEntry id="c">
<langSec xml:lang="ar"><termSec><term>ا</term><termNote type="termType">phrase</termNote></termSec></langSec>
<note>late</note>
</conceptEntry></body></text></tbx>"#;
        let problems = found(v3);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].1.contains("<titleStmt> is out of order"), "{problems:?}");
        assert_eq!((problems[1].0, problems[1].1.contains("<note> is out of order")), (5, true), "{problems:?}");
        // A v3 text may be empty; a v2 body may not.
        let empty = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text/></tbx>"#;
        assert_eq!(found(empty), []);
    }

    #[test]
    fn show_the_model() {
        assert_eq!(show_model(&[one(&["term"]), any(&["a", "b"]), some(&["x"]), opt(&["y"])]), "term, (a|b)*, x+, y?");
        assert!(
            is_language_tag("ar") && is_language_tag("zh-Hant-TW") && !is_language_tag("en_US") && !is_language_tag("")
        );
    }
}
