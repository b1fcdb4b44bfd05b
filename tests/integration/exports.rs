//! `nazir export` and `nazir validate`: the files translators' tools
//! import, from a small master glossary written here.

use crate::util::{assert_code, assert_success, dir_entries, read_workbook, run, stderr, stdout, tempdir};
use quick_xml::events::{BytesStart, Event};
use std::path::{Path, PathBuf};

/// The master CSV: two approved entries (one with an admitted and a
/// forbidden variant and an English variant), a candidate, a rejected and
/// a forbidden entry.
const MASTER_ROWS: &str = "\
,approved,Google,جوجل,غوغل|قوقل,organization,0.986,5,4,transliteration,search engine,قال جوجل إن,a.txt:3,Google LLC,admitted|forbidden,Huda
,approved,Mohammed bin Salman,محمد بن سلمان,,person,0.950,2,1,transliteration,,,,Muhammad bin Salman,,
,candidate,Meta,ميتا,,organization,0.975,3,3,transliteration,,,,,,
,rejected,Gogoro,جوجورو,,,0.600,1,1,transliteration,wrong pair,,,,,Omar
,forbidden,Qooqle,كوكل,,,0.700,1,1,transliteration,,,,,,
";

const COMMENT: &str = "organization; search engine";

struct Fixture {
    dir: tempfile::TempDir,
    master: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempdir();
        let master = dir.path().join("master.csv");
        let header = nazir::review::master_csv_columns().join(",");
        assert_eq!(
            header,
            "id,status,en,ar,variants,kind,score,count,docs,method,note,context,source,en_variants,variant_status",
            "the documented master layout"
        );
        std::fs::write(&master, format!("{header},reviewer\n{MASTER_ROWS}")).unwrap();
        Fixture { dir, master }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Exports to `name` with extra `options`; asserts success and returns
    /// the file's bytes.
    fn export(&self, to: &str, name: &str, options: &[&str]) -> Vec<u8> {
        let out = self.path(name);
        let mut args = vec!["export", arg(&self.master), "--to", to, "-o", arg(&out)];
        args.extend_from_slice(options);
        let run = run(&args, None);
        assert_success(&run, &args);
        std::fs::read(&out).expect("export written")
    }

    /// Exports as text.
    fn export_text(&self, to: &str, name: &str, options: &[&str]) -> String {
        String::from_utf8(self.export(to, name, options)).expect("UTF-8 export")
    }

    /// Asserts `nazir validate` accepts the file.
    fn assert_valid(&self, name: &str, profile: &str) {
        let path = self.path(name);
        let args = ["validate", arg(&path), "--profile", profile];
        let out = run(&args, None);
        assert_success(&out, &args);
        assert_eq!(stdout(&out), "", "no problems listed");
        assert!(stderr(&out).contains("is valid"), "{}", stderr(&out));
    }
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// An XML element read back with quick-xml.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn children(&self, name: &str) -> Vec<&Node> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn child(&self, name: &str) -> &Node {
        let found = self.children(name);
        assert_eq!(found.len(), 1, "<{}> has {} <{name}>", self.name, found.len());
        found[0]
    }

    /// The text of `<termNote type="administrativeStatus">`.
    fn admin_status(&self) -> &str {
        self.children("termNote")
            .into_iter()
            .find(|n| n.attribute("type") == Some("administrativeStatus"))
            .map(|n| n.text.as_str())
            .expect("an administrative status")
    }
}

fn element(start: &BytesStart) -> Node {
    let name = start.name().as_ref().to_string();
    let attributes = start
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let key = a.key.as_ref().to_string();
            (key, a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
        })
        .collect();
    Node { name, attributes, ..Node::default() }
}

/// Parses a whole XML document into its root element.
fn parse_xml(text: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"));
        let done = match event {
            Event::Start(e) => {
                open.push(element(&e));
                None
            }
            Event::Empty(e) => Some(element(&e)),
            Event::End(_) => Some(open.pop().expect("an open element")),
            Event::Text(t) => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
                None
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().unwrap().map(String::from)
                } else {
                    quick_xml::escape::resolve_predefined_entity(&r).map(String::from)
                };
                open.last_mut().expect("text inside an element").text.push_str(&resolved.expect("known entity"));
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(node) = done {
            match open.last_mut() {
                Some(parent) => parent.children.push(node),
                None => {
                    assert!(root.is_none(), "one root element");
                    root = Some(node);
                }
            }
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    root.expect("a root element")
}

/// The terms of a language section and their administrative statuses.
fn terms<'a>(lang: &'a Node, term_tag: &str) -> Vec<(&'a str, &'a str)> {
    lang.children(term_tag).into_iter().map(|t| (t.child("term").text.as_str(), t.admin_status())).collect()
}

/// The language sections of an entry by `xml:lang`.
fn lang<'a>(entry: &'a Node, tag: &str, code: &str) -> &'a Node {
    let found: Vec<&Node> = entry.children(tag).into_iter().filter(|l| l.attribute("xml:lang") == Some(code)).collect();
    assert_eq!(found.len(), 1, "one {code} section in {entry:?}");
    found[0]
}

#[test]
fn tbx_v2_has_approved_and_forbidden_entries() {
    let f = Fixture::new();
    let text = f.export_text("tbx", "g.tbx", &[]);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{text}");
    let root = parse_xml(&text);
    assert_eq!(root.name, "martif");
    assert_eq!(root.attribute("type"), Some("TBX-Basic"));
    let body = root.child("text").child("body");
    let entries = body.children("termEntry");
    let names: Vec<&str> =
        entries.iter().map(|e| lang(e, "langSet", "en").children("tig")[0].child("term").text.as_str()).collect();
    assert_eq!(names, ["Google", "Mohammed bin Salman", "Qooqle"], "approved entries, then the forbidden one");
    assert!(!text.contains("Gogoro") && !text.contains("جوجورو"), "rejected is never exported");
    assert!(!text.contains("Meta"), "candidates only with --include");

    let google = entries[0];
    assert_eq!(google.attribute("id"), Some(nazir::glossary::entry_id("Google").as_str()));
    assert_eq!(google.child("note").text, "search engine");
    assert_eq!(google.child("descrip").text, "organization");
    assert_eq!(
        terms(lang(google, "langSet", "ar"), "tig"),
        [("جوجل", "preferredTerm-admn-sts"), ("غوغل", "admittedTerm-admn-sts"), ("قوقل", "deprecatedTerm-admn-sts")]
    );
    assert_eq!(
        terms(lang(google, "langSet", "en"), "tig"),
        [("Google", "preferredTerm-admn-sts"), ("Google LLC", "admittedTerm-admn-sts")]
    );
    let mbs = entries[1];
    assert_eq!(terms(lang(mbs, "langSet", "ar"), "tig"), [("محمد بن سلمان", "preferredTerm-admn-sts")]);
    let qooqle = entries[2];
    assert_eq!(terms(lang(qooqle, "langSet", "ar"), "tig"), [("كوكل", "deprecatedTerm-admn-sts")]);
    assert_eq!(terms(lang(qooqle, "langSet", "en"), "tig"), [("Qooqle", "deprecatedTerm-admn-sts")]);
    f.assert_valid("g.tbx", "tbx");

    // --include candidate widens; rejected stays out.
    let text = f.export_text("tbx", "wide.tbx", &["--include", "candidate"]);
    let root = parse_xml(&text);
    assert_eq!(root.child("text").child("body").children("termEntry").len(), 4);
    assert!(text.contains("<term>ميتا</term>") && !text.contains("Gogoro"));
    f.assert_valid("wide.tbx", "tbx");
}

#[test]
fn tbx_v3_uses_the_2019_names() {
    let f = Fixture::new();
    let text = f.export_text("tbx", "g3.tbx", &["--tbx-version", "3"]);
    let root = parse_xml(&text);
    assert_eq!(root.name, "tbx");
    assert_eq!(root.attribute("xmlns"), Some("urn:iso:std:iso:30042:ed-2"));
    let entries = root.child("text").child("body").children("conceptEntry");
    assert_eq!(entries.len(), 3);
    assert!(!text.contains("termEntry") && !text.contains("langSet"));
    let google = entries[0];
    assert_eq!(
        terms(lang(google, "langSec", "ar"), "termSec"),
        [("جوجل", "preferredTerm-admn-sts"), ("غوغل", "admittedTerm-admn-sts"), ("قوقل", "deprecatedTerm-admn-sts")]
    );
    assert_eq!(terms(lang(google, "langSec", "en"), "termSec")[0], ("Google", "preferredTerm-admn-sts"));
    f.assert_valid("g3.tbx", "tbx");
}

#[test]
fn omegat_bytes() {
    let f = Fixture::new();
    let expected =
        format!("جوجل\tGoogle\t{COMMENT}\nغوغل\tGoogle\t{COMMENT}\nمحمد بن سلمان\tMohammed bin Salman\tperson\n");
    let bytes = f.export("omegat", "g.utf8", &[]);
    assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&b'\r'), "no BOM, LF only");
    f.assert_valid("g.utf8", "omegat");

    let en_ar = f.export_text("omegat", "en_ar.utf8", &["--direction", "en-ar"]);
    assert_eq!(
        en_ar,
        format!(
            "Google\tجوجل\t{COMMENT}\nGoogle LLC\tجوجل\t{COMMENT}\nMohammed bin Salman\tمحمد بن سلمان\tperson\nMuhammad bin Salman\tمحمد بن سلمان\tperson\n"
        )
    );
    f.assert_valid("en_ar.utf8", "omegat");

    let wide = f.export_text("omegat", "wide.utf8", &["--include", "candidate"]);
    assert_eq!(wide, format!("{expected}ميتا\tMeta\torganization\n"));
    // A forbidden entry is never a pair to use outside TBX.
    let forbidden = f.export_text("omegat", "forbidden.utf8", &["--include", "forbidden"]);
    assert_eq!(forbidden, expected);
}

#[test]
fn deepl_bytes_and_refused_duplicates() {
    let f = Fixture::new();
    let bytes = f.export("deepl", "g.tsv", &[]);
    assert_eq!(String::from_utf8(bytes).unwrap(), "جوجل\tGoogle\nغوغل\tGoogle\nمحمد بن سلمان\tMohammed bin Salman\n");
    f.assert_valid("g.tsv", "deepl");
    let en_ar = f.export_text("deepl", "en_ar.tsv", &["--direction", "en-ar"]);
    assert_eq!(
        en_ar,
        "Google\tجوجل\nGoogle LLC\tجوجل\nMohammed bin Salman\tمحمد بن سلمان\nMuhammad bin Salman\tمحمد بن سلمان\n"
    );
    f.assert_valid("en_ar.tsv", "deepl");

    // Two approved entries sharing an Arabic form: DeepL would refuse it.
    let dup = f.path("dup.csv");
    std::fs::write(&dup, "en,ar,status\nGoogle,جوجل,approved\nMeta,ميتا,approved\nGogle,جوجل,approved\n").unwrap();
    let out_path = f.path("dup.tsv");
    let args = ["export", arg(&dup), "--to", "deepl", "-o", arg(&out_path)];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("Google") && err.contains("Gogle") && err.contains("جوجل"), "both entries named: {err}");
    assert!(err.contains("line 3") && err.contains("line 1"), "both lines named: {err}");
    assert!(!out_path.exists(), "no output file");
    assert!(!dir_entries(f.dir.path()).iter().any(|n| n.contains("dup.tsv")), "no temporary file either");
}

#[test]
fn google_bytes() {
    let f = Fixture::new();
    let text = f.export_text("google", "g.tsv", &[]);
    assert_eq!(text, "جوجل\tGoogle\nغوغل\tGoogle\nمحمد بن سلمان\tMohammed bin Salman\n", "no header");
    f.assert_valid("g.tsv", "google");
    let en_ar = f.export_text("google", "en_ar.tsv", &["--direction", "en-ar"]);
    assert!(en_ar.starts_with("Google\tجوجل\nGoogle LLC\tجوجل\n"), "{en_ar}");
    f.assert_valid("en_ar.tsv", "google");

    let ets = f.export_text("google-ets", "g.csv", &[]);
    assert_eq!(
        ets,
        format!("ar,en,pos,description\nجوجل,Google,noun,{COMMENT}\nمحمد بن سلمان,Mohammed bin Salman,noun,person\n")
    );
    f.assert_valid("g.csv", "google-ets");
}

#[test]
fn multiterm_workbook() {
    let f = Fixture::new();
    f.export("multiterm", "g.xlsx", &[]);
    let book = read_workbook(&f.path("g.xlsx"));
    let sheet = &book[0];
    let headers = sheet.headers();
    assert_eq!(&headers[..2], ["Arabic", "English"]);
    let rows = sheet.records();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["Arabic"], "جوجل|غوغل", "synonyms without the forbidden one");
    assert_eq!(rows[0]["English"], "Google|Google LLC");
    assert_eq!(rows[0]["Status"], "approved");
    assert_eq!(rows[1]["Arabic"], "محمد بن سلمان");
    f.assert_valid("g.xlsx", "multiterm");
}

#[test]
fn review_workbook_export_keeps_every_entry() {
    let f = Fixture::new();
    f.export("review-xlsx", "review.xlsx", &[]);
    let book = read_workbook(&f.path("review.xlsx"));
    assert_eq!(book.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["glossary", "variants"]);
    let rows = book[0].records();
    let statuses: Vec<(&str, &str)> = rows.iter().map(|r| (r["en"].as_str(), r["status"].as_str())).collect();
    assert_eq!(
        statuses,
        [
            ("Google", "approved"),
            ("Mohammed bin Salman", "approved"),
            ("Meta", "candidate"),
            ("Gogoro", "rejected"),
            ("Qooqle", "forbidden")
        ],
        "a review workbook holds every entry"
    );
    assert_eq!(rows[0]["reviewer"], "Huda");
    let variants = &book[1];
    let row = variants.find(&["en", "ar"], &["Google", "قوقل"]);
    assert_eq!(variants.text(row, "variant_status"), "forbidden");
}

#[test]
fn rejected_is_never_included() {
    let f = Fixture::new();
    let out_path = f.path("r.utf8");
    let args = ["export", arg(&f.master), "--to", "omegat", "--include", "rejected", "-o", arg(&out_path)];
    let out = run(&args, None);
    assert_code(&out, 2, &args);
    assert!(stderr(&out).contains("rejected"), "{}", stderr(&out));
    assert!(!out_path.exists());
}

#[test]
fn validate_reports_numbered_problems() {
    let f = Fixture::new();
    let bad = f.path("bad.tsv");
    std::fs::write(&bad, "جوجل\tGoogle\nميتا\tMeta\textra\nغوغل\tGoogle\nجوجل\tGoogle Search\n").unwrap();
    let args = ["validate", arg(&bad), "--profile", "deepl"];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let prefix = format!("{}:", bad.display());
    assert!(lines[0].starts_with(&format!("{prefix}2: ")) && lines[0].contains("2 TABs"), "{text}");
    assert!(lines[1].starts_with(&format!("{prefix}4: ")), "{text}");
    assert!(lines[1].contains("duplicate") && lines[1].contains("lines 1 and 4"), "{text}");
    assert!(stderr(&out).contains("2 problems"), "{}", stderr(&out));

    // A BOM, and a header Google would read as a term.
    let google = f.path("bad_google.tsv");
    std::fs::write(&google, "\u{FEFF}ar\ten\nجوجل\tGoogle\n").unwrap();
    let args = ["validate", arg(&google), "--profile", "google"];
    let out = run(&args, None);
    assert_code(&out, 1, &args);
    let text = stdout(&out);
    assert!(text.contains("byte-order mark") && text.contains("header"), "{text}");
    assert!(text.lines().all(|l| l.starts_with(&format!("{}:1: ", google.display()))), "{text}");
}
