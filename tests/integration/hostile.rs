//! Hostile glossary files: spreadsheets that would ask for any amount of
//! memory, tables big enough to show quadratic work, cells a spreadsheet
//! would run. Every command that reads a glossary refuses a bomb with a
//! message naming the file, under a memory limit it would otherwise blow.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the binary under a limit of address space (`ulimit -v`, in KiB), so
/// that a run that would need more memory fails instead of passing.
fn run_limited(kib: u64, args: &[&str]) -> std::process::Output {
    let mut script = format!("ulimit -v {kib}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh").arg("-c").arg(script).arg(bin()).args(args).current_dir(repo()).output().expect("sh runs")
}

/// Every command that reads a glossary file, given `glossary`.
fn glossary_readers(glossary: &Path, dir: &Path) -> Vec<Vec<String>> {
    let g = glossary.to_str().unwrap().to_string();
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        [s(&["merge"]), vec![out("master.csv"), g.clone(), "-o".into(), out("master.csv")]].concat(),
        [s(&["check", "--glossary"]), vec![g.clone()], s(&["tests/data/check/batch"])].concat(),
        [s(&["export"]), vec![g.clone()], s(&["--to", "deepl", "-o"]), vec![out("g.tsv")]].concat(),
        [s(&["build", "tests/data/articles", "-q", "--glossary"]), vec![g], s(&["-o"]), vec![out("b.csv")]].concat(),
    ]
}

/// Asserts that every glossary reader refuses `glossary` within 1 GiB of
/// address space, exit code 2, with a message that contains `expected`.
fn refused_by_every_reader(glossary: &Path, expected: &str) {
    let dir = tempdir();
    for args in glossary_readers(glossary, dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run_limited(1 << 20, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("memory allocation") && !err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_cell_at_the_last_column_and_row_is_refused_by_every_command() {
    let dir = tempdir();
    let path = dir.path().join("bomb.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("glossary").unwrap();
    sheet.write_row(0, 0, ["en", "ar"]).unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    refused_by_every_reader(&path, "bomb.xlsx: sheet glossary: cell XFD1048576 makes the table 16384 columns wide");
}

/// CRC-32 (IEEE), bit by bit: the small stored parts of the test workbook.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Bits of a deflate stream, least significant first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn bit(&mut self, bit: u32) {
        if self.used.is_multiple_of(8) {
            self.bytes.push(0);
        }
        *self.bytes.last_mut().unwrap() |= ((bit & 1) as u8) << (self.used % 8);
        self.used += 1;
    }

    /// A Huffman code: its most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.bit(code >> i);
        }
    }
}

/// A deflate stream of `1 + 258 * matches` spaces, made without deflating
/// them: one fixed-Huffman block of a literal space and then copies of
/// 258 bytes at distance 1 (13 bits each: 258 bytes out for 13 bits in).
fn deflated_spaces(matches: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.bit(1); // the last block
    bits.code(0b10, 2); // fixed Huffman codes (BTYPE 01, written low bit first)
    bits.code(0x30 + u32::from(b' '), 8);
    for _ in 0..matches {
        bits.code(0xC0 + (285 - 280), 8); // length 258
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block
    bits.bytes
}

/// Writes a zip file by hand: `(name, method, data, crc, unpacked size)`.
fn write_zip(path: &Path, parts: &[(String, u16, Vec<u8>, u32, u32)]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, crc, size) in parts {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(method.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // time
            v.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend(crc.to_le_bytes());
            v.extend((data.len() as u32).to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra field
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 8]); // comment, disk, internal and external attributes
        central.extend(0u16.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_zip_bomb_workbook_is_refused_before_it_is_unpacked() {
    use std::io::Read;
    let dir = tempdir();
    let good = dir.path().join("good.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("glossary").unwrap().write_row(0, 0, ["en", "ar"]).unwrap();
    book.save(&good).unwrap();
    // The workbook's parts, stored; its shared strings replaced by 1 GiB of
    // spaces in 6 MB.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let name = part.name().unwrap().to_string();
        if name == "xl/sharedStrings.xml" {
            let matches = (1usize << 30) / 258;
            // The CRC is never reached: the part is refused first.
            parts.push((name, 8, deflated_spaces(matches), 0, (1 + 258 * matches) as u32));
        } else {
            let crc = crc32(&data);
            let size = data.len() as u32;
            parts.push((name, 0, data, crc, size));
        }
    }
    assert!(parts.iter().any(|p| p.0 == "xl/sharedStrings.xml"));
    let bomb = dir.path().join("bomb.xlsx");
    write_zip(&bomb, &parts);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 8 << 20);
    // The stream is real: unpacked, it gives the spaces it says.
    let mut check = zip::ZipArchive::new(std::fs::File::open(&bomb).unwrap()).unwrap();
    let mut start = [0u8; 1 << 16];
    check.by_name("xl/sharedStrings.xml").unwrap().read_exact(&mut start).unwrap();
    assert!(start.iter().all(|&b| b == b' '));
    refused_by_every_reader(&bomb, "bomb.xlsx: part xl/sharedStrings.xml unpacks to 1073741821 bytes or more");
}

/// A master glossary CSV of `n` entries with ids.
fn big_master(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("master.csv");
    let mut text = String::from("id,en,ar,status\n");
    for i in 0..n {
        text.push_str(&format!("n{i},Name{i},اسم,approved\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_review_of_one_row_merges_into_a_big_master_in_one_pass() {
    // 50,000 rows: counting each row's line from the file start takes
    // minutes; counted once through the file, well under a second.
    let dir = tempdir();
    let master = big_master(dir.path(), 50_000);
    let review = dir.path().join("review.csv");
    std::fs::write(&review, "id,en,ar,status\nn49999,Name49999,اسم,rejected\n").unwrap();
    let m = master.to_str().unwrap();
    let out = run(&["merge", m, review.to_str().unwrap(), "-o", m], None);
    assert_success(&out, &["merge", "big master"]);
    let rows = csv_file_rows(&master);
    assert_eq!(rows.len(), 50_000);
    let last = rows.iter().find(|r| r["id"] == "n49999").unwrap();
    assert_eq!(last["status"], "rejected");
}

#[test]
fn a_big_batch_against_a_big_master_is_not_quadratic() {
    use nazir::align::Method;
    use nazir::{Entry, Glossary, Rendering, TermStatus};
    // 50,000 entries met again: a list of the entries seen, searched for
    // every master entry, makes 1.25 billion comparisons.
    let entry = |i: usize| {
        let mut e =
            Entry::new(&format!("Name{i}"), Rendering::new("اسم", 1, Method::Gazetteer, 1.0, TermStatus::Preferred));
        e.id = format!("n{i}");
        e
    };
    let master = Glossary { entries: (0..50_000).map(entry).collect() };
    let batch = Glossary { entries: (0..50_000).rev().map(entry).collect() };
    let (out, report) = nazir::merge::apply_master(&master, batch, true);
    assert_eq!(out.entries.len(), 50_000);
    assert_eq!(report.new_entries, 0);
    assert_eq!(out.entries[0].id, "n49999", "the batch's order");
}

#[test]
fn glossary_csv_cells_are_guarded_and_read_back_as_written() {
    let dir = tempdir();
    let glossary = dir.path().join("g.csv");
    // A reviewed glossary with a term that starts like a formula.
    std::fs::write(&glossary, "en,ar,status\n-ism,جوجل,approved\n").unwrap();
    let g = glossary.to_str().unwrap();
    let built = dir.path().join("b.csv");
    let args =
        ["build", "tests/data/articles", "-q", "--glossary", g, "--keep-master-rows", "-o", built.to_str().unwrap()];
    let out = run(&args, None);
    assert_success(&out, &["build", "--glossary"]);
    let text = std::fs::read_to_string(&built).unwrap();
    assert!(text.contains("\n'-ism,"), "guarded in the build CSV: {text}");
    // Given back as a glossary, the guard is gone again.
    let tsv = dir.path().join("g.tsv");
    let out = run(&["export", built.to_str().unwrap(), "--to", "deepl", "-o", tsv.to_str().unwrap()], None);
    assert_success(&out, &["export", "the build CSV"]);
    let exported = std::fs::read_to_string(&tsv).unwrap();
    assert!(exported.contains("جوجل\t-ism\n"), "{exported}");
}
