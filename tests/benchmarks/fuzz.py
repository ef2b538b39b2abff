"""The full fuzz run: CASES mutated inputs of each kind through the real CLI (default 10,000).

    .venv/bin/python tests/benchmarks/fuzz.py [CASES] [KIND ...]

Prints, per kind: cases, tracebacks or last-resort exits (bugs), hangs (> 30 s), the
slowest case, and how the command ended (exit codes). See tests/fuzz/harness.py.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    args = sys.argv[1:]
    cases = int(args.pop(0)) if args and args[0].isdigit() else 10_000
    work = Path(tempfile.mkdtemp(prefix="zitour-fuzz-"))
    os.environ["ZITOUR_DATA_DIR"] = str(work / "data")
    import logging

    logging.disable(logging.WARNING)  # the harness judges outcomes; the log would grow by gigabytes
    from tests.fuzz.harness import KINDS, Seeds, fuzz

    kinds = args or list(KINDS)
    seeds = Seeds(work / "seeds")
    print(f"{'kind':<9} {'cases':>7} {'bugs':>5} {'hangs':>5} {'slowest s':>9} {'total s':>8}  exit codes")
    bad = 0
    for kind in kinds:
        start = time.perf_counter()
        outcome = fuzz(kind, cases, seeds, work / kind)
        hangs = sum(1 for _, why in outcome.failures if why.startswith("took"))
        bugs = len(outcome.failures) - hangs
        bad += len(outcome.failures)
        codes = ", ".join(f"{k}:{v}" for k, v in sorted(outcome.exit_codes.items()))
        print(f"{kind:<9} {outcome.cases:>7} {bugs:>5} {hangs:>5} {outcome.slowest_s:>9.2f} "
              f"{time.perf_counter() - start:>8.0f}  {codes}", flush=True)
        for case, why in outcome.failures[:5]:
            print(f"    case {case}: {why}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
