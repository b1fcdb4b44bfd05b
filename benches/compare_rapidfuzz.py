#!/usr/bin/env python3
"""Name matching with RapidFuzz, the comparison baseline of benches/compare.sh.

Three modes (all print one JSON object on stdout):

  Run the baseline:
    compare_rapidfuzz.py --en EN.txt --ar AR.txt --gold GOLD.tsv
  Each Arabic query (one per line of AR.txt) is romanized with anyascii and
  lowercased; the English candidates (EN.txt) are lowercased; then
  rapidfuzz.process.cdist(queries, candidates, scorer=fuzz.ratio,
  workers=-1) scores every pair and the argmax of each row is the top-1
  (ties go to the earlier candidate, as in nazir). `seconds` covers
  romanization + cdist + argmax (perf_counter), not the interpreter start,
  the imports or reading the files.

  Score nazir's output against the same gold:
    compare_rapidfuzz.py --ar AR.txt --gold GOLD.tsv --score-nazir MATCH.csv
  MATCH.csv is the output of `nazir match --against EN.txt AR.txt --top-k 1`.

  Prepare the inputs:
    compare_rapidfuzz.py --prepare-from-pairs names_dev_wikidata.csv \
        --n 10000 --seed 42 --out-dir DIR
  A seeded sample of `en,ar` pairs with distinct English (case-insensitive)
  and distinct Arabic, so every query has exactly one right answer:
  EN.txt = the sample's English (sorted), AR.txt = its Arabic (sample
  order), GOLD.tsv = `ar<TAB>en`.

    compare_rapidfuzz.py --prepare-from-gazetteer glossaries \
        --distractors NAMES.txt --n 10000 --out-dir DIR
  The fallback without the shared evaluation data: the queries are the
  Arabic spellings and variants of the transliterated gazetteers
  (glossaries/*.csv except translated.csv), cycled to N lines; a spelling
  shared by several entries accepts any of their English names. The
  candidates are the gazetteer English names plus distractors (one per
  line, e.g. `gen_batch --names N`) up to N names.

GOLD.tsv may list an Arabic term more than once; any of its English names
counts as right. Both scorers are judged by the same code (`accuracy`).
"""

import argparse
import csv
import glob
import json
import os
import random
import sys
import time


def read_lines(path):
    """Lines as `nazir match` reads them: UTF-8, BOM and CR stripped, blank
    lines skipped."""
    with open(path, encoding="utf-8-sig") as f:
        return [line.rstrip("\n").rstrip("\r") for line in f if line.strip()]


def read_gold(path):
    gold = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header[:2] == ["ar", "en"], f"{path}: expected header ar<TAB>en"
        for row in reader:
            gold.setdefault(row[0], set()).add(row[1])
    return gold


def accuracy(queries, top1, gold):
    """Share of queries whose top-1 English is one of the gold English names
    of that query (a query without an answer counts as wrong)."""
    right = sum(1 for q, t in zip(queries, top1) if t is not None and t in gold.get(q, ()))
    return right / max(len(queries), 1), right


def write_inputs(out_dir, english, queries, gold_rows, meta):
    os.makedirs(out_dir, exist_ok=True)
    for name, lines in (("EN.txt", english), ("AR.txt", queries)):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(line + "\n" for line in lines)
    with open(os.path.join(out_dir, "GOLD.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("ar\ten\n")
        f.writelines(f"{ar}\t{en}\n" for ar, en in gold_rows)
    meta.update(candidates=len(english), queries=len(queries), distinct_queries=len(set(queries)))
    print(json.dumps(meta, ensure_ascii=False))


def clean(s):
    # One term per line, no tabs: these would change the files' meaning.
    return " ".join(s.replace("\t", " ").split())


def prepare_from_pairs(path, n, seed, out_dir):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        en_col, ar_col = header.index("en"), header.index("ar")
        rows = [(clean(r[en_col]), clean(r[ar_col])) for r in reader if len(r) > max(en_col, ar_col)]
    total = len(rows)
    rows = [(en, ar) for en, ar in rows if en and ar]
    random.Random(seed).shuffle(rows)
    seen_en, seen_ar, picked = set(), set(), []
    for en, ar in rows:
        if len(picked) == n:
            break
        if en.lower() in seen_en or ar in seen_ar:
            continue
        seen_en.add(en.lower())
        seen_ar.add(ar)
        picked.append((en, ar))
    if len(picked) < n:
        sys.exit(f"{path}: only {len(picked)} pairs with distinct en and ar, {n} wanted")
    english = sorted(en for en, _ in picked)
    queries = [ar for _, ar in picked]
    meta = {"source": path, "rows_in_file": total, "seed": seed}
    write_inputs(out_dir, english, queries, [(ar, en) for en, ar in picked], meta)


def prepare_from_gazetteer(gaz_dir, distractors, n, out_dir):
    gold_rows, files = [], sorted(glob.glob(os.path.join(gaz_dir, "*.csv")))
    files = [p for p in files if not p.endswith("translated.csv")]
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                en, ar = clean(r.get("en") or ""), clean(r.get("ar") or "")
                if not en or not ar:
                    continue
                forms = [ar] + [clean(v) for v in (r.get("variants") or "").split("|") if clean(v)]
                gold_rows.extend((form, en) for form in dict.fromkeys(forms))
    english, seen = [], set()
    for name in [en for _, en in gold_rows] + read_lines(distractors):
        name = clean(name)
        if name and name.lower() not in seen and len(english) < max(n, 1):
            seen.add(name.lower())
            english.append(name)
    english_set = set(english)
    # Gold English that lost a case-insensitive tie is replaced by the kept spelling.
    by_lower = {e.lower(): e for e in english}
    gold_rows = [
        (ar, en if en in english_set else by_lower[en.lower()]) for ar, en in gold_rows if en.lower() in by_lower
    ]
    distinct = list(dict.fromkeys(ar for ar, _ in gold_rows))
    queries = [distinct[i % len(distinct)] for i in range(n)]
    english.sort(key=lambda e: (e.lower(), e))
    meta = {"source": f"{gaz_dir}/*.csv (without translated.csv) + {distractors}", "gazetteer_files": len(files)}
    write_inputs(out_dir, english, queries, gold_rows, meta)


def run_rapidfuzz(en_path, ar_path, gold_path):
    import numpy as np
    from anyascii import anyascii
    import rapidfuzz
    from rapidfuzz import fuzz, process

    english = read_lines(en_path)
    queries = read_lines(ar_path)
    gold = read_gold(gold_path)

    t0 = time.perf_counter()
    romanized = [anyascii(q).lower() for q in queries]
    choices = [e.lower() for e in english]
    scores = process.cdist(romanized, choices, scorer=fuzz.ratio, workers=-1)
    best = np.argmax(scores, axis=1)
    seconds = time.perf_counter() - t0

    top1 = [english[i] for i in best.tolist()]
    acc, right = accuracy(queries, top1, gold)
    print(json.dumps({
        "scorer": "rapidfuzz.fuzz.ratio on anyascii(ar).lower() vs en.lower()",
        "rapidfuzz": rapidfuzz.__version__,
        "queries": len(queries),
        "candidates": len(english),
        "seconds": round(seconds, 4),
        "top1": round(acc, 4),
        "right": right,
        "example": {"ar": queries[0], "romanized": romanized[0], "top1": top1[0]} if queries else None,
    }, ensure_ascii=False))


def score_nazir(ar_path, gold_path, match_csv):
    queries = read_lines(ar_path)
    gold = read_gold(gold_path)
    first = {}
    with open(match_csv, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["rank"] == "1":
                first.setdefault(row["ar"], row["en"])
    top1 = [first.get(q) for q in queries]
    acc, right = accuracy(queries, top1, gold)
    print(json.dumps({
        "scorer": "nazir match --top-k 1",
        "queries": len(queries),
        "answered": sum(t is not None for t in top1),
        "top1": round(acc, 4),
        "right": right,
    }, ensure_ascii=False))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--en", help="English candidates, one per line")
    p.add_argument("--ar", help="Arabic queries, one per line")
    p.add_argument("--gold", help="ar<TAB>en gold mapping (with header)")
    p.add_argument("--score-nazir", metavar="MATCH.csv", help="score nazir's match CSV instead")
    p.add_argument("--prepare-from-pairs", metavar="PAIRS.csv", help="write EN/AR/GOLD from an en,ar CSV")
    p.add_argument("--prepare-from-gazetteer", metavar="DIR", help="write EN/AR/GOLD from glossaries/*.csv")
    p.add_argument("--distractors", metavar="NAMES.txt", help="extra English candidates (gazetteer mode)")
    p.add_argument("--n", type=int, default=10000, help="pairs / queries / candidates (default 10000)")
    p.add_argument("--seed", type=int, default=42, help="sample seed (default 42)")
    p.add_argument("--out-dir", help="where prepare writes EN.txt, AR.txt, GOLD.tsv")
    a = p.parse_args()

    if a.prepare_from_pairs or a.prepare_from_gazetteer:
        if not a.out_dir:
            p.error("--out-dir is required to prepare inputs")
        if a.prepare_from_pairs:
            prepare_from_pairs(a.prepare_from_pairs, a.n, a.seed, a.out_dir)
        else:
            if not a.distractors:
                p.error("--prepare-from-gazetteer needs --distractors")
            prepare_from_gazetteer(a.prepare_from_gazetteer, a.distractors, a.n, a.out_dir)
    elif a.score_nazir:
        if not (a.ar and a.gold):
            p.error("--score-nazir needs --ar and --gold")
        score_nazir(a.ar, a.gold, a.score_nazir)
    else:
        if not (a.en and a.ar and a.gold):
            p.error("--en, --ar and --gold are required")
        run_rapidfuzz(a.en, a.ar, a.gold)


if __name__ == "__main__":
    main()
