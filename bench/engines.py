"""
The engines for big logs, side by side: DuckDB, the Python engine, Spark.

    python bench/engines.py                  # 1M and 10M records, Spark on 1M
    python bench/engines.py --counts 100000  # a smoke test

Runs in the current environment, which needs this checkout installed with
the ``duckdb``, ``arrow`` and ``spark`` extras. Writes the data with the fixed
seed of ``bench/gen_data.py`` into ``bench/.data/`` (JSONL, and Parquet
converted from it by DuckDB), then times whole processes, each scenario in
turn, the order reversed every round, and prints medians, the ratio to the
floor and each process's peak memory (its own maximum resident set, from
``wait4``). The floor is a Python process that imports DuckDB and reads and
groups the same file: the least any DuckDB-based bill can cost. It reads
three of the columns; the *full floor* reads every column a bill reads
(model, timestamp, variant and the four token counts the data has) and
groups by model, variant and day, and each scenario is given against both.

The tokencost package is byte-compiled first, as pip does when it installs
a wheel: a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile
every module of the CLI in each timed process.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / ".data"
TOKENCOST = Path(sys.executable).with_name("tokencost")

FLOOR = """
import sys, duckdb
path = sys.argv[1]
source = (
    f"read_json('{path}', format = 'newline_delimited')"
    if path.endswith(".jsonl") else f"read_parquet('{path}')"
)
duckdb.sql(
    "SELECT model, COUNT(*), SUM(input_tokens), SUM(output_tokens), "
    "SUM(cache_read_tokens), SUM(cache_write_tokens) "
    f"FROM {source} GROUP BY model"
).fetchall()
"""

FULL_FLOOR = """
import sys, duckdb
path = sys.argv[1]
source = (
    f"read_json('{path}', format = 'newline_delimited')"
    if path.endswith(".jsonl") else f"read_parquet('{path}')"
)
duckdb.sql(
    "SELECT model, variant, CAST(timestamp AS DATE) AS day, COUNT(*), "
    "SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), "
    f"SUM(cache_write_tokens) FROM {source} GROUP BY ALL"
).fetchall()
"""

SPARK = """
import sys, time
from pyspark.sql import SparkSession
import tokencost.spark as tcs
start = time.perf_counter()
spark = (
    SparkSession.builder.master("local[2]").appName("bench")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.memory", "2g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
ready = time.perf_counter()
df = spark.read.parquet(sys.argv[1])
bill = tcs.bill(df, by=["model"])
done = time.perf_counter()
print(f"{ready - start:.3f} {done - ready:.3f} {bill.records}")
spark.stop()
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def data(count: int) -> tuple[Path, Path]:
    """The JSONL and Parquet files of *count* records, written once."""
    sys.path.insert(0, str(HERE))
    from gen_data import write

    jsonl = DATA / f"requests-{count}.jsonl"
    parquet = DATA / f"requests-{count}.parquet"
    if not jsonl.exists():
        log(f"writing {jsonl}")
        write(count, jsonl)
    if not parquet.exists():
        import duckdb

        log(f"writing {parquet}")
        duckdb.sql(
            f"COPY (SELECT * FROM read_json('{jsonl}', format = 'newline_delimited')) "
            f"TO '{parquet}' (FORMAT parquet)"
        )
    return jsonl, parquet


def timed(argv: list[str]) -> tuple[float, float, str]:
    """Wall time, peak memory (MiB) of that process alone, and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="1000000,10000000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--spark", type=int, default=1_000_000, help="0: no Spark")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    import compileall

    import tokencost

    compileall.compile_dir(Path(tokencost.__file__).parent, quiet=1)

    rows: list[list[str]] = []
    for count in counts:
        jsonl, parquet = data(count)
        scenarios = {
            "floor: DuckDB reads and groups the JSONL": [
                sys.executable,
                "-c",
                FLOOR,
                str(jsonl),
            ],
            "full floor: every column a bill reads, JSONL": [
                sys.executable,
                "-c",
                FULL_FLOOR,
                str(jsonl),
            ],
            "tokencost bill --engine duckdb, JSONL": [
                str(TOKENCOST),
                "bill",
                str(jsonl),
                "--engine",
                "duckdb",
                "--format",
                "json",
            ],
            "floor: DuckDB reads and groups the Parquet": [
                sys.executable,
                "-c",
                FLOOR,
                str(parquet),
            ],
            "full floor: every column a bill reads, Parquet": [
                sys.executable,
                "-c",
                FULL_FLOOR,
                str(parquet),
            ],
            "tokencost bill --engine duckdb, Parquet": [
                str(TOKENCOST),
                "bill",
                str(parquet),
                "--engine",
                "duckdb",
                "--format",
                "json",
            ],
        }
        if count <= 1_000_000:
            scenarios["tokencost bill --engine python, JSONL"] = [
                str(TOKENCOST),
                "bill",
                str(jsonl),
                "--engine",
                "python",
                "--format",
                "json",
            ]
        rounds = args.rounds if count <= 1_000_000 else max(1, args.rounds - 1)
        times: dict[str, list[float]] = {name: [] for name in scenarios}
        peaks: dict[str, float] = dict.fromkeys(scenarios, 0.0)
        order = list(scenarios)
        for index in range(rounds):
            for name in order if index % 2 == 0 else reversed(order):
                log(f"{count:,} round {index + 1}: {name}")
                elapsed, peak, _ = timed(scenarios[name])
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
        floors = {
            (kind, full): statistics.median(
                times[
                    f"full floor: every column a bill reads, {kind}"
                    if full
                    else f"floor: DuckDB reads and groups the {kind}"
                ]
            )
            for kind in ("JSONL", "Parquet")
            for full in (False, True)
        }
        for name in scenarios:
            median = statistics.median(times[name])
            kind = "Parquet" if "Parquet" in name else "JSONL"
            rows.append(
                [
                    f"{count:,}",
                    name,
                    f"{median:.2f} s",
                    f"{median / floors[kind, False]:.2f}",
                    f"{median / floors[kind, True]:.2f}",
                    f"{peaks[name]:.0f} MiB",
                ]
            )
    if args.spark:
        _, parquet = data(args.spark)
        log(f"Spark local[2], {args.spark:,} records")
        elapsed, peak, out = timed([sys.executable, "-c", SPARK, str(parquet)])
        start, bill, _ = out.split()
        rows.append(
            [
                f"{args.spark:,}",
                "tokencost.spark.bill, local[2], Parquet (whole process)",
                f"{elapsed:.2f} s",
                "",
                "",
                f"{peak:.0f} MiB (Python side; the JVM apart)",
            ]
        )
        rows.append(
            [
                f"{args.spark:,}",
                "  of which the session start / the bill itself",
                f"{float(start):.2f} s / {float(bill):.2f} s",
                "",
                "",
                "",
            ]
        )
    print(
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.system()}; "
        f"Python {platform.python_version()}."
    )
    print()
    print(
        "| records | scenario | median | ratio to floor | ratio to full floor "
        "| peak memory |"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
