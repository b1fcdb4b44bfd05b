#!/usr/bin/env bash
# Rebuild glossaries/names/ (the guesser of `nazir transliterate` and the
# known name parts) from the open name lists of ../shared/eval:
#   names_dev.csv           google/transliteration ar2en.txt, Apache-2.0
#   names_dev_wikidata.csv  steveash/NETransliteration-COLING2018, CC0
# and english-words.txt.gz from the Debian package wamerican-small (SCOWL
# size 35, its own permissive licence: SCOWL-COPYRIGHT). Needs apt-get
# download for that part; where it cannot download, --check says so and
# checks the rest.
# Reproducible: the inputs are pinned by SHA-256, training is
# deterministic, and the gzip files carry no timestamp.
#
#   scripts/build-name-model.sh            # rebuild
#   scripts/build-name-model.sh --check    # rebuild in a temp dir and compare
#   EVAL=DIR scripts/build-name-model.sh   # the lists are in DIR, not ../shared/eval
#   PROFILE=bench ...                      # build with this cargo profile (default release)
set -euo pipefail

NAMES_DEV_SHA=d6bc991ff4318d7a8ced3aa3a68f6fffd102c3eec8afbf6f17b3725f920370c3
WAMERICAN=wamerican-small=2020.12.07-2
WAMERICAN_SHA=bfebd3ce5f04a62f5fbeb6707ea1160e37d645754145138343009209f0deadb6
WIKIDATA_SHA=6abce1a8078c48305300e5df83beee127d1619fc3667ee76f96e91f2625b4395

root=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL:-$root/../shared/eval}
out=$root/glossaries/names
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

verify() { # file sha
    echo "$2  $1" | sha256sum -c --quiet - || { echo "checksum mismatch: $1" >&2; exit 1; }
}
verify "$eval_dir/names_dev.csv" "$NAMES_DEV_SHA"
verify "$eval_dir/names_dev_wikidata.csv" "$WIKIDATA_SHA"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
cargo run --quiet --locked --profile "${PROFILE:-release}" --example name_model -- train "$work/transliteration.tsv.gz" \
    "$eval_dir/names_dev.csv" "$eval_dir/names_dev_wikidata.csv"

files=(transliteration.tsv.gz name-parts.tsv.gz)
# Common English words: letters only (no possessives), lower-cased (the
# list's few capitalized words are days, months and the like), sorted.
if (cd "$work" && apt-get download "$WAMERICAN" >/dev/null 2>&1); then
    verify "$work"/wamerican-small_2020.12.07-2_all.deb "$WAMERICAN_SHA"
    dpkg-deb -x "$work"/wamerican-small_2020.12.07-2_all.deb "$work/deb"
    grep -E '^[A-Za-z]{2,}$' "$work/deb/usr/share/dict/american-english-small" | tr 'A-Z' 'a-z' | LC_ALL=C sort -u |
        gzip -n -9 > "$work/english-words.txt.gz"
    files+=(english-words.txt.gz)
else
    echo "english-words.txt.gz: SKIPPED, apt-get could not download $WAMERICAN" >&2
fi

if [[ $check == yes ]]; then
    for f in "${files[@]}"; do
        cmp "$work/$f" "$out/$f" || { echo "glossaries/names/$f differs from a rebuild" >&2; exit 1; }
    done
    echo "glossaries/names: the rebuild matches"
else
    for f in "${files[@]}"; do cp "$work/$f" "$out/"; done
    echo "glossaries/names rebuilt"
fi
