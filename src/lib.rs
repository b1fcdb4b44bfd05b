#![deny(missing_docs)]
//! nazir (نظير, "counterpart") builds Arabic↔English glossaries of foreign
//! names from batches of Arabic news articles.
//!
//! # From text to a glossary
//!
//! The crate root is the whole of what most callers need: [`Article`]s in,
//! a [`Glossary`] out, configured by a [`BuildConfig`].
//!
//! ```
//! use nazir::{Article, BuildConfig, build_articles};
//!
//! let articles = [
//!     Article::new("a1", "قالت شركة جوجل إن محرك البحث سيضيف ميزات جديدة"),
//!     Article::new("a2", "أعلنت غوغل عن نتائجها، وارتفع سهم جوجل"),
//! ];
//! let out = build_articles(articles, &BuildConfig::default())?;
//! let google = out.glossary.entries.iter().find(|e| e.en == "Google").expect("Google is found");
//! assert_eq!(google.preferred().form, "جوجل"); // the most frequent spelling
//! assert!(google.variants().any(|r| r.form == "غوغل"));
//! assert_eq!((google.count, google.docs), (3, 2));
//! # Ok::<(), nazir::Error>(())
//! ```
//!
//! [`build`] does the same for files and folders ([`BuildConfig::inputs`]),
//! streaming them, on all cores.
//!
//! # The pipeline, in order
//!
//! Each stage is one module with a small public API; a stage uses only the
//! stages before it (an integration test checks that no two files refer to
//! each other in a cycle).
//!
//! 1. [`input`] reads `.txt`, `.jsonl`, `.tmx`, `.ar`/`.en` line pairs,
//!    folders and stdin into [`corpus`] [`Article`]s that know their file,
//!    line and place in the batch; [`text`] is the one UTF-8 decoder.
//! 2. [`normalize`]: the matching form of Arabic text (NFKC, marks and
//!    controls stripped, letters folded).
//! 3. [`tokenize`]: Arabic and Latin words with byte spans.
//! 4. [`extract`]: candidate spans of 1–4 words with their clitic readings.
//! 5. [`romanize`]: Arabic and English into one alphabet of sound classes.
//! 6. [`score`]: the weighted edit distance on those keys, the readings of
//!    isolated terms, and an index that finds the best candidates without
//!    scoring every pair.
//! 7. [`candidates`] gathers the English side (lists, gazetteers, the
//!    batch's Latin names and parallel English); [`align`] picks the English
//!    term of every Arabic span; [`associate`] counts what co-occurs in
//!    parallel units; [`transliterate`] guesses the English of a name that
//!    nothing offers (a letter model and the known name parts).
//! 8. [`glossary`]: renderings grouped per English term; [`stats`] holds a
//!    build's mergeable statistics and finishes them into a glossary;
//!    [`pipeline`] runs the whole job.
//! 9. Outputs: [`export`] (the build CSV and translators' tools),
//!    [`review`] (workbooks and master glossaries people edit), [`merge`]
//!    (folding reviews into a master), [`check`] (texts against a
//!    glossary), [`partial`] (the files of sharded runs), all written
//!    through [`output`]; [`columns`] describes every glossary column once.
//!
//! # Where a change goes
//!
//! * A new input format: a reader in [`input`] (its extension in the walk
//!   and in `read_file`); everything after it sees [`Article`]s.
//! * A new export profile: a [`export::Profile`] variant, its writer in a
//!   file of [`export`], and its rules in [`export::validate`](mod@export::validate).
//! * A new alignment signal: [`align`] (per span, inside an article) or
//!   [`stats`] (over the whole batch, after merging), with its figures in
//!   the [`glossary`] statistics if sharded runs must carry it.

pub mod align;
pub mod associate;
pub mod candidates;
pub mod check;
pub mod columns;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod glossary;
pub mod input;
pub mod lexicon;
pub mod merge;
pub mod normalize;
pub mod output;
pub mod partial;
pub mod pipeline;
pub mod review;
pub mod romanize;
pub mod sample;
pub mod score;
pub mod stats;
pub mod table;
pub mod text;
pub mod tokenize;
pub mod transliterate;

#[cfg(test)]
mod testutil;

pub use align::{AlignConfig, Method};
pub use corpus::{Article, ArticleKey};
pub use error::{Error, InputProblem, Result};
pub use glossary::{Entry, EntryStatus, Glossary, GlossaryFilter, Rendering, TermStatus};
pub use pipeline::{BuildConfig, BuildOutput, Progress, build, build_articles, scan};
pub use score::score_pair;
