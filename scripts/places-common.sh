# Sourced by the scripts that make a place gazetteer from open data
# (build-cldr-places.sh, build-geonames-places.sh), after `set -euo
# pipefail` and with $file set to the gazetteer's name in glossaries/. Sets
# root, out, check (yes with --check), nazir and lexcheck (built here), and
# enters a temporary folder removed on exit. `places_finish` then compares
# or installs the new.csv written there.
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/glossaries/$file
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

(cd "$root" && cargo build --release --quiet --bin nazir --example lexcheck)
nazir=$root/target/release/nazir
lexcheck=$root/target/release/examples/lexcheck

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

places_finish() {
    if [[ $check == yes ]]; then
        cmp -s new.csv "$out" && echo "glossaries/$file is up to date" || { echo "glossaries/$file differs from a rebuild" >&2; exit 1; }
    else
        cp new.csv "$out"
    fi
}
