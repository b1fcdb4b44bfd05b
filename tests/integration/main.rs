//! Integration tests: the real binary on articles written for the project.

// Helpers: the binary, running it, temp dirs, CSV and Arabic helpers.
mod util;
// `nazir build`: CSV format, options, inputs, recall and precision.
mod build;
// Exit codes, bad inputs, output protection and atomic writes.
mod errors;
// `nazir match`: top-k English candidates for Arabic terms.
mod match_cmd;
// `nazir transliterate`: guessed English spellings.
mod transliterate_cmd;
// `nazir romanize`: normalized forms and phonetic keys.
mod romanize;
// The shipped gazetteer files, read from disk.
mod gazetteer;
// The golden glossary of the test articles (BLESS=1 rewrites it).
mod golden;
// Evaluation on the shared data set.
mod shared_eval;
// The review round trip: workbook, merge, next batch against the master.
mod review_loop;
// `nazir export` and `nazir validate`: the translators' tool files.
mod exports;
// `nazir check`: texts against a glossary, on the planted issues.
mod check_cmd;
// Parallel inputs and translated names.
mod parallel;
// Sharded runs: scan, build --partial, merge-partials against one build.
mod partials;
// The shape of the library: no cycles between its files.
mod architecture;
// Review decisions are never lost: three-way merges in any order.
mod three_way;
// Hostile inputs: bounded time and memory.
mod limits;
// Inputs of every kind: pipes, links, unreadable files, ids, nesting.
mod inputs;
// Damaged copies of real inputs through every reader.
mod mutations;
// Hostile glossary files: spreadsheet and zip bombs, big tables, formulas.
mod hostile;
