#!/usr/bin/env bash
# A sharded nazir build through Apache Spark in local mode, checked against
# one build (prints PASS or FAIL). Not run in CI: it downloads PySpark
# (~300 MB, from PyPI, into target/spark-venv) and needs Java 17+.
#
#   examples/spark/run.sh [INPUT_DIR] [PARTITIONS] [-- NAZIR BUILD OPTIONS]
#
# Without INPUT_DIR, the test batch (tests/data/articles,
# tests/data/batch.jsonl and the parallel text of tests/data/parallel) is
# copied into target/spark-work/input.
set -euo pipefail
cd "$(dirname "$0")/../.."

input=""
partitions=4
if [ $# -gt 0 ] && [ "$1" != "--" ]; then input="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then partitions="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi

venv=target/spark-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    "$venv/bin/pip" install --disable-pip-version-check pyspark
fi
command -v java >/dev/null || { echo "Spark needs Java (17 or later) on PATH" >&2; exit 2; }

cargo build --release --quiet

if [ -z "$input" ]; then
    input=target/spark-work/input
    rm -rf "$input"
    mkdir -p "$input/articles" "$input/parallel"
    cp tests/data/articles/*.txt "$input/articles/"
    cp tests/data/batch.jsonl "$input/"
    cp tests/data/parallel/news.tmx tests/data/parallel/lines.ar tests/data/parallel/lines.en "$input/parallel/"
fi

exec "$venv/bin/python" examples/spark/sharded_build.py \
    --nazir target/release/nazir --input "$input" --work target/spark-work/run \
    --partitions "$partitions" --master 'local[2]' -- "$@"
