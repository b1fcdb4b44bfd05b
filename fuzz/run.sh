#!/usr/bin/env bash
# Runs every fuzz target for a fixed number of runs (RUNS, default 2000),
# each from a corpus seeded with the test data of the repository
# (tests/data, glossaries/) and the seeds in fuzz/seeds/. Needs the nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). A crash stops the
# script with a non-zero status; its input is left in fuzz/artifacts/.
#
#   fuzz/run.sh                  all targets, 2000 runs each
#   RUNS=100000 fuzz/run.sh cli  one target, longer
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-2000}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(input_txt input_jsonl input_tmx table_csv table_xlsx partial candidates cli)
fi

# corpus/TARGET gets the repository's files of the given extensions and
# the target's seeds (copied each time: the corpus grows as it runs).
seed() {
  local target=$1; shift
  mkdir -p "corpus/$target"
  for ext in "$@"; do
    find ../tests/data ../glossaries -type f -name "*.$ext" -exec cp {} "corpus/$target/" \;
  done
  if [ -d "seeds/$target" ]; then cp seeds/"$target"/* "corpus/$target/"; fi
}
seed input_txt txt ar en
seed input_jsonl jsonl
seed input_tmx tmx tbx
seed table_csv csv tsv
seed table_xlsx
seed partial
seed candidates
seed cli

start=$(date +%s)
cargo +nightly fuzz build --release
built=$(date +%s)
echo "built in $((built - start)) s"
for target in "${TARGETS[@]}"; do
  t0=$(date +%s)
  # -rss_limit_mb: a reader that takes more memory than this fails.
  cargo +nightly fuzz run --release "$target" "corpus/$target" -- \
    -runs="$RUNS" -rss_limit_mb=2048 -max_len=65536 -timeout=10 -print_final_stats=0 2>&1 | tail -n 3
  echo "$target: $RUNS runs in $(( $(date +%s) - t0 )) s"
done
echo "total $(( $(date +%s) - start )) s"
