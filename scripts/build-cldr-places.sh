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

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/glossaries/cldr-translated.csv
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

(cd "$root" && cargo build --release --quiet --bin nazir --example lexcheck)
nazir=$root/target/release/nazir
lexcheck=$root/target/release/examples/lexcheck

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "$LOCALENAMES" "$DATES" >/dev/null
echo "$LOCALENAMES_SHA  cldr-localenames-full-48.2.0.tgz" | sha256sum -c --quiet -
echo "$DATES_SHA  cldr-dates-full-48.2.0.tgz" | sha256sum -c --quiet -
mkdir ln dt
tar xzf cldr-localenames-full-48.2.0.tgz -C ln
tar xzf cldr-dates-full-48.2.0.tgz -C dt

python3 - "$root" "$nazir" "$lexcheck" ln/package dt/package new.csv <<'PY'
import csv, io, json, os, re, subprocess, sys
root, nazir, lexcheck, ln, dt, new = sys.argv[1:7]
ARABIC = re.compile('[\u0621-\u064A]')

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

# The gazetteer format: Arabic letters and spaces only, without harakat.
MARKS = re.compile('[\u064B-\u065F\u0670\u0640]')
names = [(en.strip(), MARKS.sub('', ar).strip(), k) for en, ar, k in names]
names = [(en, ar, k) for en, ar, k in names
         if re.fullmatch('[\u0621-\u064A]+( [\u0621-\u064A]+)*', ar) and en[:1].isupper()]

def run(cmd, words):
    out = []
    for i in range(0, len(words), 200):
        out += subprocess.run(cmd + words[i:i + 200], capture_output=True, text=True, check=True).stdout.splitlines()
    return out

# Matching forms (nazir romanize: original, matching form, key).
forms = sorted({ar for _, ar, _ in names})
norm = {line.split('\t')[0]: line.split('\t')[1] for line in run([nazir, 'romanize'], forms)}

# What the shipped gazetteers already say (each English once across the
# files: a name they have keeps their spelling).
shipped, shipped_en = {}, set()
for f in sorted(os.listdir(f'{root}/glossaries')):
    if not f.endswith('.csv') or f == 'cldr-translated.csv':
        continue
    for row in csv.DictReader(open(f'{root}/glossaries/{f}', encoding='utf-8')):
        shipped_en.add(row['en'].strip().lower())
        spellings = [row['ar']] + [v for v in (row.get('variants') or '').split('|') if v.strip()]
        for a in run([nazir, 'romanize'], [s.strip() for s in spellings]):
            shipped.setdefault(a.split('\t')[1], row['en'].strip())

# One-word names the lexicon calls ordinary, alone or, after a conjunction
# و or ف, as a plain dictionary word (واليس, Wallis, is also و + أليس "is
# it not").
single = sorted({ar for ar in forms if ' ' not in ar})
CLITIC = ('و', 'ف')
peeled = {w: w[1:] for w in single if w.startswith(CLITIC) and len(w) >= 4}
verdicts = dict(line.split(': ', 1) for line in run([lexcheck], single + sorted(set(peeled.values()))))
ordinary = set()
for word in single:
    # Ordinary by the lexicon's own measure, or a name whose last letter
    # is the nisba ending (مالي: Mali, and "financial").
    if 'ordinary=true' in verdicts[word] or (norm[word].endswith('ي') and norm[word] not in shipped):
        ordinary.add(word)
    elif word in peeled and verdicts[peeled[word]].startswith('Some(Word)') and 'ordinary=true' in verdicts[peeled[word]]:
        ordinary.add(word)

rows, taken = {}, {}
for en, ar, kind in names:
    n = norm[ar]
    if ar in ordinary or en.lower() in shipped_en:
        continue
    if shipped.get(n, en).lower() != en.lower():
        continue
    if n in taken:
        continue
    taken[n] = en
    # One row per English name: a territory and a city of one name (Kuwait)
    # give one row, the territory's spelling first.
    rows.setdefault(en, (kind, []))[1].append(ar)

buf = io.StringIO()
w = csv.writer(buf, lineterminator='\n')
w.writerow(['en', 'ar', 'variants', 'kind'])
for en in sorted(rows, key=str.lower):
    kind, spellings = rows[en]
    w.writerow([en, spellings[0], '|'.join(spellings[1:]), kind])
open(new, 'w', encoding='utf-8').write(buf.getvalue())
print(f'{len(rows)} names ({len(names)} in CLDR; {len(ordinary)} ordinary words left out)', file=sys.stderr)
PY

if [[ $check == yes ]]; then
    cmp -s new.csv "$out" && echo "glossaries/cldr-translated.csv is up to date" || { echo "glossaries/cldr-translated.csv differs from a rebuild" >&2; exit 1; }
else
    cp new.csv "$out"
fi
