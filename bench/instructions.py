"""
Instructions per warm call, counted with valgrind's callgrind: a measure of
the work a call does that, unlike time, does not move with the load of the
machine.

    python3 bench/instructions.py            # every library in bench/.envs
    python3 bench/instructions.py tokencost  # some of them

It needs `valgrind` and the environments `bench/run.py` creates. Each
library prices the warm scenario's requests (bench/workloads.py) 1,000 and
then 3,000 times in two processes; the difference, divided by 2,000, is the
count per call, start-up and warm-up cancelled out. Before the counted
calls, the objects that start-up and warm-up made are collected, then
frozen (`gc.freeze`): the collector's young generations still run as the
calls allocate, but no full collection of the library's own data lands in
one count and not in the other.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENVS = HERE / ".envs"
LIBRARIES = ("tokencost", "genai-prices", "litellm", "agentops-tokencost")

# Run by each library's Python: price the warm requests CALLS times.
PROGRAM = """
import gc, itertools, sys
sys.path.insert(0, {here!r})
import workloads
lib, keywords, calls = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
price = workloads._usage_for(lib, keywords)
model = workloads._model(lib)
requests = [
    (model, workloads.INPUT + k, workloads.OUTPUT + k % 7, workloads.CACHE_READ,
     workloads.CACHE_WRITE, workloads.AT)
    for k in range(1024)
]
for call in requests:
    price(*call)
# What start-up and warm-up left behind is collected, then set aside: a
# full collection of it falls, or not, between the two counts, depending
# on how many objects a call allocates, and moved the figure by thousands
# of instructions per call from one change to the next.
gc.collect()
gc.freeze()
for call in itertools.islice(itertools.cycle(requests), calls):
    price(*call)
"""


def instructions(lib: str, keywords: bool, calls: int) -> int:
    python = ENVS / lib / "bin" / "python"
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            str(python),
            "-c",
            PROGRAM.format(here=str(HERE)),
            lib,
            "1" if keywords else "0",
            str(calls),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"LITELLM_LOCAL_MODEL_COST_MAP": "True", "PATH": "/usr/bin:/bin"},
    )
    found = re.search(r"refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"{lib}: no instruction count in valgrind's output")
    return int(found.group(1).replace(",", ""))


def per_call(lib: str, keywords: bool = False) -> int:
    return (
        instructions(lib, keywords, 3000) - instructions(lib, keywords, 1000)
    ) // 2000


def main() -> None:
    libs = sys.argv[1:] or [lib for lib in LIBRARIES if (ENVS / lib).exists()]
    print("| library | instructions per warm call |")
    print("| --- | --- |")
    for lib in libs:
        print(f"| {lib} | {per_call(lib):,} |", flush=True)
        if lib == "tokencost":
            print(
                f"| tokencost, keyword counts | {per_call(lib, True):,} |", flush=True
            )


if __name__ == "__main__":
    main()
