"""Charts draw something for data and for no data; the warehouse path and table errors."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from logyard_notebooks import plots, session  # noqa: E402

TIMES = pd.to_datetime(["2026-11-20 10:00", "2026-11-20 10:01"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_charts_draw_data():
    lines = plots.lines(pd.DataFrame({"aws": [1, 2], "gcp": [3, 4]}, index=TIMES), "t", "y")
    assert len(lines.get_lines()) == 2
    bars = plots.stacked_bars(pd.DataFrame({"2xx": [5, 6], "5xx": [1, 0]}, index=["aws", "gcp"]),
                              "t", "y")
    assert len(bars.patches) == 4
    ends = plots.endpoints(pd.DataFrame({"endpoint": ["/", "/x"], "requests": [5, 2],
                                         "errors": [1, 0]}))
    assert len(ends.patches) == 4
    hist = plots.log2_histogram(pd.DataFrame({"aws": [1, 2]}, index=[0.0, 1024.0]), "t", "bytes")
    assert hist.get_xscale() == "log"
    heat = plots.heatmap(pd.DataFrame({"ipv4": [0, 2]}, index=["a", "b"]), "t")
    assert [t.get_text() for t in heat.texts] == ["0", "2"]


def test_charts_say_when_there_is_nothing_to_draw():
    for ax in (plots.lines(pd.DataFrame(), "t", "y"), plots.stacked_bars(pd.DataFrame(), "t", "y"),
               plots.endpoints(pd.DataFrame()), plots.heatmap(pd.DataFrame(), "t"),
               plots.log2_histogram(pd.DataFrame(), "t", "ms")):
        assert ax.texts and "no " in ax.texts[0].get_text()


def test_warehouse_path(monkeypatch, tmp_path):
    monkeypatch.delenv(session.WAREHOUSE_ENV, raising=False)
    assert session.warehouse_path() == session.repo_root() / "var" / "warehouse"
    monkeypatch.setenv(session.WAREHOUSE_ENV, str(tmp_path))
    assert session.warehouse_path() == tmp_path
    assert session.warehouse_path("other/wh") == session.repo_root() / "other" / "wh"


def test_missing_table_says_how_to_make_it(spark, tmp_path):
    with pytest.raises(FileNotFoundError, match="log_results: no Delta table at .*make demo"):
        session.read_table(spark, tmp_path, "log_results")
