#!/usr/bin/env bash
# Rebuild glossaries/cldr-translated.csv: the English and Arabic names of
# the countries, territories and regions of CLDR 48.2, and of the cities
# CLDR names time zones after, as a default gazetteer that is matched by
# exact spelling only, like translated.csv (the file name says so): many of
# the cities are small places whose names sound like other names. A name
# that a list, the Latin letters of the batch or the English of an article
# also supplies is matched by sound as well (Pyongyang, بيونغ يانغ).
#
# Reproducible: the packages are pinned by version and SHA-256 and the
# extraction is deterministic. Needs npm, python3 and a Rust toolchain (it
# builds nazir to normalize the Arabic and to ask its lexicon).
#
# What is left out, and why:
# - a name the shipped gazetteers already give another English (عمان is
#   Amman in places.csv, so Oman's عُمان is not added), or that two CLDR
#   names share (الجزائر: Algeria, not the city of Algiers);
# - a one-word Arabic name that nazir's lexicon calls ordinary Arabic (نوم
#   is Nome, and "sleep"), alone or after the conjunction و or ف (واليس,
#   Wallis, and و + أليس "is it not"), or that ends in the nisba ending ي (مالي is
#   Mali, and "financial") unless a shipped gazetteer has it: an exact
#   spelling would make every such word a place;
# - names the shipped gazetteers have already (under the same English);
# - names with anything but Arabic letters and spaces (marks are removed),
#   and the region "world".
#
#   scripts/build-cldr-places.sh            # rewrite the file
#   scripts/build-cldr-places.sh --check    # rebuild and compare
set -euo pipefail

LOCALENAMES=cldr-localenames-full@48.2.0
LOCALENAMES_SHA=7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57
DATES=cldr-dates-full@48.2.0
DATES_SHA=0256f1cefeca14f7d515be4872dda48fcdd7e75381430f25aafd0143eae5b430

file=cldr-translated.csv
source "$(dirname "$0")/places-common.sh"
npm pack --silent "$LOCALENAMES" "$DATES" >/dev/null
echo "$LOCALENAMES_SHA  cldr-localenames-full-48.2.0.tgz" | sha256sum -c --quiet -
echo "$DATES_SHA  cldr-dates-full-48.2.0.tgz" | sha256sum -c --quiet -
mkdir ln dt
tar xzf cldr-localenames-full-48.2.0.tgz -C ln
tar xzf cldr-dates-full-48.2.0.tgz -C dt

python3 - "$root" "$nazir" "$lexcheck" ln/package dt/package new.csv <<'PY'
import json, sys
root, nazir, lexcheck, ln, dt, new = sys.argv[1:7]

def load(path, *keys):
    d = json.load(open(path, encoding='utf-8'))
    for k in keys:
        d = d[k]
    return d

# Countries, territories and regions: the main name of each code.
names = []
en_t = load(f'{ln}/main/en/territories.json', 'main', 'en', 'localeDisplayNames', 'territories')
ar_t = load(f'{ln}/main/ar/territories.json', 'main', 'ar', 'localeDisplayNames', 'territories')
for code in sorted(ar_t):
    if '-alt-' in code or code not in en_t or code == '001':
        continue
    names.append((en_t[code], ar_t[code], 'location'))

# Cities: the exemplar city of each time zone (English: its own name in
# CLDR, or the zone's last part).
def cities(zones, path=()):
    for k, v in sorted(zones.items()):
        if isinstance(v, dict) and 'exemplarCity' in v:
            yield path + (k,), v['exemplarCity']
        elif isinstance(v, dict):
            yield from cities(v, path + (k,))
tz = lambda lang: load(f'{dt}/main/{lang}/timeZoneNames.json', 'main', lang, 'dates', 'timeZoneNames', 'zone')
en_c = dict(cities(tz('en')))
for path, ar in cities(tz('ar')):
    if path[0] == 'Etc':
        continue
    names.append((en_c.get(path, path[-1].replace('_', ' ')), ar, 'location'))

sys.path.insert(0, f'{root}/scripts')
from places_gazetteer import write_gazetteer
kept, given, ordinary = write_gazetteer(root, nazir, lexcheck, names, new,
                                        {'cldr-translated.csv', 'geonames-translated.csv'})
print(f'{kept} names ({given} in CLDR; {ordinary} ordinary words left out)', file=sys.stderr)
PY

places_finish
