#!/usr/bin/env bash
# Rebuild glossaries/names/english-frequency.tsv.gz: how common each word
# of written English is, names included (kavanaugh, pellegrini, junqueras),
# so that the guesser of `nazir transliterate` and `nazir build --guess`
# prefers the spelling English text really uses (Kavanaugh, not Cavano;
# West, not Wiest) and can offer names no name list has.
#
# The words are the English entries of the "large" word-frequency list of
# the PyPI package wordfreq 3.1.1 (the wheel nazir's Arabic form table comes
# from), kept when they are Latin letters only, lower case, at least three
# letters long and of band 749 or less (a frequency of about 10^-7.5 or
# more: the rarest band of the list, 750 to 800, holds as many words as all
# the others, mostly misspellings and user names, and would double the
# guesser's start-up time and memory for little gain); each line is `word<TAB>band`, a band b meaning a
# frequency of about 10^(-b/100), in the list's order (most frequent
# first). Licence: CC BY-SA 4.0, like wordfreq's data (see
# glossaries/names/WORDFREQ-NOTICE).
#
# Reproducible: the wheel is pinned by version and SHA-256, its data is
# decoded by scripts/wordfreq_list.py (no extra package), and the file is
# gzipped without a timestamp. Needs pip, python3 and gzip.
#
#   scripts/build-english-frequency.sh            # rewrite the file
#   scripts/build-english-frequency.sh --check    # rebuild and compare
set -euo pipefail

PACKAGE=wordfreq==3.1.1
WHEEL=wordfreq-3.1.1-py3-none-any.whl
WHEEL_SHA=4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/glossaries/names/english-frequency.tsv.gz
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m pip download --quiet --no-deps --only-binary :all: --dest . "$PACKAGE"
echo "$WHEEL_SHA  $WHEEL" | sha256sum -c --quiet -
python3 - "$root/scripts" "$WHEEL" <<'PY' | gzip -n -9 > english-frequency.tsv.gz
import sys, unicodedata
sys.path.insert(0, sys.argv[1])
from wordfreq_list import bands

def latin_word(word):
    return len(word) >= 3 and word == word.lower() and all(
        c.isalpha() and unicodedata.name(c, '').startswith('LATIN') for c in word)

for band, word in bands(sys.argv[2], 'en'):
    if band < 750 and latin_word(word):
        print(f'{word}\t{band}')
PY
echo "$(zcat english-frequency.tsv.gz | wc -l) words"
if [[ $check == yes ]]; then
    cmp -s english-frequency.tsv.gz "$out" && echo "glossaries/names/english-frequency.tsv.gz is up to date" \
        || { echo "glossaries/names/english-frequency.tsv.gz differs from a rebuild" >&2; exit 1; }
else
    cp english-frequency.tsv.gz "$out"
fi
