#!/usr/bin/env bash
# `nazir transliterate`'s guesser beside an installed peer, on names none
# of them was trained on: the held-out half of ../shared/eval/names_dev.csv
# (a fixed split by the English word, see examples/name_model.rs).
#
#   bash benches/transliterate_compare.sh
#
# nazir is trained on the other half and on names_dev_wikidata.csv minus
# every held-out word, and measured four ways: the letter model alone;
# with the name parts of its training pairs; with those, the common English
# words and the English frequency list (glossaries/names/english-
# frequency.tsv.gz: names no list pairs with Arabic, and how common each
# spelling is in English text); and with the name parts of the whole
# Wikidata list too (as shipped: a list that may hold the English of a
# held-out name, though never its pair from names_dev). The peer,
# arabic-name-romanizer (PyPI, dictionary first, then a small model), is
# installed into a temporary virtualenv; it is never needed by nazir's
# build or tests. Top-1 and top-5 count an exact English match, case and
# accents folded.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL:-$root/../shared/eval}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
cargo build --quiet --release --example name_model
model=target/release/examples/name_model
lists=("$eval_dir/names_dev.csv" "$eval_dir/names_dev_wikidata.csv")
echo "== nazir, letter model alone"
"$model" eval "${lists[@]}" --name-part inf --write-held-out "$work/held-out.csv" 2>/dev/null | grep '^order'
echo "== nazir, with the name parts of its training pairs"
"$model" eval "${lists[@]}" 2>/dev/null | grep '^order'
echo "== nazir, with those, the common English words and the English frequency list"
"$model" eval "${lists[@]}" --words glossaries/names/english-words.txt.gz \
    --frequencies glossaries/names/english-frequency.tsv.gz 2>/dev/null | grep -A5 '^order'
echo "== nazir as shipped: the whole Wikidata list's name parts too"
"$model" eval "${lists[@]}" --names "$eval_dir/names_dev_wikidata.csv" \
    --words glossaries/names/english-words.txt.gz \
    --frequencies glossaries/names/english-frequency.tsv.gz 2>/dev/null | grep -A5 '^order'

echo "== arabic-name-romanizer"
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install --quiet arabic-name-romanizer==0.2.0
"$work/venv/bin/python" - "$work/held-out.csv" <<'PY'
import csv, sys, time, unicodedata
import arabic_name_romanizer as peer
def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if c.isascii()).lower().strip()
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
start = time.time()
top1 = top5 = 0
for r in rows:
    guesses = [fold(c.text) for c in peer.transliterate(r['ar'], top_k=5)]
    gold = fold(r['en'])
    top1 += bool(guesses) and guesses[0] == gold
    top5 += gold in guesses
n = len(rows)
print(f"{n} held-out pairs, top-1 {top1/n:.3f}, top-5 {top5/n:.3f} ({time.time()-start:.1f}s)")
PY
