#!/usr/bin/env bash
# Side-by-side comparison of nazir with common baselines, in one run:
#   1. name matching: `nazir match` vs Python RapidFuzz (fuzz.ratio on
#      anyascii-romanized Arabic), 10,000 Arabic queries x 10,000 English
#      candidates: wall time (top-1 and top-20) and top-1 accuracy;
#   2. throughput: `nazir build` vs `wc -w` over a generated batch
#      (COMPARE_MB, default 200 MB): MB/s and peak memory (also for 10 MB);
#   3. the same over news that does not repeat: a batch generated from the
#      word bigrams of real Arabic text (COMPARE_LIKE), or a folder of real
#      articles you point it at (COMPARE_REAL).
#
# Run from anywhere: `bash benches/compare.sh` (quick: `COMPARE_MB=20 bash benches/compare.sh`).
# Settings (environment):
#   COMPARE_MB        size of the big batch in MB (10^6 bytes), default 200
#   COMPARE_SMALL_MB  size of the small batch, default 10
#   COMPARE_N         queries and candidates for matching, default 10000
#   COMPARE_SEED      seed of the pair sample and of the batches, default 42
#   COMPARE_PAIRS     en,ar pairs CSV, default ../shared/eval/names_dev_wikidata.csv
#   COMPARE_NEWS_MB   size of the news-like batch, default 20
#   COMPARE_LIKE      real Arabic text files the news-like batch learns from
#                     (space-separated), default ../shared/eval/ntrex_dev/news.ar
#                     and ../shared/corpus/*.txt; the part is skipped without them
#   COMPARE_REAL      a folder of real Arabic articles (.txt, .jsonl ...) to measure
#                     as they are, instead of the news-like batch
#                     (when absent: gazetteer pairs + generated distractors, see benches/README.md)
# Python packages (rapidfuzz, anyascii, numpy) go into target/compare-venv
# only; all data goes into target/compare/. Results: target/compare/results.md.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIG_MB=${COMPARE_MB:-200}
NEWS_MB=${COMPARE_NEWS_MB:-20}
if [[ -n ${COMPARE_LIKE:-} ]]; then
    read -r -a LIKE <<<"$COMPARE_LIKE"
else
    LIKE=()
    for f in ../shared/eval/ntrex_dev/news.ar ../shared/corpus/*.txt; do
        [[ -f $f ]] && LIKE+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
    done
fi
REAL=${COMPARE_REAL:-}
SMALL_MB=${COMPARE_SMALL_MB:-10}
N=${COMPARE_N:-10000}
SEED=${COMPARE_SEED:-42}
PAIRS=${COMPARE_PAIRS:-../shared/eval/names_dev_wikidata.csv}
WORK=$ROOT/target/compare
VENV=$ROOT/target/compare-venv
NAZIR=$ROOT/target/release/nazir
GEN=$ROOT/target/release/examples/gen_batch
mkdir -p "$WORK"

log() { printf '\n== %s\n' "$*" >&2; }
now() { date +%s.%N; }
# sub END START -> END - START, 3 decimals
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
# div A B [DECIMALS] -> A / B
div() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.*f", d, a / b }'; }
# json FILE KEY -> value of a top-level key of a one-line JSON file
json() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# ---------------------------------------------------------------- build
log "building nazir and gen_batch (release)"
cargo build --release --quiet --bin nazir --example gen_batch

# ---------------------------------------------------------------- python venv
log "python venv in target/compare-venv (rapidfuzz, anyascii, numpy)"
if [[ ! -x $VENV/bin/python ]]; then
    python3 -m venv "$VENV" || {
        echo "compare.sh: 'python3 -m venv' failed; install the venv module (Debian/Ubuntu: apt-get install python3-venv)" >&2
        exit 2
    }
fi
PY=$VENV/bin/python
if ! "$PY" -c 'import rapidfuzz, anyascii, numpy' 2>/dev/null; then
    "$PY" -m pip install --quiet --disable-pip-version-check rapidfuzz anyascii numpy
fi

# ---------------------------------------------------------------- GNU time
TIME_BIN=""
if /usr/bin/time --version 2>&1 | grep -q GNU; then
    TIME_BIN=/usr/bin/time
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing GNU time (apt-get install -y time)"
    { apt-get update -qq && apt-get install -y -qq time; } >/dev/null 2>&1 || true
    /usr/bin/time --version 2>&1 | grep -q GNU && TIME_BIN=/usr/bin/time
fi
[[ -n $TIME_BIN ]] || log "GNU time not available: peak RSS from python's getrusage(RUSAGE_CHILDREN)"

# measure OUT_PREFIX CMD... : runs CMD, writes OUT_PREFIX.{wall,rss_kb,cpu} (seconds, KiB, user+sys seconds)
measure() {
    local out=$1
    shift
    local t0 t1 rc=0
    t0=$(now)
    if [[ -n $TIME_BIN ]]; then
        "$TIME_BIN" -v -o "$out.time" "$@" || rc=$?
    else
        "$PY" -c '
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write("Maximum resident set size (kbytes): %d\n" % u.ru_maxrss)
    f.write("User time (seconds): %.2f\nSystem time (seconds): %.2f\n" % (u.ru_utime, u.ru_stime))
sys.exit(rc)' "$out.time" "$@" || rc=$?
    fi
    t1=$(now)
    sub "$t1" "$t0" >"$out.wall"
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$out.time" >"$out.rss_kb"
    awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f\n", s }' "$out.time" >"$out.cpu"
    return $rc
}

# ---------------------------------------------------------------- 1. matching
M=$WORK/match
mkdir -p "$M"
if [[ -f $PAIRS ]]; then
    log "matching inputs: seeded sample of $N pairs from $PAIRS (seed $SEED)"
    "$PY" benches/compare_rapidfuzz.py --prepare-from-pairs "$PAIRS" --n "$N" --seed "$SEED" --out-dir "$M" >"$M/prepare.json"
    PAIR_SOURCE="$N pairs sampled from $(basename "$PAIRS") (seed $SEED)"
else
    log "matching inputs: $PAIRS not found; gazetteer pairs + generated distractor names"
    "$GEN" --names "$N" "$SEED" >"$M/distractors.txt"
    "$PY" benches/compare_rapidfuzz.py --prepare-from-gazetteer glossaries --distractors "$M/distractors.txt" \
        --n "$N" --out-dir "$M" >"$M/prepare.json"
    PAIR_SOURCE="FALLBACK: gazetteer spellings (glossaries/*.csv without translated.csv) cycled to $N queries, candidates = gazetteer English + generated names"
fi
cat "$M/prepare.json" >&2

log "nazir match --against EN.txt AR.txt --top-k 1"
t0=$(now)
"$NAZIR" match --against "$M/EN.txt" "$M/AR.txt" --top-k 1 -o "$M/nazir.csv"
t1=$(now)
NZ_MATCH_S=$(sub "$t1" "$t0")
# The same asked for the 20 best candidates of each name: RapidFuzz's cdist
# scores every pair whatever k is; nazir's pruned search has a lower
# threshold to reach (the 20th best), so this is its harder case.
log "nazir match --against EN.txt AR.txt --top-k 20"
t0=$(now)
"$NAZIR" match --against "$M/EN.txt" "$M/AR.txt" --top-k 20 -o "$M/nazir_top20.csv"
t1=$(now)
NZ_MATCH20_S=$(sub "$t1" "$t0")
"$PY" benches/compare_rapidfuzz.py --ar "$M/AR.txt" --gold "$M/GOLD.tsv" --score-nazir "$M/nazir.csv" >"$M/nazir.json"
cat "$M/nazir.json" >&2

log "RapidFuzz process.cdist(fuzz.ratio, workers=-1)"
t0=$(now)
"$PY" benches/compare_rapidfuzz.py --en "$M/EN.txt" --ar "$M/AR.txt" --gold "$M/GOLD.tsv" >"$M/rapidfuzz.json"
t1=$(now)
RF_PROC_S=$(sub "$t1" "$t0")
cat "$M/rapidfuzz.json" >&2
RF_S=$(json "$M/rapidfuzz.json" seconds)
NZ_TOP1=$(json "$M/nazir.json" top1)
RF_TOP1=$(json "$M/rapidfuzz.json" top1)

# ---------------------------------------------------------------- 2. throughput
# batch MB -> prints the batch directory (generated once per size and seed)
batch() {
    local mb=$1 dir=$WORK/batch_${1}mb stamp=$WORK/batch_${1}mb.stamp
    if [[ ! -f $stamp || $(head -n1 "$stamp") != "mb=$mb seed=$SEED" ]]; then
        log "generating a $mb MB batch in ${dir#"$ROOT"/}"
        rm -rf "$dir" "$stamp"
        local made
        made=$("$GEN" "$dir" "$mb" "$SEED")
        printf 'mb=%s seed=%s\n%s\n' "$mb" "$SEED" "$made" >"$stamp"
    fi
    echo "$dir"
}
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
files_of() { find "$1" -type f | wc -l; }

# news_batch MB -> prints the directory of the news-like batch (see LIKE)
news_batch() {
    local mb=$1 dir=$WORK/news_${1}mb stamp=$WORK/news_${1}mb.stamp
    # gen=3: inflected forms that written Arabic uses (benches/common/news.rs);
    # a batch made by an older generator is made again.
    local want="mb=$mb seed=$SEED gen=3 like=${LIKE[*]}"
    if [[ ! -f $stamp || $(head -n1 "$stamp") != "$want" ]]; then
        log "generating a $mb MB news-like batch in ${dir#"$ROOT"/} from ${LIKE[*]}"
        rm -rf "$dir" "$stamp"
        local made
        made=$("$GEN" "$dir" "$mb" "$SEED" --like "${LIKE[@]}")
        printf '%s\n%s\n' "$want" "$made" >"$stamp"
    fi
    echo "$dir"
}

BIG=$(batch "$BIG_MB")
SMALL=$(batch "$SMALL_MB")
BIG_BYTES=$(bytes_of "$BIG")
BIG_FILES=$(files_of "$BIG")
SMALL_BYTES=$(bytes_of "$SMALL")

# Both sides read from the page cache: read the batch once first.
find "$BIG" -name '*.txt' -print0 | xargs -0 cat >/dev/null

# wc_words LOCALE [DIR] -> seconds (the word count goes to stderr)
wc_words() {
    local t0 t1 words
    t0=$(now)
    words=$(find "${2:-$BIG}" -type f -print0 | xargs -0 cat | LC_ALL=$1 wc -w)
    t1=$(now)
    echo "wc -w (LC_ALL=$1): $words words" >&2
    sub "$t1" "$t0"
}
log "wc -w over the $BIG_MB MB batch ($BIG_FILES files, $BIG_BYTES bytes)"
# The main baseline runs in a UTF-8 locale, where wc counts the Arabic words;
# LC_ALL=C is faster but counts only words with a printable ASCII byte.
WC_LOCALE=C
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
    if locale -a 2>/dev/null | grep -qx "$l"; then WC_LOCALE=$l && break; fi
done
WC_S=$(wc_words "$WC_LOCALE")
WC_C_S=$(wc_words C)

log "nazir build over the $BIG_MB MB batch"
rm -f "$WORK/build_big.csv"
measure "$WORK/build_big" "$NAZIR" build "$BIG" --quiet -o "$WORK/build_big.csv"
BUILD_BIG_S=$(cat "$WORK/build_big.wall")
RSS_BIG_KB=$(cat "$WORK/build_big.rss_kb")
CPU_BIG_S=$(cat "$WORK/build_big.cpu")

log "nazir build over the $SMALL_MB MB batch"
rm -f "$WORK/build_small.csv"
measure "$WORK/build_small" "$NAZIR" build "$SMALL" --quiet -o "$WORK/build_small.csv"
BUILD_SMALL_S=$(cat "$WORK/build_small.wall")
RSS_SMALL_KB=$(cat "$WORK/build_small.rss_kb")

# ---------------------------------------------------------------- 3. news
NEWS=""
if [[ -n $REAL ]]; then
    NEWS=$REAL
    NEWS_WHAT="real articles in $REAL"
elif [[ ${#LIKE[@]} -gt 0 ]]; then
    NEWS=$(news_batch "$NEWS_MB")
    NEWS_WHAT="a news-like batch (bigram walk over ${LIKE[*]})"
else
    log "no real Arabic text for the news-like batch (COMPARE_LIKE or ../shared): part 3 skipped"
fi
if [[ -n $NEWS ]]; then
    NEWS_BYTES=$(bytes_of "$NEWS")
    NEWS_FILES=$(files_of "$NEWS")
    find "$NEWS" -type f -print0 | xargs -0 cat >/dev/null
    log "wc -w and nazir build over $NEWS_WHAT ($NEWS_FILES files, $NEWS_BYTES bytes)"
    NEWS_WC_S=$(wc_words "$WC_LOCALE" "$NEWS")
    rm -f "$WORK/build_news.csv"
    measure "$WORK/build_news" "$NAZIR" build "$NEWS" --quiet -o "$WORK/build_news.csv"
    NEWS_S=$(cat "$WORK/build_news.wall")
    NEWS_RSS_KB=$(cat "$WORK/build_news.rss_kb")
fi

# ---------------------------------------------------------------- table
mbs() { div "$1" "$(awk -v s="$2" 'BEGIN { print s * 1e6 }')" 1; }
NZ_MBS=$(mbs "$BIG_BYTES" "$BUILD_BIG_S")
WC_MBS=$(mbs "$BIG_BYTES" "$WC_S")
WC_C_MBS=$(mbs "$BIG_BYTES" "$WC_C_S")
SMALL_MBS=$(mbs "$SMALL_BYTES" "$BUILD_SMALL_S")
mib() { div "$1" 1024 1; }

{
    echo "## nazir vs baselines ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m))"
    echo
    echo "Matching: $PAIR_SOURCE; $(json "$M/prepare.json" queries) Arabic queries x $(json "$M/prepare.json" candidates) English candidates."
    echo "Throughput: generated batch of $BIG_BYTES bytes in $BIG_FILES files (MB = 10^6 bytes); page cache warm for both."
    echo
    echo "| measure | nazir | baseline | nazir / baseline |"
    echo "|---|---:|---:|---:|"
    echo "| match wall time, whole process (s) | $NZ_MATCH_S | RapidFuzz $RF_PROC_S | $(div "$NZ_MATCH_S" "$RF_PROC_S" 2)x |"
    echo "| match time, RapidFuzz romanize+cdist+argmax only (s) | $NZ_MATCH_S | RapidFuzz $RF_S | $(div "$NZ_MATCH_S" "$RF_S" 2)x |"
    echo "| match top-20, whole process (s; RapidFuzz's cdist is the same for any k) | $NZ_MATCH20_S | RapidFuzz $RF_PROC_S | $(div "$NZ_MATCH20_S" "$RF_PROC_S" 2)x |"
    echo "| match top-1 accuracy | $NZ_TOP1 | RapidFuzz $RF_TOP1 | $(awk -v a="$NZ_TOP1" -v b="$RF_TOP1" 'BEGIN { printf "%+.4f", a - b }') |"
    echo "| build $BIG_MB MB: wall time (s) | $BUILD_BIG_S (CPU $CPU_BIG_S) | wc -w $WC_S | $(div "$BUILD_BIG_S" "$WC_S" 1)x |"
    echo "| build $BIG_MB MB: throughput (MB/s) vs wc -w, LC_ALL=$WC_LOCALE | $NZ_MBS | $WC_MBS | $(div "$WC_MBS" "$NZ_MBS" 1)x slower |"
    if [[ $WC_LOCALE != C ]]; then
        echo "| build $BIG_MB MB: throughput (MB/s) vs wc -w, LC_ALL=C (skips Arabic words) | $NZ_MBS | $WC_C_MBS | $(div "$WC_C_MBS" "$NZ_MBS" 1)x slower |"
    fi
    echo "| build $SMALL_MB MB: throughput (MB/s) | $SMALL_MBS | | |"
    echo "| peak RSS, build $SMALL_MB MB (MiB) | $(mib "$RSS_SMALL_KB") | | |"
    echo "| peak RSS, build $BIG_MB MB (MiB) | $(mib "$RSS_BIG_KB") | | |"
    if [[ -n $NEWS ]]; then
        echo "| build, news that does not repeat ($NEWS_BYTES bytes): wall time (s) | $NEWS_S | wc -w $NEWS_WC_S | $(div "$NEWS_S" "$NEWS_WC_S" 1)x |"
        echo "| build, news that does not repeat: throughput (MB/s) | $(mbs "$NEWS_BYTES" "$NEWS_S") | $(mbs "$NEWS_BYTES" "$NEWS_WC_S") | |"
        echo "| peak RSS, build of the news (MiB) | $(mib "$NEWS_RSS_KB") | | |"
    fi
    echo
    echo "Target: nazir build within 10x of wc -w (LC_ALL=$WC_LOCALE): $(awk -v a="$WC_MBS" -v b="$NZ_MBS" 'BEGIN { print (b > 0 && a / b <= 10) ? "met" : "NOT met" }') on the generated batch."
    if [[ -n $NEWS ]]; then
        echo "On news that does not repeat ($NEWS_WHAT): $(awk -v a="$NEWS_S" -v b="$NEWS_WC_S" 'BEGIN { print (b > 0 && a / b <= 10) ? "met" : "NOT met" }')."
    fi
    echo "nazir match times the whole process (start, reading, index, CSV out); the RapidFuzz in-process time excludes"
    echo "interpreter start, imports and file reading. Both use all cores (rayon; cdist workers=-1); wc -w uses one."
} | tee "$WORK/results.md"
