#!/usr/bin/env python3
"""Letter-trigram counts for nazir's foreignness score (src/lexicon.rs).

  scripts/build-lexicon-ngrams.py glossaries/lexicon/ar.dic.gz NAMES.csv > glossaries/lexicon/ngrams.tsv

Native counts: every stem of Ayaspell ar.dic (MPL-1.1), alone and with the
article ال. Foreign counts: the Arabic column of a name list (nazir used the
Wikidata person-name words of steveash/NETransliteration-COLING2018, CC0,
../shared/eval/names_dev_wikidata.csv; about 80% foreign). Words are in
nazir's matching form (marks stripped; أ إ آ ٱ → ا, ى → ي, ة → ه) between the
boundary marks ^ and $. Output: trigram<TAB>native<TAB>foreign, sorted; only
counts, no words of either source.
"""
import collections, csv, gzip, re, sys

FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ة': 'ه', 'ک': 'ك'})
WORD = re.compile('^[\u0621-\u064A]+$')

def norm(w):
    return re.sub('[\u064B-\u065F\u0670\u0640]', '', w.strip()).translate(FOLD)

def grams(w):
    s = '^' + w + '$'
    return [s[i:i + 3] for i in range(len(s) - 2)]

dic_path, names_path = sys.argv[1], sys.argv[2]
native, foreign = collections.Counter(), collections.Counter()
with gzip.open(dic_path, 'rt', encoding='utf-8') as f:
    for line in f.read().split('\n')[1:]:
        stem = norm(line.split('/')[0])
        if WORD.match(stem):
            native.update(grams(stem))
            native.update(grams('ال' + stem))
with open(names_path, encoding='utf-8') as f:
    for row in csv.DictReader(f):
        w = norm(row['ar'])
        if WORD.match(w):
            foreign.update(grams(w))
print('# letter trigrams of ordinary words (Ayaspell ar.dic 3.2 stems, MPL-1.1) and of names '
      '(NETransliteration-COLING2018 Wikidata words, CC0): trigram, native count, foreign count')
for t in sorted(set(native) | set(foreign)):
    print(f'{t}\t{native[t]}\t{foreign[t]}')
