"""
Write the compiled price table shipped in the package,
src/tokencost/prices/data/price-table.csv, from the bundled sheets as they
are now (no network, a second or two):

    python scripts/build_price_table.py

`scripts/build_catalog.py` does this too after it writes the sheets; run
this one after editing a sheet by hand. The test suite fails while the file
differs from what the sheets compile to.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tokencost.prices.shipped import write_shipped  # noqa: E402


def main() -> int:
    out = write_shipped()
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
