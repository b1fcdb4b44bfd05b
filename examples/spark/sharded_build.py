#!/usr/bin/env python3
"""A sharded nazir build through Apache Spark, checked against one build.

The nazir binary is the map step, run by ``rdd.pipe`` (as it would be by
Hadoop Streaming). The pipe protocol: the records of a partition are input
file paths, which nazir reads from stdin (``--files-from -``); what it writes
to stdout (``-o -``) is the partition's output, one record per line.

1. The input files are listed by ``nazir scan --list-files INPUT`` (the files a
   build of INPUT would read) and parallelized into N partitions.
2. Job 1 pipes each partition through ``nazir scan``: the candidates each
   shard supplies. They are small: collected, one file per partition.
3. Job 2 pipes each partition through ``nazir build --partial`` with all the
   candidates files: each partition's output is one partial file
   (``saveAsTextFile`` writes it as ``part-NNNNN``).
4. ``nazir merge-partials`` makes the glossary, which must equal, byte for
   byte, the glossary of ``nazir build INPUT`` on one machine. Prints PASS or
   FAIL (exit code 0 or 1).

Every nazir call gets ``--root INPUT``, so article ids and keys are relative
to INPUT exactly as in the single build. Options after ``--`` (``--english``,
``--gazetteer``, ``--no-default-gazetteer``, ``--min-score``) go to both the
partial builds and the single build.

Local mode (``local[2]``) shares one file system between driver and
executors. On a cluster, INPUT, the nazir binary and the candidates files
must be at the same paths on every node (shared storage, or shipped with
``--files``), and the partial files are fetched from the output folder.

Usage (see run.sh, which sets up the venv and builds nazir):
    python sharded_build.py --nazir target/release/nazir --input DIR \
        --work target/spark-work [--partitions 4] [--master local[2]] [-- OPTIONS]
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time


def run(cmd):
    """Runs a command, failing loudly; returns its stdout."""
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(cmd)}\n{done.stderr}")
    return done.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nazir", required=True, help="the nazir binary")
    ap.add_argument("--input", required=True, help="the batch: a directory")
    ap.add_argument("--work", required=True, help="a folder for candidates, parts and glossaries")
    ap.add_argument("--partitions", type=int, default=4, help="number of shards (default 4)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("options", nargs=argparse.REMAINDER, help="-- then nazir build options")
    args = ap.parse_args()
    options = args.options[1:] if args.options[:1] == ["--"] else args.options
    # Executors need not share the driver's working directory: file
    # arguments are made absolute.
    options = [
        os.path.abspath(opt) if i > 0 and options[i - 1] in ("--english", "--gazetteer") else opt
        for i, opt in enumerate(options)
    ]

    nazir = os.path.abspath(args.nazir)
    root = os.path.abspath(args.input)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # The workers must run the Python of this venv (it has pyspark).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    files = run([nazir, "scan", "--list-files", root]).splitlines()
    print(f"{len(files)} input files under {root}, {args.partitions} partitions")

    started = time.time()
    conf = SparkConf().setMaster(args.master).setAppName("nazir-sharded-build")
    conf.set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        shards = sc.parallelize(files, args.partitions)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}

        # Job 1: the candidates of each shard (nazir scan), collected.
        scan = [nazir, "scan", "-q", "--root", root, "--files-from", "-", "-o", "-"]
        per_partition = shards.pipe(shlex.join(scan), env=env, checkCode=True).glom().collect()
        cands = []
        for i, lines in enumerate(per_partition):
            path = os.path.join(work, f"shard-{i:05d}.cands")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("".join(line + "\n" for line in lines))
            cands.append(path)

        # Job 2: each shard's statistics (nazir build --partial) against
        # all the candidates, one partial file per partition.
        build = [nazir, "build", "--partial", "-q", "--root", root, "--files-from", "-", "-o", "-"]
        for path in cands:
            build += ["--candidates", path]
        build += options
        parts_dir = os.path.join(work, "parts")
        shards.pipe(shlex.join(build), env=env, checkCode=True).saveAsTextFile(parts_dir)
    finally:
        sc.stop()
    parts = sorted(
        os.path.join(parts_dir, name) for name in os.listdir(parts_dir) if name.startswith("part-")
    )
    print(f"spark jobs done in {time.time() - started:.1f} s: {len(cands)} candidates files, {len(parts)} partial files")

    # Reduce: merge the parts (in reverse, to show order does not matter),
    # and compare with one build on this machine.
    merged = os.path.join(work, "merged.csv")
    run([nazir, "merge-partials", *reversed(parts), "-o", merged])
    single = os.path.join(work, "single.csv")
    run([nazir, "build", "-q", root, *options, "-o", single])
    with open(merged, "rb") as a, open(single, "rb") as b:
        merged_bytes, single_bytes = a.read(), b.read()
    rows = single_bytes.count(b"\n") - 1
    if merged_bytes == single_bytes:
        print(f"PASS: the sharded glossary ({rows} rows) equals the single build byte for byte ({merged})")
        return 0
    print(f"FAIL: {merged} differs from {single}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
