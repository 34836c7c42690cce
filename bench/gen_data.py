"""
Write a file of logged requests for the bulk benchmark, the same every time.

The records mix the bundled models in realistic proportions, over dates that
cross price changes, with prompts that sometimes reach a long-context tier,
cache reads and writes where the model prices them, batch requests where the
model offers them, and a ``project`` field to group by. The random generator
is seeded, so a given count always gives the same file.

    python bench/gen_data.py 1000000 bench/.data/requests-1000000.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEED = 20261129

# model, weight, first moment priced (UTC: the start of the first period that
# prices every count its records carry), prices cache reads, prices cache
# writes, offers batch. deepseek-chat's prices until 16:00 UTC on 2025-02-08
# have no cache-read rate, so its records start at that hour.
MODELS: tuple[tuple[str, int, str, bool, bool, bool], ...] = (
    ("claude-fable-5", 14, "2026-06-09", True, True, False),
    ("claude-opus-4-8", 10, "2026-05-28", True, True, False),
    ("claude-sonnet-4-5", 16, "2025-09-29", True, True, False),
    ("claude-haiku-4-5", 8, "2025-10-15", True, True, False),
    ("gpt-5.5", 14, "2026-04-23", True, True, True),
    ("gpt-5-mini", 8, "2025-08-07", True, True, False),
    ("gpt-4.1", 4, "2025-04-14", True, True, False),
    ("gemini-2.5-pro", 6, "2025-06-17", True, False, False),
    ("gemini-2.5-flash", 6, "2025-06-17", True, False, False),
    ("glm-5.2", 6, "2026-06-13", True, False, False),
    ("deepseek-chat", 4, "2025-02-08T16:00", True, False, False),
    ("kimi-k3", 2, "2025-01-01", True, False, False),
    ("qwen3.6-plus", 1, "2025-01-01", False, False, False),
    ("MiniMax-M3", 1, "2026-06-01", True, False, False),
)
LAST_DAY = datetime(2026, 11, 28, 23, 59, 59, tzinfo=UTC)
# Models no longer offered: requests stop the day before their last price ends
# (deepseek-chat's, at 16:00 UTC on 2026-07-24).
ENDS = {"deepseek-chat": datetime(2026, 7, 23, 23, 59, 59, tzinfo=UTC)}
PROJECTS = ("search", "support-bot", "code-review", "etl", "agents", "evals")


def _record(rng: random.Random, starts: list[datetime]) -> dict[str, object]:
    index = rng.choices(range(len(MODELS)), weights=[m[1] for m in MODELS])[0]
    model, _, _, reads, writes, batch = MODELS[index]
    start = starts[index]
    last = ENDS.get(model, LAST_DAY)
    seconds = rng.randrange(int((last - start).total_seconds()))
    moment = start + timedelta(seconds=seconds)
    # Prompts are log-uniform from 200 to 600k tokens, so a few per cent
    # reach a long-context tier (200k, 256k, 272k, 512k).
    prompt = int(200 * 3000 ** rng.random())
    read = int(prompt * rng.choice((0, 0, 0.5, 0.8, 0.9))) if reads else 0
    write = int((prompt - read) * rng.choice((0, 0, 0, 0.3))) if writes else 0
    record: dict[str, object] = {
        "model": model,
        "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "input_tokens": prompt,
        "output_tokens": int(20 * 400 ** rng.random()),
        "cache_read_tokens": read,
        "cache_write_tokens": write,
        "project": rng.choice(PROJECTS),
    }
    if batch and rng.random() < 0.2:
        record["variant"] = "batch"
    return record


def write(count: int, path: Path, seed: int = SEED) -> None:
    """Write *count* records to *path* as JSONL."""
    rng = random.Random(seed)
    starts = [datetime.fromisoformat(m[2]).replace(tzinfo=UTC) for m in MODELS]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for _ in range(count):
            out.write(json.dumps(_record(rng, starts), separators=(",", ":")))
            out.write("\n")
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write(args.count, args.path, args.seed)


if __name__ == "__main__":
    main()
