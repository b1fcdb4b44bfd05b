#!/usr/bin/env bash
# Gives a news-like batch the long tail of a real month of news: copies
# the batch IN to OUT, replacing about 30% of its Arabic words of four
# letters or more by words drawn from the Arabic word frequencies of
# wordfreq 3.1.1 (PyPI; its "large" list, rank 2,000 and below, drawn by
# frequency). The bigram walk of compare.sh's news-like batch learns from a
# few dozen articles, so its vocabulary is small (about 26,000 distinct
# tokens in 20 MB); real news of that size has about 100,000, and the
# distinct words and spans are what nazir's lexicon and name search pay
# for. The result has about 100,000 distinct tokens in 20 MB.
#
#   bash benches/vocabulary_tail.sh target/compare/news_20mb target/compare/news_20mb_tail
#   wc -w and nazir build side by side on OUT, as compare.sh does
#
# LATIN=RATE (default 0: off) also replaces that share of all words
# (0.005 is one in 200, about three per article) by Latin-letter words, as
# real Arabic news writes them: names, acronyms and fragments of web
# addresses, drawn by a Zipf law from the first words of the names
# `gen_batch --names` writes, 2,000 made-up acronyms and a few lower-case
# fragments (www, com, pdf), none of them near an Arabic spelling of its
# own: what a month of news's few thousand Latin words cost in time, and in
# precision (read the rows the build makes of them in Arabic letters: some
# are right, as Patrick = باتريك, most only sound like an Arabic word).
#
#   LATIN=0.005 bash benches/vocabulary_tail.sh target/compare/news_20mb target/compare/news_20mb_latin
#
# The wheel (pinned by SHA-256) is cached in target/compare/; the
# replacement is seeded (SEED, default 7), so a run is reproducible.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 IN OUT" >&2; exit 2; }
IN=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORK=target/compare
mkdir -p "$WORK"
WHEEL=wordfreq-3.1.1-py3-none-any.whl
WHEEL_SHA=4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473
if [[ ! -f $WORK/$WHEEL ]]; then
    python3 -m pip download --quiet --no-deps --only-binary :all: --dest "$WORK" wordfreq==3.1.1
fi
echo "$WHEEL_SHA  $WORK/$WHEEL" | sha256sum -c --quiet -

LATIN_RATE=${LATIN:-0}
NAMES=$WORK/latin_names.txt
if [[ $LATIN_RATE != 0 ]]; then
    cargo build --release --quiet --example gen_batch
    target/release/examples/gen_batch --names 8000 "${SEED:-7}" >"$NAMES"
fi

python3 - "$WORK/$WHEEL" "$IN" "$OUT" "${SEED:-7}" "$LATIN_RATE" "$NAMES" <<'PY'
import bisect, itertools, os, random, re, sys
sys.path.insert(0, 'scripts')
from wordfreq_list import bands

wheel, src, dst, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
latin_rate, names_file = float(sys.argv[5]), sys.argv[6]
arabic = re.compile('[\u0621-\u064a]+')
words, weights = [], []
for rank, (band, w) in enumerate(bands(wheel)):
    if rank >= 2000 and arabic.fullmatch(w):
        words.append(w)
        weights.append(10 ** (-band / 100))
cumulative = list(itertools.accumulate(weights))
rng = random.Random(seed)
draw = lambda: words[bisect.bisect(cumulative, rng.random() * cumulative[-1])]

latin, latin_cumulative = [], []
if latin_rate > 0:
    with open(names_file, encoding='utf-8') as f:
        first_words = [w for w in (line.split()[0] for line in f if line.strip()) if w.isalpha()]
    latin_rng = random.Random(seed + 1)
    acronyms = [''.join(latin_rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(latin_rng.randint(2, 5)))
                for _ in range(2000)]
    latin = list(dict.fromkeys(first_words + acronyms + ['www', 'com', 'http', 'https', 'org', 'pdf', 'html', 'php']))
    latin_rng.shuffle(latin)
    latin_cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(latin))))
draw_latin = lambda: latin[bisect.bisect(latin_cumulative, rng.random() * latin_cumulative[-1])]

def replace(m):
    w = m.group(0)
    if latin and rng.random() < latin_rate:
        return draw_latin()
    return draw() if len(w) >= 4 and arabic.fullmatch(w) and rng.random() < 0.3 else w

for folder, _, files in sorted(os.walk(src)):
    for name in sorted(files):
        path = os.path.join(folder, name)
        out = os.path.join(dst, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(path, encoding='utf-8') as f, open(out, 'w', encoding='utf-8') as g:
            g.write(re.sub(r'\S+', replace, f.read()))
PY
echo "$(find "$OUT" -type f | wc -l) files in $OUT"
