"""A fast subset of the fuzz harness (tests/benchmarks/fuzz.py runs 10,000 cases of each kind)."""
from __future__ import annotations

import pytest

from tests.fuzz.harness import KINDS, Seeds, fuzz

CASES_IN_CI = 40


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return Seeds(tmp_path_factory.mktemp("seeds"))


@pytest.mark.parametrize("kind", KINDS)
def test_no_mutated_input_gets_a_traceback_or_hangs(kind, seeds, tmp_path, monkeypatch):
    monkeypatch.setenv("ZITOUR_DATA_DIR", str(tmp_path / "data"))
    outcome = fuzz(kind, CASES_IN_CI, seeds, tmp_path / "work")
    assert outcome.cases == CASES_IN_CI
    assert outcome.failures == [], outcome.failures[:5]
    assert set(outcome.exit_codes) <= {0, 1, 2, 3, 4}, outcome.exit_codes
