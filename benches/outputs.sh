#!/usr/bin/env bash
# benches/outputs.sh BIN OUT : runs a fixed set of nazir commands (build in
# every mode, scan, partial and merge-partials, merge, every export,
# validate, check, match, romanize) on the test data and, when BIG names a
# folder, on a generated batch, writing every output and message into OUT
# (workbooks unpacked without docProps/core.xml, which holds a date), so
# that two binaries compare with `diff -r`: a refactor must change nothing.
#
#   cargo run --release --example gen_batch -- /tmp/big10 10
#   git stash; cargo build --release; cp target/release/nazir /tmp/nazir.before; git stash pop
#   cargo build --release
#   BIG=/tmp/big10 benches/outputs.sh /tmp/nazir.before /tmp/out.before
#   BIG=/tmp/big10 benches/outputs.sh target/release/nazir /tmp/out.after
#   diff -r /tmp/out.before /tmp/out.after && echo IDENTICAL
set -uo pipefail
BIN=$(realpath "$1"); OUT=$2; REPO=${REPO:-$(cd "$(dirname "$0")/.." && pwd)}
BIG=${BIG:-}
rm -rf "$OUT"; mkdir -p "$OUT"; OUT=$(realpath "$OUT")
cd "$REPO"
D=tests/data
run() { local name=$1; shift; "$BIN" "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr"; echo "rc=$?" >>"$OUT/$name.stdout"; }
run build_articles build $D/articles -q -o "$OUT/a.csv"
run build_all build $D --english $D/english.txt --no-default-gazetteer --association -o "$OUT/b.csv"
run build_xlsx build $D/articles -q -o "$OUT/c.xlsx"
run build_excel build $D --excel -q -o "$OUT/d.csv"
run build_stdout build $D/batch.jsonl -q
run build_stdin_txt build - -q < $D/articles/markets.txt
run build_stdin_jsonl build - -q < $D/batch.jsonl
run build_bad build $D/bad -o "$OUT/bad.csv"
run build_strict build $D/bad --strict -o "$OUT/strict.csv"
run scan scan $D -o "$OUT/s.cands"
run list scan --list-files $D
run partial build --partial --candidates "$OUT/s.cands" $D -o "$OUT/p.part"
run partial1 build --partial --root $D --candidates "$OUT/s.cands" $D/articles $D/batch.jsonl -o "$OUT/p1.part"
run partial2 build --partial --root $D --candidates "$OUT/s.cands" $D/parallel $D/check $D/bad -o "$OUT/p2.part"
run mergep merge-partials "$OUT/p.part" -o "$OUT/mp.csv"
run mergep2 merge-partials "$OUT/p2.part" "$OUT/p1.part" -o "$OUT/mp2.csv" --association
run build_root build $D -q -o "$OUT/root.csv"
run merge1 merge "$OUT/master.xlsx" "$OUT/c.xlsx" -o "$OUT/master.xlsx"
run merge2 merge "$OUT/master.csv" "$OUT/b.csv" -o "$OUT/master.csv"
run build_master build $D -q --glossary "$OUT/master.xlsx" -o "$OUT/withmaster.csv"
for p in tbx omegat deepl google google-ets multiterm review-xlsx; do
  ext=$p; case $p in tbx) ext=tbx;; multiterm|review-xlsx) ext=$p.xlsx;; *) ext=$p.tsv;; esac
  run exp_$p export "$OUT/master.xlsx" --to $p --include candidate -o "$OUT/exp.$ext"
done
run exp_tbx3 export "$OUT/master.csv" --to tbx --tbx-version 3 --include candidate -o "$OUT/exp3.tbx"
run exp_enar export "$OUT/master.csv" --to deepl --direction en-ar --include candidate -o "$OUT/exp_enar.tsv"
for p in tbx omegat deepl google; do run val_$p validate "$OUT/exp.$p$( [ $p = tbx ] && echo '' || echo .tsv)" --profile $p; done
run check check --glossary "$OUT/b.csv" $D/check/batch $D/check/parallel.jsonl -o "$OUT/findings.csv"
run check2 check --glossary $D/check/glossary_statuses.csv $D/check/batch
printf 'غوغل\nمايكروسوفت\nديب سيك\nسي إن إن\n' > "$OUT/terms.txt"
run match match --against $D/english.txt "$OUT/terms.txt" --top-k 3
run match_explain match --against $D/english.txt "$OUT/terms.txt" --explain
run romanize romanize غوغل Google CNN "Game of Thrones" بمايكروسوفت
if [ -n "$BIG" ] && [ -d "$BIG" ]; then
  run big build "$BIG" -q -o "$OUT/big.csv"
  run big_xlsx build "$BIG" -q -o "$OUT/big.xlsx"
  run big_partial build --partial "$BIG" -q -o "$OUT/big.part"
fi
# unpack xlsx
for x in "$OUT"/*.xlsx; do
  [ -f "$x" ] || continue
  d="$x.d"; mkdir -p "$d"; (cd "$d" && unzip -q -o "$x" && rm -f docProps/core.xml); rm "$x"
done
# temp dirs in messages
sed -i "s#$OUT#OUT#g" "$OUT"/*.stdout "$OUT"/*.stderr 2>/dev/null
