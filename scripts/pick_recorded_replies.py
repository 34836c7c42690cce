"""
Pick the recorded replies the usage-reader tests run on.

    python scripts/pick_recorded_replies.py GENAI_PRICES/tests/dataset/usages.json

pydantic/genai-prices (MIT) keeps about 1,500 usage blocks recorded from
real provider APIs. This keeps a subset: for each reply format tokencost
reads, the replies whose usage blocks differ in shape (which fields are
present, which are non-zero), up to a few of each, with the counts
genai-prices extracted for the matching provider, for cross-checking.
It writes tests/fixtures/recorded/replies.json; the same input always
gives the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "recorded" / "replies.json"

#: tokencost's reply format -> the genai-prices (provider, flavour) whose
#: extraction is kept beside it.
EXTRACTORS = {
    "anthropic": ("anthropic", "default"),
    "openai": ("openai", "chat"),
    "openai-responses": ("openai", "responses"),
    "gemini": ("google", "default"),
    "deepseek": ("deepseek", "chat"),
    "mistral": ("mistral", "default"),
    "openrouter": ("openrouter", "chat"),
    "zhipu": ("zai", "chat"),
    "bedrock": ("aws", "default"),
}
PER_FORMAT = 16
#: Kept whatever their shape: the replies the docs and tests quote.
KEEP = ("test_google/test_google_image_or_text_output.yaml",)


def _format(body: dict[str, Any]) -> str | None:
    """The reply format of a recorded body, from its file and fields."""
    name = body.get("file", "")
    usage = body.get("usage") or {}
    if "usageMetadata" in body:
        return "gemini" if "promptTokenCount" in body["usageMetadata"] else None
    if not isinstance(usage, dict) or not usage:
        return None
    if "cost" in usage and "prompt_tokens" in usage:
        return "openrouter"
    if "inputTokens" in usage:
        return "bedrock"
    if "billed_units" in usage:
        return None  # Cohere: no reader yet
    model = str(body.get("model", ""))
    if "num_cached_tokens" in usage or (
        "prompt_tokens" in usage and model.startswith(("mistral", "pixtral"))
    ):
        return "mistral"
    if "prompt_cache_hit_tokens" in usage:
        return "deepseek"
    if "zai" in name and "prompt_tokens" in usage:
        return "zhipu"
    if "cache_creation_input_tokens" in usage:
        return "anthropic"
    if "input_tokens_details" in usage or "output_tokens_details" in usage:
        return "openai-responses"
    if "prompt_tokens" in usage and "completion_tokens" in usage:
        return "openai" if "openai" in name or "gpt" in model else None
    return None


def _shape(value: object, path: str = "") -> frozenset[str]:
    """Which fields are present, and which counts are non-zero."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "file":
                continue
            out.add(path + key)
            out |= _shape(inner, f"{path}{key}.")
    elif isinstance(value, list):
        for inner in value:
            if isinstance(inner, dict) and "modality" in inner:
                out.add(f"{path}{inner['modality']}")
            else:
                out |= _shape(inner, path + "[].")
    elif isinstance(value, int | float) and value and not isinstance(value, bool):
        out.add(path + "!")
    return frozenset(out)


def main(argv: list[str]) -> int:
    records = json.loads(Path(argv[0]).read_text("utf-8"))
    seen: set[tuple[str, frozenset[str]]] = set()
    counts: dict[str, int] = {}
    picked = []
    # Richer shapes first, so the few kept per format cover the most fields.
    ranked = sorted(
        records,
        key=lambda r: (
            not r["body"].get("file", "").endswith(KEEP),
            -len(_shape(r["body"])),
        ),
    )
    for record in ranked:
        body = record["body"]
        fmt = _format(body)
        if fmt is None or counts.get(fmt, 0) >= PER_FORMAT:
            continue
        reply = {k: v for k, v in body.items() if k != "file"}
        key = (fmt, _shape(reply))
        if key in seen:
            continue
        seen.add(key)
        counts[fmt] = counts.get(fmt, 0) + 1
        want = EXTRACTORS[fmt]
        extracted = None
        for entry in record["extracted"]:
            pairs = {(e["provider_id"], e["api_flavor"]) for e in entry["extractors"]}
            if want in pairs:
                extracted = entry["usage"]
        picked.append(
            {
                "recorded_in": body.get("file"),
                "format": fmt,
                "reply": reply,
                "genai_prices": extracted,
            }
        )
    picked.sort(key=lambda p: (p["format"], p["recorded_in"] or ""))
    OUT.write_text(json.dumps(picked, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{OUT}: {len(picked)} replies: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
