"""Precision, recall and F1 of one record type against gold, and the line `make eval` prints for it."""

from dataclasses import dataclass, field


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    agree: dict = field(default_factory=dict)  # field → [agreeing, compared]

    def p(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0 if not self.gold else 0.0

    def r(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def f1(self) -> float:
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0


def score_line(kind: str, s: Score) -> str:
    agree = ", ".join(f"{f} {a / n:.2f}" for f, (a, n) in s.agree.items() if n)
    return f"{kind:<14}{s.gold:>6}{s.predicted:>6}{s.matched:>7}{s.p():>7.2f}{s.r():>7.2f}{s.f1():>7.2f}  {agree}"
