"""Threads: the bundled catalog loads on first use from any number of threads
and gives the answers one thread gives."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

_SCRIPT = textwrap.dedent(
    """
    import json, sys, threading
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    import tokencost as tc

    NAMES = ["glm-5.2", "deepseek-chat", "claude-fable-5", "gpt-5.5",
             "kimi-k2", "zhipuai:glm-5.2", "deepseek-cn:deepseek-chat"]
    barrier = threading.Barrier(8)
    answers = [None] * 8

    def work(index):
        barrier.wait()
        got = []
        try:
            if index == 7:
                got.append(len(tc.models()))
            for name in NAMES[index % 3:] + NAMES[:index % 3]:
                try:
                    price = tc.price(name)
                    got.append((name, price.id, price.currency))
                except tc.TokencostError as exc:
                    got.append((name, type(exc).__name__))
        except Exception as exc:  # the failure being tested for
            got.append(("crash", type(exc).__name__, str(exc)))
        answers[index] = sorted(map(str, got))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    print(json.dumps(answers))
    """
)


def _run() -> list[list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


class TestColdStart:
    def test_eight_threads_same_answers(self) -> None:
        """Eight threads resolving names at once in a fresh process get the
        answers of a single thread, and nothing crashes."""
        import tokencost as tc

        expected = {}
        for name in ["glm-5.2", "deepseek-chat", "claude-fable-5", "gpt-5.5",
                     "kimi-k2", "zhipuai:glm-5.2", "deepseek-cn:deepseek-chat"]:  # fmt: skip
            try:
                price = tc.price(name)
                expected[name] = str((name, price.id, price.currency))
            except tc.TokencostError as exc:
                expected[name] = str((name, type(exc).__name__))
        for _ in range(3):
            answers = _run()
            for index, got in enumerate(answers):
                assert not any("crash" in item for item in got), got
                names = [item for item in got if item.startswith("(")]
                assert sorted(names) == sorted(expected.values()), index
