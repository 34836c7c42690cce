"""
The benchmark harness: tokencost against genai-prices, litellm and AgentOps'
tokencost, side by side, each in its own virtual environment.

    python3 bench/run.py                # everything; about five minutes
    python3 bench/run.py --quick        # fewer rounds, for a smoke test

It installs this checkout and each peer into bench/.envs/ (ignored by git),
writes the bulk data into bench/.data/ (ignored, seeded, the same every
time), runs every scenario in fresh processes, taking the libraries in turn
round after round so that a slow spell of the machine hits all of them
alike, and prints a markdown table of medians and ratios
(tokencost / peer: below 1 means tokencost is faster). docs/performance.md
explains each scenario.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENVS = HERE / ".envs"
DATA = HERE / ".data"
WORKLOADS = HERE / "workloads.py"

OURS = "tokencost"
PEERS = ("genai-prices", "litellm", "agentops-tokencost")
LIBRARIES = (OURS, *PEERS)
# What each environment installs. The peers are pinned to the versions the
# published table was measured with.
INSTALL: dict[str, list[str]] = {
    OURS: [str(ROOT)],
    "genai-prices": ["genai-prices[cli]==0.2.3"],
    "litellm": ["litellm==1.110.2"],
    "agentops-tokencost": ["tokencost==0.1.26"],
}
DISTRIBUTION = {
    OURS: "tokencost-exact",
    "genai-prices": "genai-prices",
    "litellm": "litellm",
    "agentops-tokencost": "tokencost",
}
# litellm otherwise fetches its price map from the network at import, and
# retries for seconds when offline; every library here is measured offline.
ENVIRONMENT = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}

BULK = 1_000_000
SMALL = 10_000
PEER_SUBSET = 20_000

# One request from the shell: 100k prompt tokens (60k cache reads, 10k
# cache writes), 2k output tokens.
CLI: dict[str, list[str] | None] = {
    OURS: [
        "tokencost", "cost", "claude-fable-5", "--input", "100000",
        "--output", "2000", "--cache-read", "60000", "--cache-write", "10000",
        "--at", "2026-07-01",
    ],
    "genai-prices": [
        "genai-prices", "calc", "anthropic:claude-opus-4-5", "-i", "100000",
        "-o", "2000", "-r", "60000", "-w", "10000",
    ],
    "litellm": None,
    "agentops-tokencost": None,
}  # fmt: skip
MISSING = {
    "litellm": "no pricing CLI",
    "agentops-tokencost": "no CLI",
}


def python(lib: str) -> Path:
    return ENVS / lib / "bin" / "python"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup() -> dict[str, str]:
    """Create the environments as needed; return each library's version."""
    versions = {}
    for lib in LIBRARIES:
        env = ENVS / lib
        if not python(lib).exists():
            log(f"creating {env}")
            shutil.rmtree(env, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        pip = [
            str(python(lib)),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
        ]
        if lib == OURS:
            # Reinstalled every run, as a wheel, so the figures are those of
            # this checkout as users get it (not an editable install).
            subprocess.run([*pip, *INSTALL[lib]], check=True)
            subprocess.run(
                [*pip, "--force-reinstall", "--no-deps", *INSTALL[lib]], check=True
            )
        else:
            subprocess.run([*pip, *INSTALL[lib]], check=True)
        versions[lib] = subprocess.run(
            [
                str(python(lib)),
                "-c",
                "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))",
                DISTRIBUTION[lib],
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    return versions


def data(count: int) -> Path:
    path = DATA / f"requests-{count}.jsonl"
    if not path.exists():
        log(f"writing {path}")
        subprocess.run(
            [sys.executable, str(HERE / "gen_data.py"), str(count), str(path)],
            check=True,
        )
    return path


def workload(lib: str, *args: str) -> list[str]:
    """Run one measurement in a fresh process; its output, split."""
    done = subprocess.run(
        [str(python(lib)), str(WORKLOADS), lib, *args],
        check=True,
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        cwd=HERE,
    )
    return done.stdout.split()


def shell(lib: str) -> float:
    """Wall time of one cost from the shell, start to exit."""
    command = list(CLI[lib] or [])
    command[0] = str(ENVS / lib / "bin" / command[0])
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENVIRONMENT)
    return time.perf_counter() - start


def rounds(
    libs: tuple[str, ...], measure: Callable[[str], float], count: int
) -> dict[str, float]:
    """The median of *count* measurements per library, taken in turn."""
    seen: dict[str, list[float]] = {lib: [] for lib in libs}
    for index in range(count):
        order = libs if index % 2 == 0 else tuple(reversed(libs))
        for lib in order:
            seen[lib].append(measure(lib))
    return {lib: statistics.median(values) for lib, values in seen.items()}


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.2f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument(
        "--calls-only",
        action="store_true",
        help="only the single-call scenarios (imports, first and warm costs, CLI)",
    )
    args = parser.parse_args()
    cold_rounds, warm_rounds, bulk_rounds = (3, 1, 1) if args.quick else (15, 5, 3)

    versions = setup()

    results: dict[str, dict[str, float]] = {}
    log("cold import")
    results["import"] = rounds(
        LIBRARIES, lambda lib: float(workload(lib, "import")[0]), cold_rounds
    )
    log("cold first cost")
    results["first"] = rounds(
        LIBRARIES, lambda lib: float(workload(lib, "first")[0]), cold_rounds
    )
    log("warm cost")
    results["warm"] = rounds(
        LIBRARIES, lambda lib: float(workload(lib, "warm")[0]), warm_rounds
    )
    # The peers have one way to call; they run it again, in turn with ours,
    # so each ratio compares runs taken under the same load.
    log("warm cost, keyword counts")
    results["warm-keywords"] = rounds(
        LIBRARIES, lambda lib: float(workload(lib, "warm-keywords")[0]), warm_rounds
    )
    log("CLI")
    results["cli"] = rounds(
        tuple(lib for lib in LIBRARIES if CLI[lib]), shell, cold_rounds
    )
    if args.calls_only:
        report(versions=versions, results=results, quick=args.quick)
        return
    big, small = data(BULK), data(SMALL)
    log("bulk: peers on a subset, scaled")
    per_record = rounds(
        LIBRARIES,
        lambda lib: (
            float(workload(lib, "bulk-loop", str(big), str(PEER_SUBSET))[0])
            / PEER_SUBSET
        ),
        bulk_rounds,
    )
    results["bulk"] = {lib: per_record[lib] * BULK for lib in PEERS}
    log("bulk: tokencost bill, and the parse-only floor")
    results["bulk"][OURS] = rounds(
        (OURS,),
        lambda lib: float(workload(lib, "bill", str(big), "model", "1")[0]),
        bulk_rounds,
    )[OURS]
    workers = os.cpu_count() or 1
    results["bulk-parallel"] = {lib: results["bulk"][lib] for lib in PEERS}
    results["bulk-parallel"][OURS] = rounds(
        (OURS,),
        lambda lib: float(workload(lib, "bill", str(big), "model", str(workers))[0]),
        bulk_rounds,
    )[OURS]
    floor = rounds(
        (OURS,), lambda lib: float(workload(lib, "floor", str(big))[0]), bulk_rounds
    )[OURS]
    loop = per_record[OURS] * BULK
    log("memory")
    peak_big = int(workload(OURS, "bill", str(big), "model", "1")[1])
    peak_small = int(workload(OURS, "bill", str(small), "model", "1")[1])

    report(
        versions=versions,
        results=results,
        quick=args.quick,
        bulk=(floor, loop, peak_big, peak_small),
    )


def report(
    *,
    versions: dict[str, str],
    results: dict[str, dict[str, float]],
    quick: bool,
    bulk: tuple[float, float, int, int] | None = None,
) -> None:
    """Print the table of *results*; with *bulk* (the parse-only floor, the
    scaled loop of cost() and the peak memory for the large and small
    files), the bulk figures too."""
    names = {
        "import": "cold import",
        "first": "cold first cost",
        "warm": "warm cost, per call",
        "warm-keywords": "warm cost, per call, keyword counts ⁴",
        "cli": "CLI, one cost end to end",
        "bulk": f"bulk, {BULK:,} records",
        "bulk-parallel": f"bulk, {BULK:,} records, {os.cpu_count()} workers ³",
    }
    notes = {
        ("warm", "agentops-tokencost"): " ¹",
        ("warm-keywords", "agentops-tokencost"): " ¹",
        ("bulk", "genai-prices"): " ²",
        ("bulk", "litellm"): " ²",
        ("bulk", "agentops-tokencost"): " ¹ ²",
        ("bulk-parallel", "genai-prices"): " ²",
        ("bulk-parallel", "litellm"): " ²",
        ("bulk-parallel", "agentops-tokencost"): " ¹ ²",
    }
    header = ["scenario", OURS]
    for peer in PEERS:
        header += [peer, "ratio"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for key, name in names.items():
        if key not in results:
            continue
        row = results[key]
        cells = [name, seconds(row[OURS])]
        for peer in PEERS:
            if peer not in row:
                cells += [f"— ({MISSING[peer]})", "—"]
                continue
            cells.append(seconds(row[peer]) + notes.get((key, peer), ""))
            cells.append(f"{row[OURS] / row[peer]:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    print(f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine};")
    print(
        f"Python {platform.python_version()}; "
        + ", ".join(f"{lib} {versions[lib]}" for lib in LIBRARIES)
        + ("; --quick" if quick else "")
        + "."
    )
    print()
    print("\n".join(lines))
    if bulk is None:
        return
    floor, loop, peak_big, peak_small = bulk
    ours = results["bulk"][OURS]
    print()
    print(
        f"Bulk floor (only parsing the file with json.loads): {seconds(floor)}; "
        f"tokencost bill / floor = {ours / floor:.2f}. "
        f"A loop of tokencost.cost() over the same records would take "
        f"{seconds(loop)} (scaled from {PEER_SUBSET:,})."
    )
    print(
        f"Peak memory of tokencost bill: {peak_big / 1024:.1f} MiB for "
        f"{BULK:,} records, {peak_small / 1024:.1f} MiB for {SMALL:,} "
        f"(ratio {peak_big / peak_small:.2f})."
    )


if __name__ == "__main__":
    main()
