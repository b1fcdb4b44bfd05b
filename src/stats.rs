//! The statistics of a build, apart from any file format: what a build
//! collects over (a part of) a batch ([`Stats`]), the settings it was
//! collected with ([`Settings`]), merging the statistics of parts
//! (`Stats::try_merge`), and finishing them into the glossary
//! ([`Stats::finish`]: the association pass over parallel units, then
//! ordering and filtering). A single build is "collect the statistics,
//! then finish them"; a sharded one merges the parts in between, so both
//! end in the same code. [`crate::partial`] writes and reads these
//! statistics as files.

use crate::align::{AlignConfig, Method};
use crate::associate::Cooccurrences;
use crate::candidates::CandidateSet;
use crate::error::{DifferingSetting, Error, Result};
use crate::glossary::{Glossary, GlossaryBuilder, GlossaryFilter};
use std::collections::{BTreeMap, HashMap};

/// The settings a part was built with; parts merge only when they agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The alignment configuration.
    pub align: AlignConfig,
    /// Fingerprint of the candidate set (`CandidateSet::fingerprint`).
    pub candidates: String,
}

impl Settings {
    /// The settings of a run aligning with `align` against `candidates`.
    pub fn new(align: AlignConfig, candidates: &CandidateSet) -> Self {
        Settings { align, candidates: candidates.fingerprint() }
    }

    /// Every setting with its value, named as the command line and the
    /// partial file name it, always in this order. Values are compared as
    /// written, so that a file and the statistics read from it agree on
    /// what differs.
    pub(crate) fn named_values(&self) -> Vec<(&'static str, String)> {
        let a = &self.align;
        vec![
            ("min-score", a.min_score.to_string()),
            ("short-min-score", a.short_min_score.to_string()),
            ("short-consonants", a.short_consonants.to_string()),
            ("clitic-penalty", a.clitic_penalty.to_string()),
            ("article-strip-penalty", a.article_strip_penalty.to_string()),
            ("article-penalty", a.article_penalty.to_string()),
            ("gazetteer-only-margin", a.gazetteer_only_margin.to_string()),
            ("guess", a.guess.to_string()),
            ("candidates", self.candidates.clone()),
        ]
    }

    /// The settings from values named as [`Settings::named_values`] names
    /// them; every one must be present, other names are ignored. The error
    /// says which setting is missing or bad.
    pub(crate) fn from_named_values(values: &HashMap<String, String>) -> std::result::Result<Self, String> {
        fn get<T: std::str::FromStr>(values: &HashMap<String, String>, name: &str) -> std::result::Result<T, String> {
            let v = values.get(name).ok_or_else(|| format!("the setting `{name}` is missing"))?;
            v.parse().map_err(|_| format!("the setting `{name}` has a bad value {v:?}"))
        }
        Ok(Settings {
            align: AlignConfig {
                min_score: get(values, "min-score")?,
                short_min_score: get(values, "short-min-score")?,
                short_consonants: get(values, "short-consonants")?,
                clitic_penalty: get(values, "clitic-penalty")?,
                article_strip_penalty: get(values, "article-strip-penalty")?,
                article_penalty: get(values, "article-penalty")?,
                gazetteer_only_margin: get(values, "gazetteer-only-margin")?,
                // Parts written before --guess existed were built without.
                guess: if values.contains_key("guess") { get(values, "guess")? } else { false },
            },
            candidates: get(values, "candidates")?,
        })
    }
}

/// The sufficient statistics of a build over (a part of) a batch: what
/// `nazir build --partial` writes and `nazir merge-partials` merges.
#[derive(Debug)]
pub struct Stats {
    /// The settings the statistics were collected with.
    pub settings: Settings,
    /// Articles read.
    pub articles: u64,
    /// The terms referred to (entries and the English phrases of parallel
    /// units that are candidates): English term → kind.
    pub terms: BTreeMap<String, String>,
    /// Per-term occurrences, renderings and contexts.
    pub glossary: GlossaryBuilder,
    /// Co-occurrence counts over the parallel units.
    pub cooccurrences: Cooccurrences,
}

impl Stats {
    /// No statistics yet (the neutral element of `Stats::try_merge`).
    pub fn new(settings: Settings) -> Self {
        Stats {
            settings,
            articles: 0,
            terms: BTreeMap::new(),
            glossary: GlossaryBuilder::new(),
            cooccurrences: Cooccurrences::new(),
        }
    }

    /// Adds the statistics of another part of the same batch. Associative
    /// and commutative. Parts built with different settings or candidates
    /// would merge into a wrong glossary, so they are refused with
    /// [`Error::PartsDiffer`] naming the first setting that differs, and
    /// `self` is left as it was.
    pub(crate) fn try_merge(&mut self, other: Stats) -> Result<()> {
        let differing = self
            .settings
            .named_values()
            .into_iter()
            .zip(other.settings.named_values())
            .find(|((_, first), (_, here))| first != here);
        if let Some(((setting, first), (_, here))) = differing {
            return Err(Error::PartsDiffer(Box::new(DifferingSetting {
                path: None,
                line: None,
                setting: setting.to_string(),
                here,
                first,
                first_path: None,
            })));
        }
        self.articles += other.articles;
        for (en, kind) in other.terms {
            self.terms.entry(en).or_insert(kind);
        }
        self.glossary.merge(other.glossary);
        self.cooccurrences.merge(other.cooccurrences);
        Ok(())
    }

    /// The glossary: the association pass over the parallel units, then
    /// [`GlossaryBuilder::finish`] with `filter`. A single build ends with
    /// exactly this call.
    pub fn finish(self, filter: GlossaryFilter) -> Glossary {
        let mut candidates = CandidateSet::new();
        for (en, kind) in &self.terms {
            candidates.add_term(en, kind);
        }
        let mut builder = self.glossary;
        if self.cooccurrences.units() > 0 {
            link_parallel_names(&mut builder, &self.cooccurrences, &candidates, self.settings.align.min_score);
        }
        builder.finish(filter)
    }
}

/// Units an Arabic span and an English phrase must share to be linked
/// (the bar: translated names that recur at least three times).
const MIN_COOCCURRENCE: u32 = 3;

/// Dice coefficient from which a linked pair that does not sound alike is
/// taken as a translation.
const MIN_TRANSLATION_DICE: f32 = 0.5;

/// How far below the transliteration threshold a linked pair that sounds
/// alike may score and still be taken: parallel evidence adds recall.
const PARALLEL_TRANSLITERATION_MARGIN: f32 = 0.15;

/// Dice coefficient such a transliteration needs.
const MIN_TRANSLITERATION_DICE: f32 = 0.3;

/// The association pass over parallel units: the figures of pairs the
/// aligner decided are recorded, and pairs linked only by association are
/// added: as transliterations when they sound nearly alike, as translations
/// when they recur together closely enough. `candidates` need only hold the
/// terms the statistics refer to ([`Stats::terms`]).
fn link_parallel_names(
    builder: &mut GlossaryBuilder,
    counts: &Cooccurrences,
    candidates: &CandidateSet,
    min_score: f32,
) {
    let mut decided = builder.decided_pairs();
    for (arabic, english) in &decided {
        if let Some(association) = counts.association_of(arabic, english) {
            builder.set_association(english, association);
        }
    }
    // A decided pair (by a gazetteer or a list: the article's English
    // would have written its English) whose English the parallel text
    // never writes beside an Arabic it has in enough units leaves that
    // Arabic free for the English the translations do write (الاتحاد
    // الأوروبي is European Union in the gazetteer and EU in the batch's
    // English): both rows stay, the translators' English among them.
    decided.retain(|(arabic, english)| {
        counts.association_of(arabic, english).is_some() || counts.arabic_units(arabic) < MIN_COOCCURRENCE
    });
    // How the link before was taken, for the acronym or expansion that
    // follows it.
    let mut previous: Option<Method> = None;
    for link in counts.link(MIN_COOCCURRENCE, &decided) {
        if !link.abbreviation {
            previous = None;
        }
        let Some(term) = candidates.find(&link.english) else { continue };
        let term = &candidates.terms()[term];
        let dice = link.association.dice;
        let method = if link.abbreviation {
            previous
        } else if link.transliteration >= min_score - PARALLEL_TRANSLITERATION_MARGIN
            && dice >= MIN_TRANSLITERATION_DICE
        {
            Some(Method::Transliteration)
        } else if dice >= MIN_TRANSLATION_DICE && !is_everyday_word(&link.arabic) {
            Some(Method::Translation)
        } else {
            None
        };
        if !link.abbreviation {
            previous = method;
        }
        if let Some(method) = method {
            builder.add_link(&term.en, &term.kind, &link, method);
        }
    }
}

/// Whether an Arabic span is one everyday word (الحرب, القاضي, معهد, the
/// nisba الألمانية): alone it translates a common noun or adjective of the
/// English, not a name. Translated names are several words (المحكمة
/// العليا) or proper nouns (الصين, اليونان).
fn is_everyday_word(arabic: &str) -> bool {
    use crate::lexicon::{Lexicon, Ordinary};
    !arabic.contains(' ')
        && matches!(
            Lexicon::embedded().ordinary_reason(arabic),
            Some(Ordinary::Word | Ordinary::AfterClitic | Ordinary::Nisba | Ordinary::FunctionWord)
        )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::candidates::BatchCandidates;
    use crate::partial::{read_partial, write_candidates, write_partial};
    use crate::pipeline::{BuildConfig, build, build_stats, scan};
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    fn data() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
    }

    /// A copy of the test batch as one tree: `articles/*.txt`,
    /// `batch.jsonl` and the parallel text of `parallel/` (TMX, line
    /// pairs), with the input files a walk of it reads.
    fn tree() -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["articles", "parallel"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
            for entry in std::fs::read_dir(data().join(sub)).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
        std::fs::copy(data().join("batch.jsonl"), dir.path().join("batch.jsonl")).unwrap();
        let files = crate::input::input_files(&[dir.path().to_path_buf()], None).unwrap();
        let files: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
        assert_eq!(files.len(), 8, "{files:?}");
        (dir, files)
    }

    fn config(root: &Path, inputs: Vec<PathBuf>, candidates: Vec<PathBuf>) -> BuildConfig {
        BuildConfig {
            inputs,
            root: Some(root.to_path_buf()),
            candidate_files: candidates,
            english_lists: vec![data().join("english.txt")],
            default_gazetteer: false,
            threads: 1,
            ..BuildConfig::default()
        }
    }

    /// The statistics as a partial file: statistics have no equality of
    /// their own, and this form holds all of them in a canonical order.
    pub(crate) fn text(stats: &Stats) -> String {
        let mut out = Vec::new();
        write_partial(stats, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The statistics of three shards of the test batch, aligned against
    /// the candidates of the whole batch, and those of a single run.
    pub(crate) fn shards() -> (Vec<Stats>, Stats, tempfile::TempDir) {
        let (dir, files) = tree();
        let shards = [&files[0..1], &files[1..4], &files[4..]];
        assert!(shards[2].iter().any(|f| f.ends_with("news.tmx")));
        let cands = dir.path().join("all.cands");
        let mut found = BatchCandidates::new();
        for shard in shards {
            let out = scan(&config(dir.path(), shard.to_vec(), vec![]), &mut |_| {}).unwrap();
            found.merge(out.found);
        }
        let mut bytes = Vec::new();
        write_candidates(&found, &mut bytes).unwrap();
        std::fs::write(&cands, bytes).unwrap();
        let parts: Vec<Stats> = shards
            .iter()
            .map(|s| build_stats(&config(dir.path(), s.to_vec(), vec![cands.clone()]), &mut |_| {}).unwrap().stats)
            .collect();
        let whole = build_stats(&config(dir.path(), vec![dir.path().to_path_buf()], vec![]), &mut |_| {}).unwrap();
        // Read in the reverse order, the batch has the same statistics:
        // first sights follow the article keys.
        let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
        let backwards = build_stats(&config(dir.path(), reversed, vec![]), &mut |_| {}).unwrap();
        assert_eq!(text(&backwards.stats), text(&whole.stats));
        (parts, whole.stats, dir)
    }

    #[test]
    fn merging_is_associative_and_commutative_and_equals_one_run() {
        let (parts, whole, _dir) = shards();
        let texts: Vec<String> = parts.iter().map(text).collect();
        // Stats are not Clone: each use of a part reads it anew.
        let part = |i: usize| read_partial(texts[i].as_bytes(), "t.part", None).unwrap();
        let merge = |mut a: Stats, b: Stats| {
            a.try_merge(b).unwrap();
            a
        };
        let left = merge(merge(part(0), part(1)), part(2));
        let right = merge(part(0), merge(part(1), part(2)));
        let reversed = merge(merge(part(2), part(1)), part(0));
        let from_empty = merge(merge(Stats::new(whole.settings.clone()), part(1)), merge(part(2), part(0)));
        let whole_text = text(&whole);
        for (name, m) in [("(a+b)+c", &left), ("a+(b+c)", &right), ("c+b+a", &reversed), ("0+b+(c+a)", &from_empty)] {
            assert_eq!(text(m), whole_text, "{name}");
        }
        assert_eq!(whole.articles, 32);
        let glossary = left.finish(GlossaryFilter::default());
        assert!(glossary.entries.len() > 20);
        assert_eq!(glossary, whole.finish(GlossaryFilter::default()));
        // And the single run is that very glossary.
        let (dir, _) = tree();
        let single = build(&config(dir.path(), vec![dir.path().to_path_buf()], vec![]), &mut |_| {}).unwrap();
        assert_eq!(single.glossary, glossary);
    }

    #[test]
    fn parallel_links_keep_their_own_bars_and_skip_everyday_words() {
        // الاتحاد الأوروبي is EU in three lines and European Union in three:
        // each Dice is below the default --min-score, and both stay.
        // القاضي = Judge is a common noun, not a name.
        let pairs = [
            ("اجتمع قادة الاتحاد الأوروبي أمس", "EU leaders met yesterday."),
            ("رفض الاتحاد الأوروبي الخطة", "The EU rejected the plan."),
            ("قال الاتحاد الأوروبي إنه سيرد", "The EU said it would respond."),
            ("انضمت الدولة إلى الاتحاد الأوروبي", "The country joined the European Union."),
            ("وافق الاتحاد الأوروبي على الاتفاق", "The European Union approved the deal."),
            ("يناقش الاتحاد الأوروبي الميزانية", "The European Union is discussing the budget."),
            ("قال القاضي إن الجلسة انتهت", "Judge Ray said the hearing was over."),
            ("رفض القاضي الطلب", "Judge Ray turned the request down."),
            ("أجل القاضي القضية", "Judge Ray put the case off."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
            ("وصل الوفد إلى المدينة صباحا", "The delegation reached the city in the morning."),
        ];
        let dir = tempfile::tempdir().unwrap();
        let (ar, en): (Vec<&str>, Vec<&str>) = pairs.iter().copied().unzip();
        std::fs::write(dir.path().join("news.ar"), ar.join("\n")).unwrap();
        std::fs::write(dir.path().join("news.en"), en.join("\n")).unwrap();
        let config = BuildConfig {
            inputs: vec![dir.path().join("news.ar")],
            default_gazetteer: false,
            threads: 1,
            ..BuildConfig::default()
        };
        let glossary = build(&config, &mut |_| {}).unwrap().glossary;
        let row =
            |en: &str| glossary.entries.iter().find(|e| e.en == en).map(|e| (e.preferred().form.clone(), e.score));
        let (ar, score) = row("EU").expect("EU");
        assert_eq!(ar, "الاتحاد الأوروبي");
        assert!(score < config.align.min_score, "{score}");
        assert_eq!(row("European Union").map(|r| r.0).as_deref(), Some("الاتحاد الأوروبي"));
        assert!(row("Judge").is_none() && row("Judge Ray").is_none(), "{:?}", glossary.entries);
        assert!(is_everyday_word("القاضي") && !is_everyday_word("الصين") && !is_everyday_word("المحكمة العليا"));
    }

    #[test]
    fn parallel_text_gives_its_own_english_for_a_gazetteer_translation() {
        // The gazetteer says الاتحاد الأوروبي is European Union; these
        // translations write EU: a translator's glossary of them has EU too.
        let pairs = [
            ("اجتمع قادة الاتحاد الأوروبي أمس", "EU leaders met yesterday."),
            ("رفض الاتحاد الأوروبي الخطة", "The EU rejected the plan."),
            ("قال الاتحاد الأوروبي إنه سيرد", "The EU said it would respond."),
            ("هطلت أمطار غزيرة في المدينة", "Heavy rain fell on the city."),
        ];
        let dir = tempfile::tempdir().unwrap();
        let (ar, en): (Vec<&str>, Vec<&str>) = pairs.iter().copied().unzip();
        std::fs::write(dir.path().join("news.ar"), ar.join("\n")).unwrap();
        std::fs::write(dir.path().join("news.en"), en.join("\n")).unwrap();
        let gazetteer = dir.path().join("g-translated.csv");
        std::fs::write(&gazetteer, "en,ar,variants,kind\nEuropean Union,الاتحاد الأوروبي,,org\n").unwrap();
        let config = BuildConfig {
            inputs: vec![dir.path().join("news.ar")],
            default_gazetteer: false,
            gazetteers: vec![gazetteer],
            threads: 1,
            ..BuildConfig::default()
        };
        let glossary = build(&config, &mut |_| {}).unwrap().glossary;
        let ar_of = |en: &str| glossary.entries.iter().find(|e| e.en == en).map(|e| e.preferred().form.clone());
        assert_eq!(ar_of("EU").as_deref(), Some("الاتحاد الأوروبي"), "{:?}", glossary.entries);
        assert_eq!(ar_of("European Union").as_deref(), Some("الاتحاد الأوروبي"));
    }

    /// The Arabic sentences of generated batches: several spellings of one
    /// name (جوجل and غوغل, ديبسيك and DeepSeek and ديب سيك), names with
    /// clitics (لمايكروسوفت, وأوراكل), and names in one sentence together.
    const SENTENCES: [&str; 10] = [
        "قالت شركة جوجل إن محرك البحث سيضيف ميزات جديدة",
        "أعلنت غوغل عن نتائجها، وارتفع سهم جوجل",
        "وقعت مايكروسوفت اتفاقا مع أوراكل لتشغيل قواعد البيانات",
        "أطلقت DeepSeek نموذجا جديدا للذكاء الاصطناعي",
        "قال مؤسس ديبسيك إن الشركة تنافس مايكروسوفت وغوغل",
        "تراجعت أسهم أوراكل بعد إعلان ديب سيك",
        "لم تعلق غوغل على الخبر حتى الآن",
        "قال متحدث باسم ميكروسوفت إن الخدمة عادت",
        "نقلت رويترز عن البيت الأبيض قوله إن لمايكروسوفت دورا",
        "وأكدت أوراكل أن ديبسيك ليست عميلا لها",
    ];

    /// The English of each sentence, for parallel articles: the
    /// association pass, which runs on the merged statistics only, is
    /// then part of what must be equal (البيت الأبيض is White House only
    /// by association).
    const ENGLISH: [&str; 10] = [
        "Google said its search engine would add new features",
        "Google announced its results, and Google shares rose",
        "Microsoft signed a deal with Oracle to run databases",
        "DeepSeek released a new artificial intelligence model",
        "The founder of DeepSeek said the company competes with Microsoft and Google",
        "Oracle shares fell after the DeepSeek announcement",
        "Google has not commented on the news yet",
        "A Microsoft spokesman said the service was back",
        "Reuters quoted the White House as saying Microsoft had a role",
        "Oracle said DeepSeek is not its customer",
    ];

    /// The English candidate list of generated batches.
    const CANDIDATE_LIST: &str = "Google\nMicrosoft\nOracle\nDeepSeek\nWhite House\nReuters\n";

    /// A batch: files of 1–3 articles, each article 1–3 sentences, with
    /// their English or not.
    type Batch = Vec<Vec<(Vec<usize>, bool)>>;

    fn any_batch() -> impl Strategy<Value = Batch> {
        let article = (proptest::collection::vec(0..SENTENCES.len(), 1..4), proptest::bool::weighted(0.4));
        proptest::collection::vec(proptest::collection::vec(article, 1..4), 1..8)
    }

    /// Writes the batch under `dir/batch` (`f0.txt` for a file of one
    /// article, `fN.jsonl` for more) and returns the files in walk order.
    fn write_batch(dir: &Path, batch: &Batch) -> Vec<PathBuf> {
        let root = dir.join("batch");
        std::fs::create_dir(&root).unwrap();
        let mut files = Vec::new();
        for (i, articles) in batch.iter().enumerate() {
            let text = |sentences: &[usize]| sentences.iter().map(|&k| SENTENCES[k]).collect::<Vec<_>>().join(". ");
            let path = match articles.as_slice() {
                [(sentences, false)] => {
                    let path = root.join(format!("f{i}.txt"));
                    std::fs::write(&path, text(sentences)).unwrap();
                    path
                }
                _ => {
                    let path = root.join(format!("f{i}.jsonl"));
                    let lines: Vec<String> = articles
                        .iter()
                        .enumerate()
                        .map(|(k, (sentences, en))| {
                            let mut line = serde_json::json!({"id": format!("a{i}-{k}"), "text": text(sentences)});
                            if *en {
                                let english: Vec<&str> = sentences.iter().map(|&k| ENGLISH[k]).collect();
                                line["en"] = english.join(". ").into();
                            }
                            line.to_string()
                        })
                        .collect();
                    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
                    path
                }
            };
            files.push(path);
        }
        let walked = crate::input::input_files(&[root], None).unwrap();
        let walked: Vec<PathBuf> = walked.into_iter().map(|f| f.path).collect();
        let mut sorted = files;
        sorted.sort_by_key(|p| walked.iter().position(|w| w == p));
        assert_eq!(sorted, walked);
        sorted
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Any split of a batch into 1–4 shards, built apart against the
        /// candidates of all shards and merged in any order, gives the
        /// statistics and the glossary of one build over the whole batch.
        #[test]
        fn any_split_merged_in_any_order_equals_one_build(
            batch in any_batch(),
            cuts in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
            order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let files = write_batch(dir.path(), &batch);
            let list = dir.path().join("names.txt");
            std::fs::write(&list, CANDIDATE_LIST).unwrap();
            let root = dir.path().join("batch");
            let config = |inputs: Vec<PathBuf>, candidates: Vec<PathBuf>| BuildConfig {
                inputs,
                root: Some(root.clone()),
                candidate_files: candidates,
                english_lists: vec![list.clone()],
                default_gazetteer: false,
                threads: 1,
                ..BuildConfig::default()
            };
            // Cut points between files (a file is never split), so that
            // no shard is empty.
            let mut at: Vec<usize> = cuts.iter().filter(|_| files.len() > 1).map(|c| 1 + c.index(files.len() - 1)).collect();
            at.sort();
            at.dedup();
            let bounds: Vec<usize> = std::iter::once(0).chain(at).chain(std::iter::once(files.len())).collect();
            let shards: Vec<&[PathBuf]> = bounds.windows(2).map(|w| &files[w[0]..w[1]]).collect();

            let mut found = BatchCandidates::new();
            for shard in &shards {
                found.merge(scan(&config(shard.to_vec(), vec![]), &mut |_| {}).unwrap().found);
            }
            let cands = dir.path().join("all.cands");
            let mut bytes = Vec::new();
            write_candidates(&found, &mut bytes).unwrap();
            std::fs::write(&cands, bytes).unwrap();
            let mut parts: Vec<Option<Stats>> = shards
                .iter()
                .map(|s| Some(build_stats(&config(s.to_vec(), vec![cands.clone()]), &mut |_| {}).unwrap().stats))
                .collect();
            let mut merged: Option<Stats> = None;
            for i in order.into_iter().filter(|&i| i < shards.len()) {
                let part = parts[i].take().unwrap();
                match merged.as_mut() {
                    None => merged = Some(part),
                    Some(m) => m.try_merge(part).unwrap(),
                }
            }
            let merged = merged.unwrap();
            let whole = build_stats(&config(vec![root.clone()], vec![]), &mut |_| {}).unwrap().stats;
            prop_assert_eq!(text(&merged), text(&whole), "shards {:?}", bounds);
            let glossary = merged.finish(GlossaryFilter::default());
            prop_assert!(!glossary.entries.is_empty());
            prop_assert_eq!(glossary, whole.finish(GlossaryFilter::default()));
        }
    }

    #[test]
    fn parts_with_other_settings_are_refused_and_left_as_they_were() {
        let mut candidates = CandidateSet::new();
        candidates.add("Google", |o| o.list = true);
        let settings = Settings::new(AlignConfig::default(), &candidates);
        let mut first = Stats::new(settings.clone());
        first.articles = 2;
        let mut stricter = Stats::new(settings.clone());
        stricter.settings.align.min_score = 0.85;
        stricter.articles = 3;
        // Not a debug assertion: the error comes in release builds too.
        let e = first.try_merge(stricter).unwrap_err();
        let Error::PartsDiffer(differing) = &e else { panic!("{e:?}") };
        let expected = DifferingSetting {
            path: None,
            line: None,
            setting: "min-score".into(),
            here: "0.85".into(),
            first: "0.8".into(),
            first_path: None,
        };
        assert_eq!(**differing, expected);
        assert_eq!(
            e.to_string(),
            "cannot merge parts: setting min-score is 0.85 here but 0.8 in the first part: parts merge only when \
             built with the same settings and candidates"
        );
        assert_eq!(first.articles, 2);
        // Another candidate set differs in the last setting.
        let mut other = Stats::new(Settings::new(AlignConfig::default(), &CandidateSet::new()));
        other.articles = 5;
        let e = first.try_merge(other).unwrap_err();
        assert!(matches!(&e, Error::PartsDiffer(d) if d.setting == "candidates"), "{e:?}");
        let mut same = Stats::new(settings);
        same.articles = 3;
        first.try_merge(same).unwrap();
        assert_eq!(first.articles, 5);
    }

    #[test]
    fn named_settings_read_back() {
        let align = AlignConfig { min_score: 0.75, short_consonants: 4, guess: true, ..AlignConfig::default() };
        let settings = Settings { align, candidates: "3:00ff".into() };
        let values: HashMap<String, String> =
            settings.named_values().into_iter().map(|(name, value)| (name.to_string(), value)).collect();
        assert_eq!(Settings::from_named_values(&values), Ok(settings.clone()));
        // A part written before --guess existed was built without it.
        let mut older = values.clone();
        older.remove("guess");
        let without = Settings { align: AlignConfig { guess: false, ..align }, ..settings };
        assert_eq!(Settings::from_named_values(&older), Ok(without));
        let mut missing = values.clone();
        missing.remove("article-penalty");
        assert_eq!(Settings::from_named_values(&missing), Err("the setting `article-penalty` is missing".into()));
        let mut bad = values;
        bad.insert("short-consonants".into(), "x".into());
        assert_eq!(
            Settings::from_named_values(&bad),
            Err("the setting `short-consonants` has a bad value \"x\"".into())
        );
    }
}
