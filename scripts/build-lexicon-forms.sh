#!/usr/bin/env bash
# Rebuild glossaries/lexicon/forms.tsv.gz: the dictionary reading of each
# word form of everyday written Arabic, so that nazir looks up the forms
# that make up most of a news text instead of analysing each one against
# the Ayaspell affix rules (about 20 µs a form; src/lexicon.rs,
# `FormTable`), and knows how common each form is (to split words written
# without the space between them). The forms are the Arabic entries of the word-frequency list
# of the PyPI package wordfreq 3.1.1 (its "large" list, built from
# Wikipedia, subtitles, news, web text and social media); the readings are
# computed by nazir's own lexicon (examples/lexicon_forms.rs), so the table
# is a cache of what nazir would compute, not new judgements. Rebuild it
# whenever glossaries/lexicon/ar.* or the dictionary spellings of
# src/lexicon.rs change; `cargo test` samples the table against the
# analysis and fails when it is stale.
#
# Reproducible: the wheel is pinned by version and SHA-256, its data is
# decoded by scripts/wordfreq_list.py (no extra package), and the
# table is sorted and gzipped without a timestamp. Needs pip, unzip,
# python3, gzip and a Rust toolchain.
#
#   scripts/build-lexicon-forms.sh            # rewrite the table
#   scripts/build-lexicon-forms.sh --check    # rebuild and compare
set -euo pipefail

PACKAGE=wordfreq==3.1.1
WHEEL=wordfreq-3.1.1-py3-none-any.whl
WHEEL_SHA=4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/glossaries/lexicon/forms.tsv.gz
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

(cd "$root" && cargo build --release --quiet --example lexicon_forms)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -m pip download --quiet --no-deps --only-binary :all: --dest . "$PACKAGE"
echo "$WHEEL_SHA  $WHEEL" | sha256sum -c --quiet -
python3 "$root/scripts/wordfreq_list.py" "$WHEEL" > words.txt

"$root/target/release/examples/lexicon_forms" < words.txt | gzip -n -9 > forms.tsv.gz
echo "$(zcat forms.tsv.gz | grep -vc '^#') forms"
if [[ $check == yes ]]; then
    cmp -s forms.tsv.gz "$out" && echo "glossaries/lexicon/forms.tsv.gz is up to date" \
        || { echo "glossaries/lexicon/forms.tsv.gz differs from a rebuild" >&2; exit 1; }
else
    cp forms.tsv.gz "$out"
fi
