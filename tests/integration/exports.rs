//! `nazir export` and `nazir validate`: the files translators' tools
//! import, from a small master glossary written here.

use crate::util::{assert_code, assert_success, dir_entries, read_workbook, run, stderr, stdout, tempdir};
use nazir::export::xml::{Node, read_xml};
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
            "id,status,en,ar,variants,kind,score,count,docs,method,note,context,source,en_variants,variant_status,variant_count",
            "the documented master layout"
        );
        // The rows below are of the layout before `variant_count`, which a
        // master need not have.
        let header = header.trim_end_matches(",variant_count");
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

/// The XML of an export, read back with the library's own reader.
fn parse_xml(text: &str) -> Node {
    read_xml(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

/// The children of `node` named `name`.
fn children<'a>(node: &'a Node, name: &str) -> Vec<&'a Node> {
    node.children_named(&[name]).collect()
}

/// The one child of `node` named `name`.
fn child<'a>(node: &'a Node, name: &str) -> &'a Node {
    let found = children(node, name);
    assert_eq!(found.len(), 1, "<{}> has {} <{name}>", node.name, found.len());
    found[0]
}

/// The text of `<termNote type="administrativeStatus">` of a term section.
fn admin_status(term: &Node) -> &str {
    term.children_named(&["termNote"])
        .find(|n| n.attribute("type") == Some("administrativeStatus"))
        .map(|n| n.text.as_str())
        .expect("an administrative status")
}

/// The terms of a language section and their administrative statuses.
fn terms<'a>(lang: &'a Node, term_tag: &str) -> Vec<(&'a str, &'a str)> {
    children(lang, term_tag).into_iter().map(|t| (child(t, "term").text.as_str(), admin_status(t))).collect()
}

/// The language sections of an entry by `xml:lang`.
fn lang<'a>(entry: &'a Node, tag: &str, code: &str) -> &'a Node {
    let found: Vec<&Node> =
        children(entry, tag).into_iter().filter(|l| l.attribute("xml:lang") == Some(code)).collect();
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
    let body = child(child(&root, "text"), "body");
    let entries = children(body, "termEntry");
    let names: Vec<&str> =
        entries.iter().map(|e| child(children(lang(e, "langSet", "en"), "tig")[0], "term").text.as_str()).collect();
    assert_eq!(names, ["Google", "Mohammed bin Salman", "Qooqle"], "approved entries, then the forbidden one");
    assert!(!text.contains("Gogoro") && !text.contains("جوجورو"), "rejected is never exported");
    assert!(!text.contains("Meta"), "candidates only with --include");

    let google = entries[0];
    assert_eq!(google.attribute("id"), Some(nazir::glossary::entry_id("Google").as_str()));
    assert_eq!(child(google, "note").text, "search engine");
    assert_eq!(child(google, "descrip").text, "organization");
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
    assert_eq!(children(child(child(&root, "text"), "body"), "termEntry").len(), 4);
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
    let entries = children(child(child(&root, "text"), "body"), "conceptEntry");
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
    assert_eq!(book.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["glossary", "variants", "_base"]);
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

/// A master whose ids a reviewer typed (`1`, `my id`, and `_1`, which `1`
/// would map to) and whose English term starts with `#`.
fn reviewer_master(f: &Fixture) -> PathBuf {
    let path = f.path("typed.csv");
    let header = nazir::review::master_csv_columns().join(",");
    let rows = "\
1,approved,#MeToo,مي تو,,movement,0.9,2,2,transliteration,,,,,,
my id,approved,Google,جوجل,,organization,0.9,2,2,transliteration,,,,,,
_1,approved,Meta,ميتا,,organization,0.9,2,2,transliteration,,,,,,
";
    std::fs::write(&path, format!("{header}\n{rows}")).unwrap();
    path
}

#[test]
fn tbx_v2_names_and_writes_its_own_xcs() {
    let f = Fixture::new();
    let text = f.export_text("tbx", "g.tbx", &[]);
    let xcs_path = f.path(nazir::export::XCS_FILE_NAME);
    assert_eq!(std::fs::read_to_string(&xcs_path).unwrap(), nazir::export::xcs(), "the XCS is written beside");
    let root = parse_xml(&text);
    let p = child(child(child(&root, "martifHeader"), "encodingDesc"), "p");
    assert_eq!((p.attribute("type"), p.text.as_str()), (Some("XCSURI"), nazir::export::XCS_FILE_NAME));
    let xcs = read_xml(nazir::export::xcs()).unwrap();
    let languages: Vec<&str> =
        xcs.descendants().into_iter().filter(|n| n.name == "langCode").map(|n| n.text.as_str()).collect();
    assert_eq!(languages, ["ar", "en"]);
    f.assert_valid("g.tbx", "tbx");
    // Without its XCS, the TBX Checker (and validate) cannot check it.
    std::fs::remove_file(&xcs_path).unwrap();
    let problems = nazir::export::validate(&f.path("g.tbx"), nazir::export::Profile::Tbx).unwrap();
    assert!(problems.iter().any(|p| p.message.contains("not beside")), "{problems:?}");
    // v3 has no XCS.
    f.export_text("tbx", "g3.tbx", &["--tbx-version", "3"]);
    assert!(!xcs_path.exists());
}

#[test]
fn typed_ids_become_unique_xml_names_and_are_kept_in_notes() {
    let f = Fixture::new();
    let master = reviewer_master(&f);
    for (version, entry_tag) in [("2", "termEntry"), ("3", "conceptEntry")] {
        let out = f.path(&format!("ids{version}.tbx"));
        let args = ["export", arg(&master), "--to", "tbx", "--tbx-version", version, "-o", arg(&out)];
        assert_success(&run(&args, None), &args);
        let root = parse_xml(&std::fs::read_to_string(&out).unwrap());
        let entries: Vec<&Node> = root.descendants().into_iter().filter(|n| n.name == entry_tag).collect();
        let ids: Vec<&str> = entries.iter().map(|e| e.attribute("id").unwrap()).collect();
        // `_1` is a later entry's own id, so `1` maps around it.
        assert_eq!(ids, ["_1-2", "my_id", "_1"]);
        let notes: Vec<Vec<&str>> =
            entries.iter().map(|e| children(e, "note").iter().map(|n| n.text.as_str()).collect()).collect();
        assert_eq!(notes, [vec!["id: 1"], vec!["id: my id"], vec![]]);
        f.assert_valid(&format!("ids{version}.tbx"), "tbx");
    }
}

#[test]
fn omegat_keeps_a_term_that_starts_with_a_hash() {
    let f = Fixture::new();
    let master = reviewer_master(&f);
    let out = f.path("hash.utf8");
    let args = ["export", arg(&master), "--to", "omegat", "--direction", "en-ar", "-o", arg(&out)];
    assert_success(&run(&args, None), &args);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with(" #MeToo\tمي تو\tmovement\nGoogle\tجوجل\t"), "{text}");
    f.assert_valid("hash.utf8", "omegat");
}

/// Every file of `tests/data/export/invalid` with the profile it is for,
/// the line that must be named and a word of the message.
const INVALID: [(&str, &str, usize, &str); 31] = [
    ("v2_element_order.tbx", "tbx", 16, "comes after <termNote>"),
    ("v2_unknown_element.tbx", "tbx", 16, "<comment> is not an element"),
    ("v2_duplicate_id.tbx", "tbx", 16, "also on line 12"),
    ("v2_id_digit.tbx", "tbx", 12, "XML name"),
    ("v2_id_space.tbx", "tbx", 12, "XML name"),
    ("v2_missing_type.tbx", "tbx", 16, "no type attribute"),
    ("v2_bad_part_of_speech.tbx", "tbx", 16, "partOfSpeech \"properNounPhrase\""),
    ("v2_bad_admin_status.tbx", "tbx", 16, "administrativeStatus \"forbidden\""),
    ("v2_bad_data_category.tbx", "tbx", 13, "type=\"usage\""),
    ("v2_subject_field_level.tbx", "tbx", 14, "subjectField may not stand in <langSet>"),
    ("v2_langset_without_lang.tbx", "tbx", 13, "no xml:lang"),
    ("v2_ntig.tbx", "tbx", 14, "<ntig> is not an element"),
    ("v2_arabic_not_in_xcs.tbx", "tbx", 14, "invalid language"),
    ("v2_no_doctype.tbx", "tbx", 1, "DOCTYPE"),
    ("v2_no_xcs.tbx", "tbx", 3, "names no XCS"),
    ("v2_empty_body.tbx", "tbx", 11, "<body> has no termEntry"),
    ("v3_no_namespace.tbx", "tbx", 2, "no namespace"),
    ("v3_no_style.tbx", "tbx", 2, "no style"),
    ("v3_proper_noun.tbx", "tbx", 14, "partOfSpeech \"properNoun\""),
    ("v3_concept_without_id.tbx", "tbx", 10, "no id"),
    ("v3_foreign_element.tbx", "tbx", 14, "urn:example:other"),
    ("omegat_hash_term.utf8", "omegat", 2, "#MeToo"),
    ("omegat_no_target.utf8", "omegat", 2, "no TAB-separated target"),
    ("omegat_empty_source.utf8", "omegat", 2, "source term is empty"),
    ("deepl_whitespace_line.tsv", "deepl", 2, "only whitespace"),
    ("deepl_two_tabs.tsv", "deepl", 2, "2 TABs"),
    ("deepl_duplicate_source.tsv", "deepl", 3, "lines 1 and 3"),
    ("deepl_control_character.tsv", "deepl", 2, "U+0007"),
    ("google_header.tsv", "google", 1, "header"),
    ("google_three_columns.csv", "google", 2, "3 comma-separated columns"),
    ("google_ets_repeated_language.csv", "google-ets", 1, "repeats column 1"),
];

/// Files the tools read fine, which must pass.
const VALID: [(&str, &str); 7] = [
    ("v2_single_language.tbx", "tbx"),
    ("v3_single_language.tbx", "tbx"),
    ("omegat_magic_comment.utf8", "omegat"),
    ("omegat_bom.utf8", "omegat"),
    ("deepl_blank_lines.tsv", "deepl"),
    ("google_comma.csv", "google"),
    ("google_ets.csv", "google-ets"),
];

fn data(dir: &str, name: &str) -> PathBuf {
    crate::util::repo().join("tests/data/export").join(dir).join(name)
}

#[test]
fn broken_files_are_refused_at_their_line() {
    let dir = crate::util::repo().join("tests/data/export/invalid");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), INVALID.len(), "one expectation per file");
    for (name, profile, line, words) in INVALID {
        let problems = nazir::export::validate(&data("invalid", name), profile.parse().unwrap()).unwrap();
        assert!(
            problems.iter().any(|p| p.line == line && p.message.contains(words)),
            "{name}: expected line {line} with {words:?}, got {problems:?}"
        );
    }
}

#[test]
fn files_the_tools_read_pass() {
    for (name, profile) in VALID {
        let problems = nazir::export::validate(&data("valid", name), profile.parse().unwrap()).unwrap();
        assert_eq!(problems, [], "{name}");
    }
}
