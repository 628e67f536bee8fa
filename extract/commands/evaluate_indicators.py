"""Indicator key agreement: do figures the gold says measure one indicator get one key, and figures
of different indicators different keys? Scored over the matched figures whose gold has an
`indicator` (a measure reported in two or more gold documents), pair by pair, across every
development document together, since a series runs across documents."""

from itertools import combinations
from typing import NamedTuple


class Link(NamedTuple):
    document: str
    gold: str  # the gold's indicator label
    key: str | None  # the key the pipeline gave the matched figure


def agreement(links: list[Link]) -> dict[str, tuple[int, int]]:
    """Counts (agreeing, compared): figures keyed; pairs of one gold indicator that share a key (all
    pairs, and pairs across documents); pairs of different indicators whose keys differ."""
    same = across = differ = (0, 0)
    for a, b in combinations(links, 2):
        shared = a.key is not None and a.key == b.key
        if a.gold == b.gold:
            same = (same[0] + shared, same[1] + 1)
            if a.document != b.document:
                across = (across[0] + shared, across[1] + 1)
        else:
            differ = (differ[0] + (not shared), differ[1] + 1)
    keyed = (sum(link.key is not None for link in links), len(links))
    return {"keyed": keyed, "same indicator, same key": same, "  of which across documents": across,
            "different indicators, different keys": differ}


def agreement_lines(links: list[Link]) -> list[str]:
    indicators = {link.gold for link in links}
    documents = {link.document for link in links}
    lines = [f"indicator keys: {len(links)} matched figures of {len(indicators)} gold indicators in "
             f"{len(documents)} documents"]
    for name, (agreeing, compared) in agreement(links).items():
        share = f"{agreeing / compared:.2f}" if compared else "-"
        lines.append(f"  {name:<38}{agreeing:>6} / {compared:<6} {share}")
    return lines
