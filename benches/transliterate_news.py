#!/usr/bin/env python3
"""`nazir transliterate` on the names of real news: the single words of the
transliterated foreign names of ../shared/eval/ntrex_dev/gold.csv (a name
whose English and Arabic have as many words is split word by word; words
with anything but letters are left out), each guessed alone. Prints top-1
and top-5 exact English (case and accents folded) and the sources of the
first guesses.

  cargo build --release
  python3 benches/transliterate_news.py [GOLD.csv] [NAZIR]   # -v lists the misses

The shipped lists were learned from other name lists; no ntrex_dev text is
in them.
"""
import collections, csv, os, subprocess, sys, unicodedata

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a != '-v']
gold_path = args[0] if args else os.path.join(root, '..', 'shared', 'eval', 'ntrex_dev', 'gold.csv')
binary = args[1] if len(args) > 1 else os.path.join(root, 'target', 'release', 'nazir')


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if c.isascii()).lower().strip()


pairs = set()
for row in csv.DictReader(open(gold_path, encoding='utf-8')):
    if row['how'] != 'transliterated':
        continue
    en, ar = row['en'].replace('-', ' ').split(), row['ar'].replace('-', ' ').split()
    if len(en) == len(ar):
        pairs.update((e, a) for e, a in zip(en, ar) if e.isalpha())
pairs = sorted(pairs)

out = subprocess.run([binary, 'transliterate', '--top-k', '5', '-'], input=''.join(a + '\n' for _, a in pairs),
                     capture_output=True, text=True, check=True).stdout
guesses = collections.defaultdict(list)
for r in csv.DictReader(out.splitlines()):
    guesses[r['ar']].append((fold(r['en']), r['source']))

top1 = top5 = 0
sources, right = collections.Counter(), collections.Counter()
for en, ar in pairs:
    g, gold = guesses.get(ar, []), fold(en)
    if g:
        sources[g[0][1]] += 1
        if g[0][0] == gold:
            top1 += 1
            right[g[0][1]] += 1
        elif '-v' in sys.argv:
            print(f"{ar}\t{en}\t{[x[0] for x in g[:3]]}\t{g[0][1]}")
    top5 += gold in [x[0] for x in g]
n = len(pairs)
print(f"{n} name words: top-1 {top1 / n:.3f}, top-5 {top5 / n:.3f}")
for s in sorted(sources, key=lambda s: -sources[s]):
    print(f"  first guess {s}: {sources[s]}, right {right[s]}")
