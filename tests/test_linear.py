"""No stage grows faster than linearly, on the adversarial texts that once made one quadratic
(bench/adversarial.py; `make bench` prints their cost per 100 KB). Times are best of three, at
small sizes, with a little slack for the clock: a quadratic stage takes 16 times as long at 4
times the size, far past the 8 allowed."""

import pytest

from bench.adversarial import CASES, stage_seconds

SMALL = 6_000
SLACK = 0.02  # seconds


def best(name: str, size: int) -> dict[str, float]:
    runs = [stage_seconds(name, size) for _ in range(3)]
    return {stage: min(run[stage] for run in runs) for stage in runs[0]}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_stage_grows_faster_than_linearly(name):
    stage_seconds("numbered lines", 1_000)  # rules loaded and compiled before any clock starts
    small, large = best(name, SMALL), best(name, 4 * SMALL)
    slow = {stage: (small[stage], large[stage]) for stage in small if large[stage] > 8 * small[stage] + SLACK}
    assert not slow, f"{name}: (1× s, 4× s) per stage growing faster than linearly: {slow}"
