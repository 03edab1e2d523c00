"""Execute the notebooks headless and write HTML reports; strip outputs; render the README chart.

    python -m logyard_notebooks.run execute [--warehouse DIR] [--html-dir DIR] [NOTEBOOK...]
    python -m logyard_notebooks.run strip [NOTEBOOK...]
    python -m logyard_notebooks.run readme-chart [--warehouse DIR] [--out PNG]

Run from notebooks/ (or with it on PYTHONPATH). The warehouse defaults to $LOGYARD_WAREHOUSE,
else the demo's var/warehouse. Notebooks run in a fresh kernel each, in notebooks/, with
$LOGYARD_WAREHOUSE set for them; the committed .ipynb files are never rewritten by `execute`.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import session

NOTEBOOK_DIR = Path(__file__).resolve().parents[1]


def notebooks() -> list[Path]:
    """The notebooks, in order (NN-name.ipynb)."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))


def execute(notebook: Path, warehouse: Path, timeout: int = 900) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` in a new kernel against ``warehouse`` and return the
    executed notebook. Raises CellExecutionError (holding the executed notebook as far as it
    got, in its ``notebook`` attribute) when a cell fails."""
    nb = nbformat.read(notebook, as_version=4)
    env = dict(os.environ, **{session.WAREHOUSE_ENV: str(warehouse)})
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        error.notebook = nb
        raise
    return nb


def to_html(nb: nbformat.NotebookNode, out: Path) -> Path:
    """Write an executed notebook as a self-contained HTML page (charts embedded)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def image_outputs(nb: nbformat.NotebookNode) -> int:
    """How many PNG images the notebook's outputs hold."""
    return sum(1 for cell in nb.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))


def strip(path: Path) -> bool:
    """Remove outputs and execution counts from a notebook file; True when it changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None:
            changed = True
        cell.outputs = []
        cell.execution_count = None
        for key in ("execution", "collapsed", "scrolled"):
            if cell.metadata.pop(key, None) is not None:
                changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


def readme_chart(warehouse: Path, out: Path) -> Path:
    """The overview's requests-per-provider chart, as a small PNG for the README."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from . import overview, plots

    spark = session.spark_session("logyard-readme-chart")
    requests = overview.requests_over_time(session.read_table(spark, warehouse, "log_results"))
    fig, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
    plots.lines(requests, "Requests per minute by provider (demo warehouse)", "requests", ax=ax)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=80)
    # a 64-colour palette keeps the committed image small
    from PIL import Image

    with Image.open(out) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(out, optimize=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logyard_notebooks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("execute", help="execute notebooks, optionally writing HTML")
    run.add_argument("--warehouse", help="warehouse directory (default: $LOGYARD_WAREHOUSE "
                                         "or var/warehouse)")
    run.add_argument("--html-dir", type=Path, help="write <notebook>.html reports here")
    run.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    run.add_argument("notebooks", nargs="*", type=Path)
    clean = commands.add_parser("strip", help="remove outputs and execution counts")
    clean.add_argument("notebooks", nargs="*", type=Path)
    chart = commands.add_parser("readme-chart", help="render the README's chart")
    chart.add_argument("--warehouse")
    chart.add_argument("--out", type=Path,
                       default=NOTEBOOK_DIR / "images" / "requests-per-provider.png")
    args = parser.parse_args(argv)

    if args.command == "strip":
        for path in args.notebooks or notebooks():
            print(f"{path}: {'stripped' if strip(path) else 'clean'}")
        return 0
    warehouse = session.warehouse_path(args.warehouse)
    if args.command == "readme-chart":
        print(readme_chart(warehouse, args.out))
        return 0

    failed = 0
    for path in args.notebooks or notebooks():
        started = time.monotonic()
        try:
            nb = execute(path, warehouse, args.timeout)
            status = f"ok, {image_outputs(nb)} charts"
        except CellExecutionError as error:
            nb, failed = error.notebook, failed + 1
            status = f"FAILED\n{error}"
        if args.html_dir:
            html = to_html(nb, args.html_dir / (path.stem + ".html"))
            status += f" -> {html}"
        print(f"{path.name}: {status} ({time.monotonic() - started:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
