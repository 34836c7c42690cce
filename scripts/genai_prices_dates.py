"""
Record when genai-prices last checked each of its entries.

    python scripts/genai_prices_dates.py PATH/TO/genai-prices.git COMMIT

genai-prices keeps, for most models, the day its maintainers last checked the
price against the provider (``prices_checked`` in ``prices/providers/*.yml``).
Its PyPI releases drop that field, so this script reads it from a clone of
the repository at a pinned commit (git is the only tool it needs; PyYAML
reads the files) and writes scripts/inputs/genai-prices-checked.json with,
per entry, that day and the current standard figures it then had. The build
gives an imported genai-prices figure that day only while its figures still
match; an entry changed since the commit has no known date.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scripts" / "inputs" / "genai-prices-checked.json"
COMPARED = (
    "input_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "output_mtok",
)


def _git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, *args], check=True, capture_output=True, text=True
    ).stdout


def _figures(prices: Any) -> dict[str, str]:
    if isinstance(prices, list):  # dated history: the last entry is current
        prices = prices[-1].get("prices", {})
    out = {}
    for key in COMPARED:
        value = prices.get(key) if isinstance(prices, dict) else None
        if isinstance(value, dict):
            value = value.get("base")
        if value is not None:
            out[key] = str(value)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from tokencost.importers.common import GENAI_PROVIDERS

    repo, commit = argv
    files = _git(repo, "ls-tree", "--name-only", commit, "prices/providers/")
    models: dict[str, dict[str, Any]] = {}
    for name in sorted(files.split()):
        if not name.endswith(".yml"):
            continue
        data = yaml.safe_load(_git(repo, "show", f"{commit}:{name}"))
        upstream = str(data["id"])
        pid = GENAI_PROVIDERS.get(upstream, upstream).replace("_", "-").lower()
        for model in data.get("models", ()):
            checked = model.get("prices_checked")
            if checked is None:
                continue
            models[f"{pid}/{model['id']}"] = {
                "checked": str(checked),
                "figures": _figures(model.get("prices", {})),
            }
    day = _git(repo, "show", "-s", "--format=%cs", commit).strip()
    OUT.write_text(
        json.dumps(
            {
                "repository": "pydantic/genai-prices",
                "commit": commit,
                "commit_day": day,
                "models": models,
            },
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(models)} dated entries written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
