"""Each exercise notebook's headless run time against a notebook that only imports pandas,
plotly and ipywidgets, executed the same way in the same run. Target: at most 1.5x.

Each notebook runs in a fresh kernel (as a participant's "Run All" after opening it) on a
fresh demo workbook; the median of several runs is kept.

    python bench/notebook_time.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import workbook

ROOT = Path(__file__).resolve().parents[1]


def _baseline() -> nbformat.NotebookNode:
    book = nbformat.v4.new_notebook()
    book.cells = [
        nbformat.v4.new_code_cell("import pandas\nimport plotly.express\nimport ipywidgets")
    ]
    return book


def _run(book: nbformat.NotebookNode) -> float:
    start = time.perf_counter()
    NotebookClient(book, timeout=300, kernel_name="python3").execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        timings: dict[str, list[float]] = {"baseline (imports only)": []}
        for path in notebooks:
            timings[path.stem] = []
        for run in range(runs):  # interleave, so drift hits every notebook alike
            wb = workbook.demo(Path(tmp) / f"run{run}")
            os.environ["WORKBOOK_PATH"] = str(wb.path)
            wb.close()
            timings["baseline (imports only)"].append(_run(_baseline()))
            for path in notebooks:
                timings[path.stem].append(_run(nbformat.read(path, as_version=4)))
    base = statistics.median(timings["baseline (imports only)"])
    print(f"runs: {runs} (median of each)")
    worst = 0.0
    for name, samples in timings.items():
        median = statistics.median(samples)
        ratio = median / base
        if name != "baseline (imports only)":
            worst = max(worst, ratio)
        print(f"{name:28s} {median:6.2f} s   {ratio:5.2f}x")
    print(f"target at most 1.5x: {'meets' if worst <= 1.5 else 'MISSES'} (worst {worst:.2f}x)")


if __name__ == "__main__":
    main()
