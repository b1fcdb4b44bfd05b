#!/usr/bin/env python3
"""Word lists for measuring nazir's lexicon (is_ordinary) on the shared
development data. Writes into OUT (not into the repository: the data's text
must not be copied into it):

  ordinary.tsv     word<TAB>count: every Arabic token of ntrex_dev/news.ar
                   that is not part of a gold name (any `how`) or a doubtful
                   pair, clitics (و ف ب ل ك ال and their combinations) peeled
                   for that test
  names_gold.tsv   word<TAB>count: the words of the gold `ar` column where
                   how = transliterated (count = gold count)
  names_dev.tsv    word<TAB>1: names_dev.csv Arabic single words whose English
                   has a letter Arabic romanization does not use (p v c x),
                   so surely foreign
  names_dev_all.tsv the same without that filter (about 80% foreign)

usage: scripts/lexicon-eval-lists.py EVAL_DIR OUT
"""
import collections, csv, os, re, sys

ev, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
MARKS = re.compile('[\u0610-\u061A\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C]')
WORD = re.compile('[\u0621-\u064A\u0671-\u06D3]+')
CLITICS = sorted(['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال',
                  'وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'], key=len, reverse=True)

def words(text):
    return WORD.findall(MARKS.sub('', text))

def readings(w):
    yield w
    for c in CLITICS:
        if w.startswith(c) and len(w) - len(c) >= 2:
            yield w[len(c):]

gold_words = set()
gold = collections.Counter()
for row in csv.DictReader(open(os.path.join(ev, 'ntrex_dev/gold.csv'), encoding='utf-8')):
    ws = words(row['ar'])
    gold_words.update(ws)
    if row['how'] == 'transliterated':
        for w in ws:
            gold[w] += int(row['count'] or 1)
for row in csv.DictReader(open(os.path.join(ev, 'ntrex_dev/doubtful.csv'), encoding='utf-8')):
    gold_words.update(words(row.get('ar', '')))

ordinary = collections.Counter()
for line in open(os.path.join(ev, 'ntrex_dev/news.ar'), encoding='utf-8'):
    for w in words(line):
        if not any(r in gold_words for r in readings(w)):
            ordinary[w] += 1

dev, dev_all = collections.Counter(), collections.Counter()
for row in csv.DictReader(open(os.path.join(ev, 'names_dev.csv'), encoding='utf-8')):
    ws = words(row['ar'])
    if len(ws) != 1:
        continue
    dev_all[ws[0]] = 1
    if re.search('[pvcx]', row['en']):
        dev[ws[0]] = 1

for name, c in [('ordinary', ordinary), ('names_gold', gold), ('names_dev', dev), ('names_dev_all', dev_all)]:
    with open(os.path.join(out, name + '.tsv'), 'w', encoding='utf-8') as f:
        for w, n in sorted(c.items(), key=lambda x: (-x[1], x[0])):
            f.write(f'{w}\t{n}\n')
    print(f'{name}: {len(c)} types, {sum(c.values())} tokens')
