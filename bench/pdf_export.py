"""Action-plan PDF: a warm PDF with charts against `jupyter nbconvert --to webpdf --no-input` of
an equivalent notebook (the same sections and the same three charts as SVG), in the same run.
Target: at least 15x faster. Also the cold first PDF, in a fresh process.

nbconvert is pointed at /usr/bin/chromium through a small exporter subclass (it would
otherwise look for a browser that playwright downloads).

    python bench/pdf_export.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat
from nbconvert.exporters.webpdf import WebPDFExporter

import workbook
from workbook import report
from workbook.report.html import plan_body
from workbook.report.pdf import _svg, charts

CHROMIUM = "/usr/bin/chromium"


class LocalChromiumWebPDF(WebPDFExporter):
    """nbconvert's webpdf exporter, launching the Debian chromium instead of a downloaded one."""

    def run_playwright(self, html):
        from playwright.async_api import BrowserType

        original = BrowserType.launch

        async def launch(self_, **kwargs):
            return await original(self_, executable_path=CHROMIUM, **kwargs)

        BrowserType.launch = launch
        try:
            return super().run_playwright(html)
        finally:
            BrowserType.launch = original


def equivalent_notebook(wb, interactive: bool) -> nbformat.NotebookNode:
    """The plan's sections as a markdown cell and its three charts as outputs: interactive
    plotly (plotly.js embedded, as a saved notebook has them, so the browser draws them as
    kaleido does for us) or SVG already drawn (nbconvert then only lays out the page)."""
    book = nbformat.v4.new_notebook()
    book.cells.append(nbformat.v4.new_markdown_cell(plan_body(report.gather(wb))))
    cell = nbformat.v4.new_code_cell("charts")
    figures = charts(wb)
    if interactive:
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data",
                data={"text/html": fig.to_html(full_html=False, include_plotlyjs=(i == 0))},
            )
            for i, fig in enumerate(figures)
        ]
    else:
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"image/svg+xml": _svg(fig).decode()})
            for fig in figures
        ]
    book.cells.append(cell)
    return book


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        wb = workbook.demo(folder)
        report.to_pdf(wb)  # warm: kaleido's browser is up, fonts are loaded
        ours = []
        for _ in range(runs):
            start = time.perf_counter()
            pdf, note = report.to_pdf(wb)
            ours.append(time.perf_counter() - start)
        assert not note, note
        exporter = LocalChromiumWebPDF(exclude_input=True, disable_sandbox=True)
        theirs: dict[bool, list[float]] = {True: [], False: []}
        for interactive in (True, False):
            book = equivalent_notebook(wb, interactive)
            for _ in range(runs):
                start = time.perf_counter()
                their_pdf, _ = exporter.from_notebook_node(book)
                theirs[interactive].append(time.perf_counter() - start)
        cold_script = (
            "import sys, time; start = time.perf_counter()\n"
            "import workbook; from workbook import report\n"
            "pdf, note = report.to_pdf(workbook.open(sys.argv[1]))\n"
            "print(time.perf_counter() - start)\n"
        )
        wb.close()
        cold = float(
            subprocess.run(
                [sys.executable, "-c", cold_script, str(wb.path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    warm = statistics.median(ours)
    live, drawn = statistics.median(theirs[True]), statistics.median(theirs[False])
    print(f"runs: {runs} (median)")
    print(f"warm action-plan PDF, 3 charts drawn       {warm:6.2f} s  ({len(pdf) / 1e3:.0f} kB)")
    print(f"nbconvert webpdf, interactive charts        {live:6.2f} s  {live / warm:5.1f}x ours")
    print(f"nbconvert webpdf, charts already drawn      {drawn:6.2f} s  {drawn / warm:5.1f}x ours")
    print(f"cold first PDF (new process)               {cold:6.2f} s")
    print(f"target at least 15x: {'meets' if live / warm >= 15 else 'MISSES'}")


if __name__ == "__main__":
    main()
