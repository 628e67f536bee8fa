"""Series points → a PNG chart: one panel per series (an indicator in one unit), a line per
council and role over time.

Counts, £ and % never share an axis. Actual values are one line per council; targets and national /
statistical-neighbour / regional benchmarks are lines of their own, so a reader sees at a glance
where a council stood against what it compared to.
"""

from collections import defaultdict
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and CI
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from extract.commands.series import Point  # noqa: E402

STYLE = {  # role → (label, line style, marker)
    "actual": ("actual", "-", "o"),
    "target": ("target", "--", "s"),
    "national": ("national", ":", "^"),
    "statistical_neighbour": ("statistical neighbours", ":", "v"),
    "regional": ("regional", ":", "D"),
    "previous": ("previous (as reported)", "-.", "x"),
}


def _when(point: Point) -> date | None:
    when = point.period_start or point.meeting_date
    return date.fromisoformat(when) if when else None


def plot_series(points: list[Point], path: Path, title: str) -> int:
    """Draw the dated points to `path`; returns how many were drawn (undated ones cannot be)."""
    fig, drawn = series_figure(points, title)
    if fig is not None:
        fig.savefig(path, dpi=110)
        plt.close(fig)
    return drawn


def series_figure(points: list[Point], title: str):
    """(the figure, points drawn): one panel per series; no figure when nothing is dated."""
    panels: dict[str, dict[tuple[str, str], list[tuple[date, float]]]] = defaultdict(lambda: defaultdict(list))
    units = {}
    for point in points:
        when = _when(point)
        if when and point.role in STYLE:
            panels[point.series][(point.council or "unknown council", point.role)].append((when, point.value))
            units[point.series] = point.unit
    drawn = sum(len(line) for lines in panels.values() for line in lines.values())
    if not drawn:
        return None, 0
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 3.2 * len(panels)), squeeze=False, sharex=True)
    for ax, (series, lines) in zip(axes[:, 0], sorted(panels.items())):
        for (council, role), line in sorted(lines.items()):
            label, linestyle, marker = STYLE[role]
            xs, ys = zip(*sorted(line))
            ax.plot(xs, ys, linestyle=linestyle, marker=marker, label=f"{council}: {label}")
        ax.set_title(series)
        ax.set_ylabel(units[series])
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    fig.suptitle(title)
    fig.tight_layout()
    return fig, drawn
