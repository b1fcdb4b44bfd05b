//! nazir (نظير, "counterpart") builds Arabic↔English glossaries of foreign
//! names from batches of Arabic news articles.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`input`]: read articles from `.txt` and `.jsonl` files, directories
//!    and stdin, reporting bad input with its place and going on.
//! 2. [`normalize`]: the matching form of Arabic text (NFKC, marks and
//!    controls stripped, letters folded) and the display form.
//! 3. [`tokenize`]: words with byte spans into the original text.
//! 4. [`extract`]: candidate spans of 1–4 words with clitic readings.
//! 5. [`romanize`]: Arabic and English into one phonetic key alphabet.
//! 6. [`score`]: weighted edit distance on keys, and an index for top-k.
//! 7. [`align`]: the best English term for each Arabic span, overlaps
//!    resolved per article.
//! 8. [`glossary`]: renderings grouped per English term.
//! 9. [`export`]: the CSV glossary, and the files of translators' tools.
//!
//! [`columns`] describes the columns of glossary files once, for the
//! writers (`export`, `review`) and the readers (`review`, `merge`);
//! [`output`] checks output paths and writes files atomically, for every
//! writer above.
//!
//! [`stats`] holds what a build collects before the glossary (mergeable
//! statistics) and finishes it into the glossary; [`partial`] runs the same
//! pipeline sharded: the statistics of parts of a batch are written as
//! files, merged in any order, and finished into exactly the glossary of
//! one run.
//!
//! ```
//! use nazir::score::score_pair;
//! assert!(score_pair("غوغل", "Google") > score_pair("غوغل", "Gogoro"));
//! ```

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

#[cfg(test)]
mod testutil;
