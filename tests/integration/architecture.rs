//! The shape of the library: the files of `src/` and the references
//! between them form no cycle, so each stage can be read, tested and
//! changed on its own.
//!
//! A file refers to another when its code names a path into it:
//! `crate::a::b`, `super::x`, `self::x`, or a child module by name. Module
//! declarations (`mod x;`) are containment, not references. Doc comments,
//! comments and test code (`#[cfg(test)]` items: unit tests may use any
//! module to build their inputs) are not part of the structure.

use crate::util::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["score", "index"]`) → its file, for every file of the
/// library (the binary's `main.rs` and the modules it declares are not
/// part of it).
fn library_modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let binary: Vec<String> = std::fs::read_to_string(src.join("main.rs"))
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod ").and_then(|m| m.strip_suffix(';')).map(str::to_string))
        .collect();
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let mut module: Vec<String> =
                rel.iter().map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            if module == ["main"] || (module.len() == 1 && binary.contains(&module[0])) {
                continue;
            }
            out.insert(module, path);
        }
    }
    out
}

/// The code of a file without comments (line and doc comments) and
/// without the items marked `#[cfg(test)]`.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = text
        .lines()
        .map(|l| match l.find("//") {
            // `//` inside a string (a URL) is rare in this code base and
            // would only hide a reference, never invent one.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    without_test_items(&code)
}

/// `code` less every item that follows a `#[cfg(test)]` attribute: up to
/// its `;`, or through its braces.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at + "#[cfg(test)]".len()..];
        let end = match (item.find('{'), item.find(';')) {
            (Some(open), Some(semi)) if semi < open => semi + 1,
            (Some(open), _) => matching_brace(item, open) + 1,
            (None, Some(semi)) => semi + 1,
            (None, None) => item.len(),
        };
        rest = &item[end.min(item.len())..];
    }
    out.push_str(rest);
    out
}

/// The paths named in `code`: runs of `ident::ident::…`, including those
/// spread over `use a::{b, c::d}` groups (each group member is joined to
/// its prefix).
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == b':')) {
            i += 1;
            continue;
        }
        // Read `a::b::c`.
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && is_ident(bytes[j]) {
                j += 1;
            }
            segments.push(code[start..j].to_string());
            if code[j..].starts_with("::") && j + 2 < bytes.len() && is_ident(bytes[j + 2]) {
                j += 2;
            } else {
                break;
            }
        }
        if code[j..].starts_with("::{") {
            // A use group: every member continues this prefix.
            let close = matching_brace(code, j + 2);
            for member in split_top_level(&code[j + 3..close]) {
                let member = member.trim();
                // `name` or `name as other`: one segment.
                let single = member.split_whitespace().next().filter(|m| m.bytes().all(is_ident));
                let tails = match single {
                    Some(name) => vec![vec![name.to_string()]],
                    None => paths_in(member),
                };
                for mut rest in tails {
                    let mut full = segments.clone();
                    full.append(&mut rest);
                    out.push(full);
                }
            }
            i = close + 1;
            continue;
        }
        if segments.len() > 1 {
            out.push(segments);
        }
        i = j.max(i + 1);
    }
    out
}

fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (k, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + k;
                }
            }
            _ => {}
        }
    }
    code.len()
}

fn split_top_level(group: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&group[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(&group[start..]);
    out
}

/// The file a path named inside `module` leads to, if it is a library
/// file other than the module's own.
fn resolve(modules: &BTreeMap<Vec<String>, PathBuf>, module: &[String], path: &[String]) -> Option<PathBuf> {
    let (mut base, rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (module.to_vec(), &path[1..]),
        Some("super") => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        Some(child) => {
            // A child module named without a prefix (2018 paths).
            let mut candidate = module.to_vec();
            candidate.push(child.to_string());
            if !modules.contains_key(&candidate) {
                return None;
            }
            (module.to_vec(), path)
        }
        None => return None,
    };
    for segment in rest {
        base.push(segment.clone());
        if !modules.contains_key(&base) {
            base.pop();
            break;
        }
    }
    (base != module).then(|| modules.get(&base).cloned()).flatten()
}

/// The references between the library's files.
fn reference_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let src = repo().join("src");
    let modules = library_modules(&src);
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &modules {
        let rel = |p: &Path| p.strip_prefix(&src).unwrap().to_path_buf();
        let targets = graph.entry(rel(file)).or_default();
        for path in paths_in(&code_of(file)) {
            if let Some(target) = resolve(&modules, module, &path) {
                targets.insert(rel(&target));
            }
        }
    }
    graph
}

/// A cycle of the graph, if it has one (depth-first search).
fn find_cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        marks: &mut BTreeMap<PathBuf, Mark>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_library_files_form_no_cycle() {
    let graph = reference_graph();
    assert!(graph.len() > 20, "{} files found", graph.len());
    // The reader sees references: a stage names the stages before it.
    let align = &graph[Path::new("align/mod.rs")];
    assert!(align.contains(Path::new("score/index.rs")), "{align:?}");
    // Every cycle is listed (each found one loses its last edge, so the
    // next search finds another), so that one run shows all there is to fix.
    let (mut rest, mut cycles) = (graph.clone(), Vec::new());
    while let Some(cycle) = find_cycle(&rest) {
        let names: Vec<String> = cycle.iter().map(|p| p.display().to_string()).collect();
        cycles.push(names.join(" -> "));
        let (from, to) = (&cycle[cycle.len() - 2], &cycle[cycle.len() - 1]);
        rest.get_mut(from).unwrap().remove(to);
    }
    assert!(cycles.is_empty(), "the library's files refer to each other in cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_reference_reader_finds_cycles_and_groups() {
    let code = without_test_items(
        "use crate::x;\n#[cfg(test)]\nmod tests {\n    use crate::y::{z};\n}\n#[cfg(test)]\nmod t;\nfn f() {}",
    );
    assert_eq!(code, "use crate::x;\n\n\nfn f() {}");
    let paths = paths_in("use crate::a::{b, c::{d, e}};\nlet x = super::f::g(1);");
    assert!(paths.contains(&vec!["crate".into(), "a".into(), "c".into(), "d".into()]), "{paths:?}");
    assert!(paths.contains(&vec!["super".into(), "f".into(), "g".into()]), "{paths:?}");
    let mut graph = BTreeMap::new();
    let (a, b) = (PathBuf::from("a.rs"), PathBuf::from("b.rs"));
    graph.insert(a.clone(), BTreeSet::from([b.clone()]));
    graph.insert(b.clone(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    graph.get_mut(&b).unwrap().insert(a.clone());
    assert_eq!(find_cycle(&graph), Some(vec![a.clone(), b, a]));
}
