"""
The DuckDB bill and its floors in CPU seconds, for a machine shared with
other work, where wall times swing with the load.

    python bench/engines_cpu.py --count 1000000 --rounds 7

Uses the data and the floors of ``bench/engines.py`` (the same files, the
same seed) and times whole processes in turn, the order reversed every
round; each process's CPU time (user and system, from ``wait4``) counts its
own work only, whatever else runs. Prints the median and the least of each,
and the median against the full floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

from engines import FLOOR, FULL_FLOOR, TOKENCOST, data


def cpu(argv: list[str]) -> float:
    """The CPU seconds of one run of *argv*."""
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(argv)} failed with status {status}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    import compileall

    import tokencost

    compileall.compile_dir(os.path.dirname(tokencost.__file__), quiet=1)
    jsonl, parquet = data(args.count)
    bill = [str(TOKENCOST), "bill", "--engine", "duckdb", "--format", "json"]
    scenarios = {
        "floor, JSONL": [sys.executable, "-c", FLOOR, str(jsonl)],
        "full floor, JSONL": [sys.executable, "-c", FULL_FLOOR, str(jsonl)],
        "tokencost bill --engine duckdb, JSONL": [*bill, str(jsonl)],
        "floor, Parquet": [sys.executable, "-c", FLOOR, str(parquet)],
        "full floor, Parquet": [sys.executable, "-c", FULL_FLOOR, str(parquet)],
        "tokencost bill --engine duckdb, Parquet": [*bill, str(parquet)],
    }
    times: dict[str, list[float]] = {name: [] for name in scenarios}
    order = list(scenarios)
    started = time.time()
    for index in range(args.rounds):
        for name in order if index % 2 == 0 else reversed(order):
            times[name].append(cpu(scenarios[name]))
    print(
        f"Measured {datetime.fromtimestamp(started, UTC):%Y-%m-%d %H:%M} UTC, "
        f"{args.count:,} records, {args.rounds} rounds, load average "
        f"{os.getloadavg()[0]:.1f} at the end."
    )
    print()
    print("| scenario | CPU, median | CPU, least | median against the full floor |")
    print("|---|---|---|---|")
    for name, found in times.items():
        kind = name.rsplit(", ", 1)[1]
        full = statistics.median(times[f"full floor, {kind}"])
        median = statistics.median(found)
        print(f"| {name} | {median:.2f} s | {min(found):.2f} s | {median / full:.2f} |")


if __name__ == "__main__":
    main()
