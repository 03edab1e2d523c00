"""Charts for the notebooks: each takes the pandas DataFrame a query helper returned and draws
one matplotlib chart, saying so in the chart when there is nothing to draw. Each returns its
Axes (a Figure is created when none is given)."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

#: One colour per provider, the same in every chart.
PROVIDER_COLORS = {"aws": "#ff9900", "gcp": "#34a853", "azure": "#0078d4", "oci": "#c74634",
                   "local": "#6b7280"}
#: One colour per emergency kind.
KIND_COLORS = {"security": "#7c3aed", "CRITICAL": "#f59e0b", "ALERT": "#ef4444",
               "EMERGENCY": "#991b1b"}
#: Status classes from green to red.
STATUS_COLORS = {"1xx": "#9ca3af", "2xx": "#16a34a", "3xx": "#0ea5e9", "4xx": "#f59e0b",
                 "5xx": "#dc2626"}


def setup() -> None:
    """Display defaults for the notebooks: whole messages in tables, crisp inline charts."""
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 100)
    plt.rcParams["figure.dpi"] = 100


def _axes(ax: Axes | None, size=(9, 4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _colors(columns, palette) -> list | None:
    default = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return [palette.get(str(c), default[i % len(default)]) for i, c in enumerate(columns)]


def no_data(ax: Axes, title: str, message: str = "no data in the warehouse") -> Axes:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#6b7280")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def lines(frame: pd.DataFrame, title: str, ylabel: str, ax: Axes | None = None,
          palette=PROVIDER_COLORS, percent: bool = False) -> Axes:
    """One line per column over a time index (UTC)."""
    ax = _axes(ax)
    if frame.empty:
        return no_data(ax, title)
    for column, color in zip(frame.columns, _colors(frame.columns, palette)):
        ax.plot(frame.index, frame[column], marker="o", markersize=3, linewidth=1.6,
                label=str(column), color=color)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("time (UTC)")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    if percent:
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(title=frame.columns.name, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def stacked_bars(frame: pd.DataFrame, title: str, ylabel: str, ax: Axes | None = None,
                 palette=STATUS_COLORS, horizontal: bool = False, time_index: bool = False) -> Axes:
    """Bars per index value (counts), stacked by column; horizontal bars for long labels."""
    ax = _axes(ax, size=(10, 1 + 0.45 * len(frame)) if horizontal and len(frame) > 6 else (9, 4))
    if frame.empty:
        return no_data(ax, title)
    frame = frame[sorted(frame.columns, key=str)]
    labels = [t.strftime("%H:%M") if time_index else textwrap.fill(str(t), 48)
              for t in frame.index]
    positions = np.arange(len(frame))
    base = np.zeros(len(frame))
    for column, color in zip(frame.columns, _colors(frame.columns, palette)):
        values = frame[column].to_numpy(dtype=float)
        if horizontal:
            ax.barh(positions, values, left=base, label=str(column), color=color)
        else:
            ax.bar(positions, values, bottom=base, label=str(column), color=color)
        base += values
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks(positions, labels, rotation=45 if len(labels) > 6 else 0, ha="right"
                      if len(labels) > 6 else "center")
        ax.set_ylabel(ylabel)
        if time_index:
            ax.set_xlabel("time (UTC)")
    ax.set_title(title)
    ax.grid(alpha=0.3, axis="x" if horizontal else "y")
    ax.legend(title=frame.columns.name, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def endpoints(frame: pd.DataFrame, title: str = "Top endpoints", ax: Axes | None = None) -> Axes:
    """Horizontal bars of requests per endpoint, the errors (5xx) part in red."""
    ax = _axes(ax, size=(9, 0.6 + 0.35 * max(len(frame), 1)))
    if frame.empty:
        return no_data(ax, title)
    positions = np.arange(len(frame))
    ok = frame["requests"] - frame["errors"]
    ax.barh(positions, ok, color="#4b5563", label="other")
    ax.barh(positions, frame["errors"], left=ok, color="#dc2626", label="5xx")
    ax.set_yticks(positions, frame["endpoint"])
    ax.invert_yaxis()
    ax.set_xlabel("requests")
    ax.set_title(title)
    ax.grid(alpha=0.3, axis="x")
    ax.legend(loc="lower right")
    return ax


def log2_histogram(frame: pd.DataFrame, title: str, unit: str, ax: Axes | None = None,
                   palette=PROVIDER_COLORS) -> Axes:
    """Step histograms over power-of-two bins (as from overview.log2_histogram), one per
    column, on a logarithmic x axis."""
    ax = _axes(ax)
    if frame.empty:
        return no_data(ax, title, "no values recorded")
    edges = np.array([max(e, 0.5) for e in frame.index], dtype=float)
    for column, color in zip(frame.columns, _colors(frame.columns, palette)):
        ax.step(edges, frame[column].to_numpy(), where="post", label=str(column), color=color,
                linewidth=1.6)
    ax.set_xscale("log", base=2)
    ax.set_xlabel(unit + " (power-of-two bins)")
    ax.set_ylabel("events")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(title=frame.columns.name, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def heatmap(frame: pd.DataFrame, title: str, ax: Axes | None = None) -> Axes:
    """A grid of counts with each cell written in it: green when zero, red otherwise."""
    ax = _axes(ax, size=(7, 0.8 + 0.5 * max(len(frame), 1)))
    if frame.empty:
        return no_data(ax, title)
    values = frame.to_numpy(dtype=float)
    ax.imshow(np.where(values > 0, 1.0, 0.0), cmap=plt.matplotlib.colors.ListedColormap(
        ["#dcfce7", "#fecaca"]), vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{int(v)}", ha="center", va="center",
                color="#166534" if v == 0 else "#991b1b", fontweight="bold")
    ax.set_xticks(range(frame.shape[1]), [str(c) for c in frame.columns])
    ax.set_yticks(range(frame.shape[0]), [str(i) for i in frame.index])
    ax.set_title(title)
    return ax
