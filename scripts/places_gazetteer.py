"""The filter and writer shared by the scripts that make a place gazetteer
from open data (scripts/build-cldr-places.sh, scripts/build-geonames-places.sh):
which of a source's (English, Arabic) names nazir can match by exact
spelling without firing on ordinary prose, and the gazetteer file itself.

`names` is a list of (en, ar, kind) in order of preference: the first name
to claim an Arabic spelling keeps it, and the spellings of one English name
are listed in that order. Names with anything but Arabic letters and spaces
(marks are removed first) or an English that does not start with a capital
are left out, as are:
- a name the other shipped gazetteers give another English, or that they
  have already (under the same English): each English once across files;
- a one-word Arabic name that nazir's lexicon calls ordinary Arabic, alone
  or after the conjunction و or ف (واليس, Wallis, is also و + أليس "is it
  not"), or that ends in the nisba ending ي (مالي is Mali, and
  "financial") unless a shipped gazetteer has it.
"""
import csv, io, os, re, subprocess

ARABIC = re.compile('[\u0621-\u064A]')
MARKS = re.compile('[\u064B-\u065F\u0670\u0640]')


def run(cmd, words):
    out = []
    for i in range(0, len(words), 200):
        out += subprocess.run(cmd + words[i:i + 200], capture_output=True, text=True, check=True).stdout.splitlines()
    return out


def write_gazetteer(root, nazir, lexcheck, names, new, ignore):
    """Filters `names` and writes the gazetteer CSV `new`; `ignore` are
    the file names in glossaries/ that do not count as shipped. Returns
    (rows written, names given, ordinary words left out)."""
    given = len(names)
    # Arabic letters and spaces only, without harakat.
    names = [(en.strip(), MARKS.sub('', ar).strip(), k) for en, ar, k in names]
    names = [(en, ar, k) for en, ar, k in names
             if re.fullmatch('[\u0621-\u064A]+( [\u0621-\u064A]+)*', ar) and en[:1].isupper()]

    # Matching forms (nazir romanize: original, matching form, key).
    forms = sorted({ar for _, ar, _ in names})
    norm = {line.split('\t')[0]: line.split('\t')[1] for line in run([nazir, 'romanize'], forms)}

    # What the shipped gazetteers already say (each English once across the
    # files: a name they have keeps their spelling).
    shipped, shipped_en, listed = {}, set(), []
    for f in sorted(os.listdir(f'{root}/glossaries')):
        if not f.endswith('.csv') or f in ignore:
            continue
        for row in csv.DictReader(open(f'{root}/glossaries/{f}', encoding='utf-8')):
            shipped_en.add(row['en'].strip().lower())
            spellings = [row['ar']] + [v for v in (row.get('variants') or '').split('|') if v.strip()]
            listed += [(row['en'].strip(), s.strip()) for s in spellings]
    matching = {}
    for line in run([nazir, 'romanize'], sorted({s for _, s in listed})):
        matching.setdefault(line.split('\t')[0], line.split('\t')[1])
    for en, s in listed:
        shipped.setdefault(matching[s], en)

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
    return len(rows), given, len(ordinary)
