#!/usr/bin/env bash
# Rebuild glossaries/lexicon/ (nazir's model of ordinary Arabic) from its
# published sources. Reproducible: the downloads are pinned by version and
# SHA-256, the extraction is deterministic, and the outputs' checksums are
# written to glossaries/lexicon/SHA256SUMS.
#
# Needs: apt-get (a Debian/Ubuntu package index that has hunspell-ar),
# dpkg-deb, npm, python3, gzip, sha256sum.
#
#   scripts/build-lexicon.sh            # rebuild and write checksums
#   scripts/build-lexicon.sh --check    # rebuild in a temp dir and compare
#   NAMES_CSV=../shared/eval/names_dev_wikidata.csv scripts/build-lexicon.sh
#                                       # also recount ngrams.tsv.gz
set -euo pipefail

HUNSPELL_AR=hunspell-ar=3.2-1.2
HUNSPELL_AR_SHA=63f18b13e40210e09985c31cee3dc6ffc5c35198f084dc2660e18b0848e79e28
CLDR=cldr-dates-full@48.2.0
CLDR_SHA=0256f1cefeca14f7d515be4872dda48fcdd7e75381430f25aafd0143eae5b430
STOPWORDS=stopwords-iso@1.1.0
STOPWORDS_SHA=e09c4b231be8c26eba98cf22468d0c2bcc0fd564b57b5b6304537373c24d1130

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/glossaries/lexicon
check=no
if [[ ${1:-} == --check ]]; then check=yes; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

verify() { # file sha
    echo "$2  $1" | sha256sum -c --quiet - || { echo "checksum mismatch: $1" >&2; exit 1; }
}

# (apt-get warns that it downloads "unsandboxed as root" into a temp dir; harmless)
apt-get download "$HUNSPELL_AR" >/dev/null
verify hunspell-ar_3.2-1.2_all.deb "$HUNSPELL_AR_SHA"
dpkg-deb -x hunspell-ar_3.2-1.2_all.deb deb
npm pack --silent "$CLDR" "$STOPWORDS" >/dev/null
verify cldr-dates-full-48.2.0.tgz "$CLDR_SHA"
verify stopwords-iso-1.1.0.tgz "$STOPWORDS_SHA"
mkdir cldr stop
tar xzf cldr-dates-full-48.2.0.tgz -C cldr
tar xzf stopwords-iso-1.1.0.tgz -C stop

mkdir new
python3 - deb/usr/share/hunspell cldr/package stop/package new <<'PY'
import json, os, re, sys
hun, cldr, stop, new = sys.argv[1:5]
ARABIC = re.compile('[\u0621-\u064A]')

# ar.aff: the affix file without its morphological aliases (AM lines),
# which spellbook ignores and which are 600 kB of the 860 kB.
with open(os.path.join(hun, 'ar.aff'), encoding='utf-8') as f:
    aff = [l for l in f.read().split('\n') if not l.startswith('AM')]
with open(os.path.join(new, 'ar.aff'), 'w', encoding='utf-8') as f:
    f.write('\n'.join(aff))

# ar.dic: every stem, without the lines that hold no Arabic letter (the
# file separators and section titles of the upstream build) and without the
# morphology index after the tab.
# ar-names.txt: the proper nouns among those stems, which nazir must not
# call ordinary words:
#  * the places sections, from "#القارات" (continents, countries, capitals)
#    to "##اسماء،أشخاص##", except their nisba adjectives (flag alias 58:
#    إثيوبي);
#  * the stems elsewhere that carry the proper-noun flag aliases 64 or 92
#    (نيويورك, مايكروسوفت, إسطنبول, ديكارت), except the few ordinary words
#    among them (NOT_NAMES; month names are listed in months.txt).
# The classical Arabic given names of the section "##اسماء،أشخاص##"
# (إبراهيم, سعاد) are native words and are not listed.
NOT_NAMES = {'الله', 'اللهم', 'التمور', 'جماديات', 'شعابين', 'فرادى', 'طيلة', 'قرمز'}
words, names = [], []
section = 'words'
with open(os.path.join(hun, 'ar.dic'), encoding='utf-8') as f:
    lines = f.read().split('\n')[1:]
for line in lines:
    if line.startswith('#القارات'):
        section = 'places'
    elif line.startswith('##اسماء،أشخاص##'):
        section = 'persons'
    elif line.startswith('####الأسماء####'):
        section = 'words'
    entry = line.split('\t')[0].strip()
    if not entry or entry.startswith('#') or not ARABIC.search(entry):
        continue
    words.append(entry)
    stem, _, flags = entry.partition('/')
    if section == 'places' and flags != '58':
        names.append(stem)
    elif section == 'words' and flags in ('64', '92') and stem not in NOT_NAMES:
        names.append(stem)
with open(os.path.join(new, 'ar.dic'), 'w', encoding='utf-8') as f:
    f.write(f'{len(words)}\n' + '\n'.join(words) + '\n')
with open(os.path.join(new, 'ar-names.txt'), 'w', encoding='utf-8') as f:
    f.write('# Proper nouns of Ayaspell ar.dic 3.2 (places sections; flag aliases 64 and 92), MPL-1.1\n')
    f.write('\n'.join(names) + '\n')

# months.txt: Gregorian month and weekday names of every Arabic CLDR locale
# (ar, ar-SY "نيسان", ar-MA "ماي", ar-DZ "جانفي", ...), wide and abbreviated,
# format and stand-alone, split into words.
cal = set()
main = os.path.join(cldr, 'main')
for loc in sorted(os.listdir(main)):
    if loc != 'ar' and not loc.startswith('ar-'):
        continue
    g = json.load(open(os.path.join(main, loc, 'ca-gregorian.json'), encoding='utf-8'))
    g = g['main'][loc]['dates']['calendars']['gregorian']
    for part in ('months', 'days'):
        for ctx in g[part].values():
            for width in ('wide', 'abbreviated'):
                for v in ctx.get(width, {}).values():
                    cal.update(w for w in v.split() if ARABIC.search(w))
with open(os.path.join(new, 'months.txt'), 'w', encoding='utf-8') as f:
    f.write('# Arabic month and weekday names, CLDR 48.2 (cldr-dates-full), Unicode-3.0\n')
    f.write('\n'.join(sorted(cal)) + '\n')

# stopwords.txt: the Arabic list of stopwords-iso 1.1.0 (MIT).
sw = json.load(open(os.path.join(stop, 'stopwords-iso.json'), encoding='utf-8'))['ar']
sw = sorted({w for w in sw if ARABIC.search(w)})
with open(os.path.join(new, 'stopwords.txt'), 'w', encoding='utf-8') as f:
    f.write('# Arabic stopwords of stopwords-iso 1.1.0, MIT\n')
    f.write('\n'.join(sw) + '\n')

# en-stopwords.txt: the English list of stopwords-iso 1.1.0 (MIT): a word of
# it alone at the start of an English sentence is not taken for a name.
sw = json.load(open(os.path.join(stop, 'stopwords-iso.json'), encoding='utf-8'))['en']
sw = sorted({w.lower() for w in sw if re.fullmatch('[a-z]+', w.lower())})
with open(os.path.join(new, 'en-stopwords.txt'), 'w', encoding='utf-8') as f:
    f.write('# English stopwords of stopwords-iso 1.1.0, MIT\n')
    f.write('\n'.join(sw) + '\n')
PY

# The two hunspell files are compressed (gzip -n: no name or time stamp, so
# the bytes do not change between runs).
gzip -9n new/ar.aff new/ar.dic

# ngrams.tsv.gz: letter-trigram counts for the foreignness score. The native
# counts come from ar.dic; the foreign ones from a name list that is not a
# package (NAMES_CSV, nazir used ../shared/eval/names_dev_wikidata.csv, CC0).
# Without NAMES_CSV the file in the repository is kept as it is.
if [[ -n ${NAMES_CSV:-} ]]; then
    python3 "$root/scripts/build-lexicon-ngrams.py" new/ar.dic.gz "$NAMES_CSV" | gzip -9n > new/ngrams.tsv.gz
else
    cp "$out/ngrams.tsv.gz" new/
fi
( cd new && sha256sum ar.aff.gz ar.dic.gz ar-names.txt months.txt stopwords.txt en-stopwords.txt ngrams.tsv.gz > SHA256SUMS )

if [[ $check == yes ]]; then
    ( cd "$out" && sha256sum -c --quiet "$work/new/SHA256SUMS" ) && echo "glossaries/lexicon is up to date"
else
    mkdir -p "$out"
    cp new/* "$out/"
    cp deb/usr/share/doc/hunspell-ar/copyright "$out/AYASPELL-COPYRIGHT"
    cp cldr/package/LICENSE "$out/UNICODE-LICENSE"
    cp /usr/share/common-licenses/MPL-1.1 "$out/MPL-1.1" # Debian base-files
    python3 - stop/package/package.json > "$out/STOPWORDS-ISO-LICENSE" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding='utf-8'))
assert p['license'] == 'MIT', p['license']
print(f"""stopwords-iso {p['version']} ({p['repository']}), licence {p['license']} as declared in its
package.json. The npm package ships no licence file; the copyright holder
below is its declared author.

MIT License

Copyright (c) {p['author'].split(' <')[0]} and the stopwords-iso contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.""")
PY
    ls -l "$out"
fi
