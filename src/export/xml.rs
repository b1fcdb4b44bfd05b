//! The project's one XML reader: a whole document read into a tree of
//! [`Node`]s, each with the line it starts on.
//!
//! TBX files are small enough to hold in memory, and checking them (element
//! order, levels, ids) needs parents and siblings, which a pull parser does
//! not keep; so `validate` reads them into a tree, and the tests read every
//! TBX export back with the same reader instead of one of their own.
//!
//! Built on quick-xml's pull reader: entity and character references
//! arrive as separate events and are resolved here (the five predefined
//! entities and `&#…;`; any other entity is an error, since TBX declares
//! none). Element names are kept without their prefix ([`Node::name`]) and
//! with it ([`Node::prefix`]), so that a check can resolve namespaces
//! itself; attributes keep their full name (`xml:lang`, `xmlns:x`).

use crate::tokenize::{line_of, line_starts};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::fmt;

/// An XML element read back: its name, attributes, the text directly
/// inside it, its child elements, and the line its start tag is on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    /// The element name without its prefix (`termEntry`).
    pub name: String,
    /// The prefix of the name (`x` in `<x:termEntry>`), empty if none.
    pub prefix: String,
    /// The attributes in document order, by full name (`xml:lang`), values
    /// unescaped and normalized as XML 1.0 says.
    pub attributes: Vec<(String, String)>,
    /// The text directly inside the element (not inside its children).
    pub text: String,
    /// The child elements in document order.
    pub children: Vec<Node>,
    /// The 1-based line of the start tag.
    pub line: usize,
}

impl Node {
    /// The value of the attribute `name` (`"xml:lang"`), if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The children whose name is one of `names`.
    pub fn children_named<'a, 'n>(&'a self, names: &'n [&str]) -> impl Iterator<Item = &'a Node> + use<'a, 'n> {
        self.children.iter().filter(move |c| names.contains(&c.name.as_str()))
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// This element and every element below it, in document order.
    pub fn descendants(&self) -> Vec<&Node> {
        let mut all = vec![self];
        for c in &self.children {
            all.extend(c.descendants());
        }
        all
    }

    /// All the text in and below this element, in document order of the
    /// elements (text split by a child element is joined).
    pub fn deep_text(&self) -> String {
        self.descendants().iter().map(|n| n.text.as_str()).collect()
    }
}

/// Where and why a document is not well-formed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// The 1-based line (0: the whole document, as when it is empty).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl XmlError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        XmlError { line, message: message.into() }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for XmlError {}

/// A whole XML document: what comes before the root element, and the root.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmlDocument {
    /// Whether the document starts with an XML declaration (`<?xml …?>`).
    pub declaration: bool,
    /// The content of the document type declaration (`martif SYSTEM "…"`),
    /// if there is one.
    pub doctype: Option<String>,
    /// The root element.
    pub root: Node,
}

fn element(start: &BytesStart, line: usize) -> Result<Node, XmlError> {
    let qualified = start.name();
    let prefix = qualified.prefix().map(|p| p.as_ref().to_string()).unwrap_or_default();
    let name = start.local_name().as_ref().to_string();
    let mut node = Node { name, prefix, line, ..Node::default() };
    for attribute in start.attributes() {
        let bad = |e: &dyn fmt::Display| XmlError::new(line, format!("bad attribute in <{}>: {e}", node.name));
        let attribute = attribute.map_err(|e| bad(&e))?;
        let value = attribute.normalized_value(XmlVersion::Implicit1_0).map_err(|e| bad(&e))?;
        node.attributes.push((attribute.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(node)
}

/// Reads a well-formed XML document into its root element ([`read_xml_document`]).
pub fn read_xml(text: &str) -> Result<Node, XmlError> {
    read_xml_document(text).map(|d| d.root)
}

/// Reads a well-formed XML document; the first thing that is not
/// well-formed is the error, with its line.
pub fn read_xml_document(text: &str) -> Result<XmlDocument, XmlError> {
    let starts = line_starts(text);
    let line_at = |offset: u64| line_of(&starts, usize::try_from(offset).unwrap_or(usize::MAX));
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut declaration = false;
    let mut doctype = None;
    // Where a finished element goes: its parent, or the root slot (once).
    let place = |node: Node, open: &mut Vec<Node>, root: &mut Option<Node>| match open.last_mut() {
        Some(parent) => {
            parent.children.push(node);
            Ok(())
        }
        None if root.is_some() => Err(XmlError::new(node.line, format!("a second root element <{}>", node.name))),
        None => {
            *root = Some(node);
            Ok(())
        }
    };
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| XmlError::new(line_at(reader.error_position()), format!("not well-formed XML: {e}")))?;
        let text_here = |s: &str, open: &mut Vec<Node>| match open.last_mut() {
            Some(node) => {
                node.text.push_str(s);
                Ok(())
            }
            None if s.trim().is_empty() => Ok(()),
            None => Err(XmlError::new(line_at(at), "text outside the root element")),
        };
        match event {
            Event::Decl(_) => declaration = true,
            Event::DocType(d) => doctype = Some(d[..].trim().to_string()),
            Event::Start(e) => open.push(element(&e, line_at(at))?),
            Event::Empty(e) => place(element(&e, line_at(at))?, &mut open, &mut root)?,
            // The reader has checked that the end tag matches.
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    place(node, &mut open, &mut root)?;
                }
            }
            Event::Text(t) => text_here(&t.xml10_content(), &mut open)?,
            Event::CData(t) => text_here(&t.xml10_content(), &mut open)?,
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    resolve_predefined_entity(&r).map(String::from)
                };
                let Some(resolved) = resolved else {
                    return Err(XmlError::new(line_at(at), format!("&{}; is not a defined entity", &*r)));
                };
                text_here(&resolved, &mut open)?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(node) = open.last() {
        return Err(XmlError::new(node.line, format!("<{}> is never closed", node.name)));
    }
    let root = root.ok_or_else(|| XmlError::new(0, "no root element"))?;
    Ok(XmlDocument { declaration, doctype, root })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prolog_tree_lines_and_references() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"x.dtd\">\n<x:a xmlns:x=\"u\" k=\"&lt;1\">\n  t&amp;<b/>&#x627;\n</x:a>\n";
        let doc = read_xml_document(text).unwrap();
        assert!(doc.declaration);
        assert_eq!(doc.doctype.as_deref(), Some("martif SYSTEM \"x.dtd\""));
        let a = &doc.root;
        assert_eq!((a.name.as_str(), a.prefix.as_str(), a.line), ("a", "x", 3));
        assert_eq!(a.attribute("k"), Some("<1"));
        assert_eq!(a.attribute("xmlns:x"), Some("u"));
        assert_eq!(a.child("b").map(|b| b.line), Some(4));
        assert_eq!(a.deep_text().trim(), "t&\u{627}");
        let bare = read_xml_document("<a/>").unwrap();
        assert!(!bare.declaration && bare.doctype.is_none());
    }
}
