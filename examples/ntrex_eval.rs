//! End-to-end accuracy of `nazir build` on the NTREX development articles.
//!
//! # Usage
//!
//! ```text
//! cargo build --release
//! cargo run --release --example ntrex_eval -- [DIR] [--list N] [-- EXTRA_BUILD_OPTIONS...]
//! ```
//!
//! `DIR` defaults to `../shared/eval/ntrex_dev` (relative to the working
//! directory) and must hold `news.jsonl`, `news.ar` + `news.en`, `gold.csv`
//! and `doubtful.csv` (see `../shared/eval/README.md`; none of that text is
//! in this repository). Everything after a second `--` is passed to every
//! `nazir build` run, e.g. `-- --min-score 0.75`.
//!
//! The tool runs the *binary* `target/release/nazir` (or the path in the
//! `NAZIR` environment variable), so it measures exactly what users run; it
//! does not rebuild it: run `cargo build --release` first. Settings:
//!
//! | setting | input | gazetteer |
//! |---|---|---|
//! | `jsonl-en-nogaz` | `news.jsonl` with its `en` field | `--no-default-gazetteer` (the product owner's setting) |
//! | `jsonl-en-gaz` | `news.jsonl` with its `en` field | default (a zero-config user) |
//! | `lines-nogaz` | `news.ar` + `news.en` line pairs | `--no-default-gazetteer` |
//! | `ar-only-gaz` | `news.jsonl` with `en` removed (a temporary copy) | default |
//! | `ar-only-nogaz` | the same | `--no-default-gazetteer` (with `--list`, the product owner's list setting) |
//!
//! `--list N` passes every run an `--english` list of the gold's names that
//! are not translated and N other real names (person names of
//! `names_dev_wikidata.csv`, picked by a fixed hash): how precise nazir is
//! with a long list, whose names sound like many an everyday word.
//!
//! Outputs: a summary per setting on stdout, the first 40 false positives
//! and misses of each setting, and a markdown table (with the command line
//! that produced it) at the end. Full lists go to `target/ntrex_eval/`:
//! `SETTING.glossary.csv` (nazir's output), `SETTING.fp.csv`,
//! `SETTING.missed.csv`, and `summary.md`.
//!
//! # Scoring
//!
//! * **Unit: batch-level unique pairs.** The gold is the set of distinct
//!   folded `(en, ar)` pairs of `gold.csv` over all articles (a name that
//!   occurs in five articles with one rendering is one pair; two renderings
//!   are two pairs). The glossary gives one pair per Arabic rendering of a
//!   row: `(en, ar)` and `(en, v)` for each `v` in `variants`; the same
//!   folded pair from two rows counts once (its first row, i.e. the most
//!   frequent, supplies method/score/count). Which article a pair came from
//!   is ignored: a glossary pair is right if the gold has it for any
//!   article.
//! * **Folding.** English: NFKD with combining marks dropped, lower case,
//!   typographic apostrophes and dashes mapped to ASCII, whitespace
//!   collapsed. Arabic: `nazir::normalize::normalize` (NFKC, vowel marks,
//!   tatweel and invisible controls dropped, alef/ya/ta-marbuta/keheh
//!   folded, Arabic-Indic digits to ASCII), then lower case (for Latin-script
//!   renderings such as `MWPs`) and whitespace collapsed. The *main* figures
//!   fold these too, on both the gold and the glossary side:
//!   - a hyphen is a space (`Kim Jong-un` = `Kim Jong Un`, `Plasco-Flaxman`,
//!     `بادن-فويرتمبرغ`): the articles spell one name both ways and the
//!     tokenizer splits at hyphens;
//!   - a leading definite article ال of the Arabic is dropped when at least
//!     two letters remain: the gold writes a name as it stands in the text
//!     (الكرملين, الصين) while nazir's aligner may legitimately peel the
//!     article off (its clitic readings treat ال as a clitic), and whether a
//!     glossary lists a name with or without it is a display convention, not
//!     a recognition error;
//!   - likewise a leading English `the` (`The Washington Post`);
//!   - English full stops and a final possessive `'s` are dropped
//!     (`F.B.I.` = `FBI`, `U.S.` = `U.S`, `Swami's` = `Swami`), as nazir's
//!     own candidate folding does.
//!
//!   The `strict F1` column is the overall F1 without these steps. A
//!   leading و ("and") is *not* dropped: it is never part of a name here,
//!   and dropping it would merge real names (ويلز, واشنطن); a glossary form
//!   that keeps و/ب/ل/ف/ك is counted wrong and tagged `clitic-kept` in the
//!   false-positive list.
//! * **Doubtful pairs** (`doubtful.csv`) count neither way: they are not in
//!   the gold, and a glossary pair equal to one of them is neither a true nor
//!   a false positive. (A doubtful pair that is also an ordinary gold pair of
//!   another article stays gold.)
//! * **Figures.** *names* = gold pairs whose `how` is transliterated, latin
//!   or partly-translated: recall = share of them found (by any row), and
//!   precision = share of the pairs from rows whose `method` is not
//!   `translation` that are in the gold (any `how`); F1 of the two.
//!   *translated* = gold pairs whose `how` is translated: recall = share
//!   found (by any row); precision = share of the pairs of rows whose
//!   `method` is `translation` that are in the gold; *transl≥3* = the
//!   recall of the translated gold pairs seen at least three times (the
//!   names parallel text can teach). *overall* = all pairs:
//!   precision over every glossary pair, recall over every gold pair.
//! * **Error tags** (a heuristic, to sort failures into classes; see the
//!   `tag` column): for a false positive, `nisba` (an adjective made from
//!   a gold rendering: إندونيسي, الكورية), `clitic-kept` (the Arabic is a gold
//!   rendering of that name with a leading clitic), `ar-boundary` (the
//!   Arabic contains or is contained in a gold rendering of that name),
//!   `other-ar` (the English is a gold name, the Arabic is not its
//!   rendering), `sub-name` (a part of a gold name with the matching part
//!   of its rendering: Virginia = فرجينيا from West Virginia), `en-boundary` (the Arabic is a gold rendering of a name
//!   whose English contains, or is contained in, this English),
//!   `cross-article` / `other-en` (the Arabic is a gold rendering of another
//!   name, from another article / the same one), `not-gold` (neither side
//!   is in the gold: an ordinary word, or a name the gold lacks). For a miss:
//!   `en-found` (the glossary has the English with other Arabic),
//!   `ar-found` (it has the Arabic under other English), `absent`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

type Res<T> = Result<T, Box<dyn Error>>;

const SHOW: usize = 40;

/// English folding: accents, case, typographic punctuation, whitespace.
fn fold_en(s: &str, strict: bool) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            c => c,
        };
        t.extend(c.to_lowercase());
    }
    if !strict {
        t.retain(|c| c != '.');
        if let Some(stem) = t.trim_end().strip_suffix("'s") {
            t = stem.to_string();
        }
    }
    fold_common(&t, strict, "the ")
}

/// Shared tail of both foldings: unless `strict`, hyphens become spaces
/// and a leading `article` is dropped when something remains; whitespace
/// is collapsed.
fn fold_common(s: &str, strict: bool, article: &str) -> String {
    let s = if strict { s.to_string() } else { s.replace('-', " ") };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !strict
        && let Some(rest) = s.strip_prefix(article)
        && rest.split(' ').next().unwrap_or("").chars().count() >= 2
    {
        return rest.to_string();
    }
    s
}

/// Arabic folding: nazir's matching form, lower case, whitespace collapsed,
/// and (unless `strict`) a leading ال dropped when two letters remain.
fn fold_ar(s: &str, strict: bool) -> String {
    fold_common(&nazir::normalize::normalize(s).to_lowercase(), strict, "ال")
}

type Pair = (String, String);

struct GoldPair {
    en: String,
    ar: String,
    how: String,
    kind: String,
    count: u64,
    articles: BTreeSet<String>,
}

struct Gold {
    pairs: BTreeMap<Pair, GoldPair>,
    doubtful: HashSet<Pair>,
    /// folded en -> folded ars; folded ar -> folded ens.
    by_en: HashMap<String, BTreeSet<String>>,
    by_ar: HashMap<String, BTreeSet<String>>,
    /// folded en / ar -> articles.
    en_articles: HashMap<String, BTreeSet<String>>,
    ar_articles: HashMap<String, BTreeSet<String>>,
}

fn read_gold(dir: &Path, strict: bool) -> Res<Gold> {
    let mut g = Gold {
        pairs: BTreeMap::new(),
        doubtful: HashSet::new(),
        by_en: HashMap::new(),
        by_ar: HashMap::new(),
        en_articles: HashMap::new(),
        ar_articles: HashMap::new(),
    };
    let mut r = csv::Reader::from_path(dir.join("gold.csv"))?;
    let h = r.headers()?.clone();
    let col = |name: &str| h.iter().position(|x| x == name).ok_or(format!("gold.csv: no column {name}"));
    let (ca, ce, cr, ck, chow, cc) =
        (col("article")?, col("en")?, col("ar")?, col("kind")?, col("how")?, col("count")?);
    for row in r.records() {
        let row = row?;
        let key = (fold_en(&row[ce], strict), fold_ar(&row[cr], strict));
        let art = row[ca].to_string();
        let e = g.pairs.entry(key.clone()).or_insert_with(|| GoldPair {
            en: row[ce].to_string(),
            ar: row[cr].to_string(),
            how: row[chow].to_string(),
            kind: row[ck].to_string(),
            count: 0,
            articles: BTreeSet::new(),
        });
        e.count += row[cc].parse::<u64>().unwrap_or(1);
        e.articles.insert(art.clone());
        g.by_en.entry(key.0.clone()).or_default().insert(key.1.clone());
        g.by_ar.entry(key.1.clone()).or_default().insert(key.0.clone());
        g.en_articles.entry(key.0.clone()).or_default().insert(art.clone());
        g.ar_articles.entry(key.1.clone()).or_default().insert(art);
    }
    let mut r = csv::Reader::from_path(dir.join("doubtful.csv"))?;
    let h = r.headers()?.clone();
    let ce = h.iter().position(|x| x == "en").ok_or("doubtful.csv: no column en")?;
    let cr = h.iter().position(|x| x == "ar").ok_or("doubtful.csv: no column ar")?;
    for row in r.records() {
        let row = row?;
        let key = (fold_en(&row[ce], strict), fold_ar(&row[cr], strict));
        if !g.pairs.contains_key(&key) {
            g.doubtful.insert(key);
        }
    }
    Ok(g)
}

#[derive(Clone)]
struct GlossPair {
    en: String,
    ar: String,
    preferred: bool,
    method: String,
    score: String,
    count: String,
    docs: String,
    source: String,
}

/// Unique folded pairs of a glossary CSV, in row order.
fn read_glossary(path: &Path, strict: bool) -> Res<(usize, Vec<(Pair, GlossPair)>)> {
    let mut r = csv::Reader::from_path(path)?;
    let h = r.headers()?.clone();
    let col = |name: &str| h.iter().position(|x| x == name).ok_or(format!("glossary: no column {name}"));
    let (ce, cr, cv, cs, cc, cd, cm, csrc) = (
        col("en")?,
        col("ar")?,
        col("variants")?,
        col("score")?,
        col("count")?,
        col("docs")?,
        col("method")?,
        col("source")?,
    );
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut rows = 0;
    for row in r.records() {
        let row = row?;
        rows += 1;
        let forms = std::iter::once((row[cr].to_string(), true))
            .chain(row[cv].split('|').filter(|v| !v.trim().is_empty()).map(|v| (v.to_string(), false)));
        for (ar, preferred) in forms {
            let key = (fold_en(&row[ce], strict), fold_ar(&ar, strict));
            if seen.insert(key.clone()) {
                out.push((
                    key,
                    GlossPair {
                        en: row[ce].to_string(),
                        ar,
                        preferred,
                        method: row[cm].to_string(),
                        score: row[cs].to_string(),
                        count: row[cc].to_string(),
                        docs: row[cd].to_string(),
                        source: row[csrc].to_string(),
                    },
                ));
            }
        }
    }
    Ok((rows, out))
}

#[derive(Default, Clone, Copy)]
struct Ratio {
    hit: usize,
    all: usize,
}

impl Ratio {
    fn get(self) -> f64 {
        if self.all == 0 { 0.0 } else { self.hit as f64 / self.all as f64 }
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn is_names(how: &str) -> bool {
    matches!(how, "transliterated" | "latin" | "partly-translated")
}

#[derive(Default, Clone)]
struct Scores {
    fp_tags: String,
    miss_tags: String,
    rows: usize,
    pairs: usize,
    doubtful: usize,
    names_p: Ratio,
    names_r: Ratio,
    trans_p: Ratio,
    trans_r: Ratio,
    /// Translated gold pairs seen at least three times (the issue's
    /// "recur in ≥ 3 lines").
    trans3_r: Ratio,
    all_p: Ratio,
    all_r: Ratio,
}

const CLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل"];

fn fp_tag(key: &Pair, g: &Gold) -> String {
    let (en, ar) = key;
    // An adjective made from a gold name (إندونيسي, كورية from إندونيسيا, كوريا).
    if !g.by_ar.contains_key(ar) {
        let stem = ["يين", "يون", "يه", "ي"].iter().find_map(|x| ar.strip_suffix(x));
        if let Some(stem) = stem.filter(|s| s.chars().count() >= 3 && !s.contains(' '))
            && g.by_ar.keys().any(|a| a.starts_with(stem) && a.chars().count() <= stem.chars().count() + 2)
        {
            return "nisba".into();
        }
    }
    if let Some(ars) = g.by_en.get(en) {
        for gold_ar in ars {
            if CLITICS.iter().any(|c| ar.strip_prefix(c).is_some_and(|rest| fold_ar(rest, false) == *gold_ar)) {
                return "clitic-kept".into();
            }
        }
        if ars.iter().any(|a| a.contains(ar.as_str()) || ar.contains(a.as_str())) {
            return "ar-boundary".into();
        }
        if g.by_ar.contains_key(ar) {
            return "other-ar(gold-ar-of-other-name)".into();
        }
        return "other-ar".into();
    }
    let words: Vec<&str> = en.split(' ').collect();
    let contains_words = |hay: &str, needle: &[&str]| {
        let h: Vec<&str> = hay.split(' ').collect();
        h.len() >= needle.len() && h.windows(needle.len()).any(|w| w == needle)
    };
    // A part of a gold name with the matching part of its rendering
    // (Virginia = فرجينيا from West Virginia = فرجينيا الغربية).
    if g.by_en
        .iter()
        .any(|(e, ars)| e != en && contains_words(e, &words) && ars.iter().any(|a| a.contains(ar.as_str())))
    {
        return "sub-name".into();
    }
    if let Some(ens) = g.by_ar.get(ar) {
        if ens.iter().any(|e| contains_words(e, &words) || contains_words(en, &e.split(' ').collect::<Vec<_>>())) {
            return "en-boundary".into();
        }
        let same_article = g.ar_articles.get(ar).zip(g.en_articles.get(en)).is_some_and(|(a, b)| !a.is_disjoint(b));
        return if g.en_articles.contains_key(en) && !same_article {
            "cross-article".into()
        } else {
            "other-en".into()
        };
    }
    // Neither side is a gold pair member. Is the Arabic a clitic + gold Arabic?
    if CLITICS.iter().any(|c| ar.strip_prefix(c).is_some_and(|rest| g.by_ar.contains_key(&fold_ar(rest, false)))) {
        return "not-gold(clitic+gold-ar)".into();
    }
    if g.by_en.keys().any(|e| e.split(' ').any(|w| en.split(' ').any(|x| x == w && x.len() > 3))) {
        return "not-gold(en-shares-word)".into();
    }
    "not-gold".into()
}

struct Setting {
    name: &'static str,
    label: &'static str,
    input: PathBuf,
    gazetteer: bool,
}

fn csv_line(fields: &[&str]) -> String {
    let mut s = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            s.push('"');
            s.push_str(&f.replace('"', "\"\""));
            s.push('"');
        } else {
            s.push_str(f);
        }
    }
    s.push('\n');
    s
}

fn score(setting: &Setting, glossary: &Path, g: &Gold, strict: bool, out_dir: Option<&Path>) -> Res<Scores> {
    let (rows, pairs) = read_glossary(glossary, strict)?;
    let mut s = Scores { rows, pairs: pairs.len(), ..Default::default() };
    let mut found: HashSet<&Pair> = HashSet::new();
    let mut fps = Vec::new();
    for (key, p) in &pairs {
        if g.doubtful.contains(key) {
            s.doubtful += 1;
            continue;
        }
        let ok = g.pairs.contains_key(key);
        if ok {
            found.insert(key);
        } else {
            fps.push((key, p));
        }
        let bump = |r: &mut Ratio| {
            r.all += 1;
            r.hit += ok as usize;
        };
        bump(&mut s.all_p);
        if p.method == "translation" {
            bump(&mut s.trans_p);
        } else {
            bump(&mut s.names_p);
        }
    }
    let mut missed = Vec::new();
    for (key, gp) in &g.pairs {
        let hit = found.contains(key);
        let r = if is_names(&gp.how) { &mut s.names_r } else { &mut s.trans_r };
        r.all += 1;
        r.hit += hit as usize;
        if !is_names(&gp.how) && gp.count >= 3 {
            s.trans3_r.all += 1;
            s.trans3_r.hit += hit as usize;
        }
        s.all_r.all += 1;
        s.all_r.hit += hit as usize;
        if !hit {
            missed.push((key, gp));
        }
    }
    let Some(out_dir) = out_dir else { return Ok(s) };

    // Error lists: the most frequent first.
    let num = |x: &str| x.parse::<f64>().unwrap_or(0.0);
    fps.sort_by(|a, b| num(&b.1.count).total_cmp(&num(&a.1.count)).then(a.0.cmp(b.0)));
    missed.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
    let mut gl_by_en: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut gl_by_ar: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, p) in &pairs {
        gl_by_en.entry(&key.0).or_default().push(&p.ar);
        gl_by_ar.entry(&key.1).or_default().push(&p.en);
    }

    let mut fp_csv = csv_line(&["en", "ar", "preferred", "method", "score", "count", "docs", "source", "tag"]);
    println!("\nfalse positives of {} ({} of {}; the first {SHOW} by count):", setting.name, fps.len(), s.all_p.all);
    println!("| en | ar | method | score | count | tag |\n|---|---|---|---|---|---|");
    for (i, (key, p)) in fps.iter().enumerate() {
        let tag = fp_tag(key, g);
        let pref = if p.preferred { "ar" } else { "variant" };
        fp_csv += &csv_line(&[&p.en, &p.ar, pref, &p.method, &p.score, &p.count, &p.docs, &p.source, &tag]);
        if i < SHOW {
            println!("| {} | {} | {} | {} | {} | {} |", p.en, p.ar, p.method, p.score, p.count, tag);
        }
    }
    let mut miss_csv = csv_line(&[
        "en",
        "ar",
        "how",
        "kind",
        "gold_count",
        "articles",
        "tag",
        "glossary_ar_for_en",
        "glossary_en_for_ar",
    ]);
    println!(
        "\nmissed gold pairs of {} ({} of {}; the first {SHOW} by gold count):",
        setting.name,
        missed.len(),
        s.all_r.all
    );
    println!("| en | ar | how | count | tag | glossary has |\n|---|---|---|---|---|---|");
    for (i, (key, gp)) in missed.iter().enumerate() {
        let by_en = gl_by_en.get(key.0.as_str()).map(|v| v.join("|")).unwrap_or_default();
        let by_ar = gl_by_ar.get(key.1.as_str()).map(|v| v.join("|")).unwrap_or_default();
        let tag = if !by_en.is_empty() {
            "en-found"
        } else if !by_ar.is_empty() {
            "ar-found"
        } else {
            "absent"
        };
        let arts = gp.articles.iter().cloned().collect::<Vec<_>>().join(" ");
        miss_csv += &csv_line(&[&gp.en, &gp.ar, &gp.how, &gp.kind, &gp.count.to_string(), &arts, tag, &by_en, &by_ar]);
        if i < SHOW {
            let has = match tag {
                "en-found" => format!("en → {by_en}"),
                "ar-found" => format!("ar ← {by_ar}"),
                _ => String::new(),
            };
            println!("| {} | {} | {} | {} | {} | {} |", gp.en, gp.ar, gp.how, gp.count, tag, has);
        }
    }
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();
    for (key, _) in &fps {
        *tags.entry(fp_tag(key, g).split('(').next().unwrap_or("").to_string()).or_default() += 1;
    }
    s.fp_tags = tags.into_iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
    let mut mtags: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, _) in &missed {
        let t = if gl_by_en.contains_key(key.0.as_str()) {
            "en-found"
        } else if gl_by_ar.contains_key(key.1.as_str()) {
            "ar-found"
        } else {
            "absent"
        };
        *mtags.entry(t).or_default() += 1;
    }
    s.miss_tags = mtags.into_iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
    std::fs::write(out_dir.join(format!("{}.fp.csv", setting.name)), fp_csv)?;
    std::fs::write(out_dir.join(format!("{}.missed.csv", setting.name)), miss_csv)?;
    Ok(s)
}

/// The `--english` list of `--list N`: the English of every gold name
/// that is not translated, and `others` person names of
/// `names_dev_wikidata.csv` beside `dir`'s parent (its English words
/// capitalized), picked by a fixed hash of their spelling so that a run is
/// reproducible: the product owner's list of the true names among real
/// names that no article mentions.
fn name_list(dir: &Path, others: usize) -> Res<Vec<String>> {
    let mut names: Vec<String> = read_gold(dir, false)?
        .pairs
        .values()
        .filter(|p| p.how != "translated")
        .map(|p| p.en.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let wikidata = dir.parent().map(|p| p.join("names_dev_wikidata.csv")).ok_or("no parent directory")?;
    let mut reader = csv::Reader::from_path(&wikidata).map_err(|e| format!("{}: {e}", wikidata.display()))?;
    let mut pool: Vec<(u64, String)> = Vec::new();
    for row in reader.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row?;
        let Some(en) = row.get("en") else { continue };
        let name: Vec<String> = en
            .split_whitespace()
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            })
            .collect();
        let name = name.join(" ");
        // FNV-1a: a fixed shuffle.
        let hash = name.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
        pool.push((hash, name));
    }
    pool.sort();
    pool.dedup_by(|a, b| a.1 == b.1);
    names.extend(pool.into_iter().map(|(_, n)| n).take(others));
    Ok(names)
}

fn main() -> Res<()> {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let (ours, extra) = match raw.iter().position(|a| a == "--") {
        Some(i) => (raw[..i].to_vec(), raw[i + 1..].to_vec()),
        None => (raw.clone(), Vec::new()),
    };
    let mut ours = ours;
    let mut list_others = None;
    if let Some(at) = ours.iter().position(|a| a == "--list") {
        let n = ours.get(at + 1).and_then(|n| n.parse::<usize>().ok());
        let Some(n) = n else {
            eprintln!("--list needs a number of other names");
            std::process::exit(2);
        };
        list_others = Some(n);
        ours.drain(at..at + 2);
    }
    if ours.iter().any(|a| a == "-h" || a == "--help") || ours.len() > 1 {
        eprintln!("usage: ntrex_eval [DIR] [--list N] [-- EXTRA_NAZIR_BUILD_OPTIONS...]");
        std::process::exit(2);
    }
    let dir = PathBuf::from(ours.first().map(String::as_str).unwrap_or("../shared/eval/ntrex_dev"));
    for f in ["news.jsonl", "news.ar", "news.en", "gold.csv", "doubtful.csv"] {
        if !dir.join(f).is_file() {
            return Err(format!(
                "{} is missing (give the ntrex_dev directory as the first argument)",
                dir.join(f).display()
            )
            .into());
        }
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let nazir = std::env::var_os("NAZIR").map(PathBuf::from).unwrap_or_else(|| manifest.join("target/release/nazir"));
    if !nazir.is_file() {
        return Err(format!("{} not found: run `cargo build --release` first, or set NAZIR", nazir.display()).into());
    }
    let out_dir = manifest.join("target/ntrex_eval");
    std::fs::create_dir_all(&out_dir)?;
    let tmp = tempfile::tempdir()?;

    // Arabic-only copy of the JSONL.
    let ar_only = tmp.path().join("news_ar_only.jsonl");
    let mut text = String::new();
    for line in std::fs::read_to_string(dir.join("news.jsonl"))?.lines().filter(|l| !l.trim().is_empty()) {
        let mut v: serde_json::Value = serde_json::from_str(line)?;
        v.as_object_mut().ok_or("news.jsonl: a line is not an object")?.remove("en");
        text += &serde_json::to_string(&v)?;
        text.push('\n');
    }
    std::fs::write(&ar_only, text)?;

    let mut extra = extra;
    if let Some(others) = list_others {
        let list = tmp.path().join("names.txt");
        let names = name_list(&dir, others)?;
        println!("--list {others}: an --english list of {} names", names.len());
        std::fs::write(&list, names.join("\n") + "\n")?;
        extra.push("--english".into());
        extra.push(list.display().to_string());
    }

    let settings = [
        Setting {
            name: "jsonl-en-nogaz",
            label: "JSONL+en, no gazetteer",
            input: dir.join("news.jsonl"),
            gazetteer: false,
        },
        Setting {
            name: "jsonl-en-gaz",
            label: "JSONL+en, default gazetteer",
            input: dir.join("news.jsonl"),
            gazetteer: true,
        },
        Setting {
            name: "lines-nogaz",
            label: "line pairs, no gazetteer",
            input: dir.join("news.ar"),
            gazetteer: false,
        },
        Setting {
            name: "ar-only-gaz",
            label: "Arabic only, default gazetteer",
            input: ar_only.clone(),
            gazetteer: true,
        },
        Setting { name: "ar-only-nogaz", label: "Arabic only, no gazetteer", input: ar_only.clone(), gazetteer: false },
    ];

    let gold = read_gold(&dir, false)?;
    let gold_strict = read_gold(&dir, true)?;
    let count_how = |f: &dyn Fn(&str) -> bool| gold.pairs.values().filter(|p| f(&p.how)).count();
    println!(
        "gold: {} unique pairs ({} names: transliterated/latin/partly-translated, {} translated), {} doubtful pairs",
        gold.pairs.len(),
        count_how(&|h| is_names(h)),
        count_how(&|h| !is_names(h)),
        gold.doubtful.len()
    );

    let mut results = Vec::new();
    for st in &settings {
        let glossary = out_dir.join(format!("{}.glossary.csv", st.name));
        let mut cmd = Command::new(&nazir);
        cmd.arg("build").arg("-q");
        if !st.gazetteer {
            cmd.arg("--no-default-gazetteer");
        }
        cmd.args(&extra).arg("-o").arg(&glossary).arg("--force").arg(&st.input);
        let t = Instant::now();
        let out = cmd.output()?;
        let secs = t.elapsed().as_secs_f64();
        if !out.status.success() {
            return Err(format!("{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr)).into());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !stderr.trim().is_empty() {
            eprintln!("{}: nazir said: {}", st.name, stderr.trim());
        }
        println!("\n## {} ({}): {secs:.1}s", st.name, st.label);
        let s = score(st, &glossary, &gold, false, Some(&out_dir))?;
        let strict = score(st, &glossary, &gold_strict, true, None)?;
        results.push((st, s, strict, secs));
    }

    let cmdline = {
        let mut c = "cargo run --release --example ntrex_eval --".to_string();
        for a in &raw {
            c.push(' ');
            c.push_str(a);
        }
        c
    };
    let commit = Command::new("git")
        .args(["-C", manifest.to_str().unwrap_or("."), "describe", "--always", "--dirty"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "?".into());
    let mut md = String::new();
    writeln!(md, "`{cmdline}` (nazir {commit}, data {})\n", dir.display())?;
    writeln!(
        md,
        "Unit: batch-level unique (en, ar) pairs; gold {} pairs ({} names, {} translated), {} doubtful.\n",
        gold.pairs.len(),
        count_how(&|h| is_names(h)),
        count_how(&|h| !is_names(h)),
        gold.doubtful.len()
    )?;
    writeln!(
        md,
        "| setting | rows | pairs | names P | names R | names F1 | transl R | transl≥3 R | transl-rows P | all P | all R | all F1 | strict F1 | s |"
    )?;
    writeln!(md, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")?;
    for (st, s, strict, secs) in &results {
        let p = |r: Ratio| format!("{:.3} ({}/{})", r.get(), r.hit, r.all);
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {:.3} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.1} |",
            st.name,
            s.rows,
            s.pairs,
            p(s.names_p),
            p(s.names_r),
            f1(s.names_p.get(), s.names_r.get()),
            p(s.trans_r),
            p(s.trans3_r),
            p(s.trans_p),
            p(s.all_p),
            p(s.all_r),
            f1(s.all_p.get(), s.all_r.get()),
            f1(strict.all_p.get(), strict.all_r.get()),
            secs
        )?;
    }
    writeln!(md, "\n| setting | false positives by tag | misses by tag |\n|---|---|---|")?;
    for (st, s, _, _) in &results {
        writeln!(md, "| {} | {} | {} |", st.name, s.fp_tags, s.miss_tags)?;
    }
    std::fs::write(out_dir.join("summary.md"), &md)?;
    println!("\n{md}");
    println!("full lists: {}", out_dir.display());
    Ok(())
}
