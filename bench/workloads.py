"""
One measurement, in a fresh process, run by the harness with the Python of
one library's virtual environment:

    python bench/workloads.py LIBRARY SCENARIO [FILE] [LIMIT]

It prints one line: the seconds measured, then optional extra figures. Only
`sys` and `time` are imported before a cold measurement starts, so no
library finds its dependencies already loaded.
"""

import sys
import time

# The request priced in the warm and cold scenarios: 100k prompt tokens of
# which 60k are read from the cache and 10k written to it, 2k output tokens.
INPUT, OUTPUT, CACHE_READ, CACHE_WRITE = 100_000, 2_000, 60_000, 10_000
# Our model, and the model the peers price (a current Claude model that each
# of them knows, with input, output, cache read and cache write prices).
OURS = "claude-fable-5"
THEIRS = {
    "genai-prices": "claude-opus-4-5",
    "litellm": "claude-opus-4-5",
    # AgentOps' tokencost 0.1.26 does not know Opus 4.5; 4.1 is its newest
    # Opus with cache prices (and it has no cache-write price at all).
    "agentops-tokencost": "claude-opus-4-1",
}
AT = "2026-07-01"
# The bundled models are recent; the peers do not know them. For the bulk
# loop each record maps to a model the peers know, so they do the same work
# per record: one lookup and one price calculation.
PEER_OTHER = "gpt-4.1"
GENAI_PROVIDER = {"claude-opus-4-5": "anthropic", "gpt-4.1": "openai"}


def _peer_model(lib: str, model: str) -> str:
    return THEIRS[lib] if model.startswith("claude") else PEER_OTHER


def _usage_for(lib: str, keywords: bool = False):  # type: ignore[no-untyped-def]
    """A function pricing one request of the given counts with *lib* (with
    tokencost, from a Usage, or from keyword counts if *keywords*)."""
    if lib == "tokencost":
        import tokencost as tc

        def ours(model: str, i: int, o: int, r: int, w: int, at: str) -> object:
            return tc.cost(model, tc.Usage(i, o, r, w), at=at).total

        def ours_by_keywords(
            model: str, i: int, o: int, r: int, w: int, at: str
        ) -> object:
            return tc.cost(
                model,
                input_tokens=i,
                output_tokens=o,
                cache_read_tokens=r,
                cache_write_tokens=w,
                at=at,
            ).total

        return ours_by_keywords if keywords else ours
    if lib == "genai-prices":
        import genai_prices as gp

        def genai(model: str, i: int, o: int, r: int, w: int, at: str) -> object:
            usage = gp.Usage(
                input_tokens=i,
                output_tokens=o,
                cache_read_tokens=r,
                cache_write_tokens=w,
            )
            # Naming the provider, as a caller can, makes the lookup faster.
            provider = GENAI_PROVIDER[model]
            return gp.calc_price(usage, model, provider_id=provider).total_price

        return genai
    if lib == "litellm":
        import litellm

        def lite(model: str, i: int, o: int, r: int, w: int, at: str) -> object:
            prompt, completion = litellm.cost_per_token(
                model=model,
                prompt_tokens=i,
                completion_tokens=o,
                cache_read_input_tokens=r,
                cache_creation_input_tokens=w,
            )
            return prompt + completion

        return lite
    if lib == "agentops-tokencost":
        from tokencost import calculate_cost_by_tokens as by_tokens

        def agentops(model: str, i: int, o: int, r: int, w: int, at: str) -> object:
            # It has no cache-write price: those tokens are priced as input,
            # and the table marks the scenario.
            return (
                by_tokens(i - r, model, "input")
                + by_tokens(r, model, "cached")
                + by_tokens(o, model, "output")
            )

        return agentops
    raise SystemExit(f"unknown library {lib!r}")


def _import(lib: str) -> None:
    if lib == "tokencost":
        import tokencost
    elif lib == "genai-prices":
        import genai_prices  # noqa: F401
    elif lib == "litellm":
        import litellm  # noqa: F401
    elif lib == "agentops-tokencost":
        import tokencost  # noqa: F401
    else:
        raise SystemExit(f"unknown library {lib!r}")


def _model(lib: str) -> str:
    return OURS if lib == "tokencost" else THEIRS[lib]


def cold_import(lib: str) -> str:
    start = time.perf_counter()
    _import(lib)
    return f"{time.perf_counter() - start:.6f}"


def cold_first(lib: str) -> str:
    start = time.perf_counter()
    price = _usage_for(lib)
    price(_model(lib), INPUT, OUTPUT, CACHE_READ, CACHE_WRITE, AT)
    return f"{time.perf_counter() - start:.6f}"


def warm(lib: str, keywords: bool = False) -> str:
    import itertools
    import statistics

    price = _usage_for(lib, keywords)
    model = _model(lib)
    # The counts change from call to call, as live traffic's do, so no
    # library can answer from a cache of results: 1,024 requests in turn,
    # prompts of 100,000 to 101,023 tokens and outputs of 2,000 to 2,006.
    requests = [
        (model, INPUT + k, OUTPUT + k % 7, CACHE_READ, CACHE_WRITE, AT)
        for k in range(1024)
    ]
    args = requests[0]

    def run(calls: int) -> None:
        for call in itertools.islice(itertools.cycle(requests), calls):
            price(*call)

    run(2000)
    # About 0.2 s per round, whatever the speed of the library.
    start = time.perf_counter()
    run(200)
    calls = max(200, int(200 * 0.2 / (time.perf_counter() - start)))
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        run(calls)
        rounds.append((time.perf_counter() - start) / calls)
    return f"{statistics.median(rounds):.9f} {price(*args)}"


def bulk_loop(lib: str, path: str, limit: int) -> str:
    """Read *limit* records and price each with *lib*'s own cost function."""
    import itertools
    import json

    price = _usage_for(lib)
    total = 0
    start = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        for line in itertools.islice(lines, limit):
            r = json.loads(line)
            model = r["model"]
            if lib != "tokencost":
                model = _peer_model(lib, model)
            at = r["timestamp"]
            amount = price(
                model,
                r["input_tokens"],
                r["output_tokens"],
                r["cache_read_tokens"],
                r["cache_write_tokens"],
                at,
            )
            total += 1 if amount is not None else 0
    return f"{time.perf_counter() - start:.6f} {total}"


def floor(path: str) -> str:
    """Only parse the file, with the same JSON parser."""
    import json

    loads = json.loads
    start = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            loads(line)
    return f"{time.perf_counter() - start:.6f}"


def bill(path: str, by: str, workers: int) -> str:
    import resource

    import tokencost as tc

    tc.default_catalog()
    start = time.perf_counter()
    result = tc.bill_file(path, by=by, workers=workers)
    seconds = time.perf_counter() - start
    # The largest of this process and any worker it forked.
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return f"{seconds:.6f} {peak_kib} {result.records} {result.total().amount}"


def main() -> None:
    lib, scenario, *rest = sys.argv[1:]
    if scenario == "import":
        out = cold_import(lib)
    elif scenario == "first":
        out = cold_first(lib)
    elif scenario == "warm":
        out = warm(lib)
    elif scenario == "warm-keywords":
        out = warm(lib, keywords=True)
    elif scenario == "bulk-loop":
        out = bulk_loop(lib, rest[0], int(rest[1]))
    elif scenario == "floor":
        out = floor(rest[0])
    elif scenario == "bill":
        out = bill(rest[0], rest[1], int(rest[2]))
    else:
        raise SystemExit(f"unknown scenario {scenario!r}")
    print(out)


if __name__ == "__main__":
    main()
