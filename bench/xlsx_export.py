"""Whole-workbook xlsx export of a busy account: a year (2,500 transactions) and six years
(15,000), against pandas writing the same transactions table with openpyxl in the same run.
Target: the export of the whole workbook at most 2x pandas' one table (about a second for a
year).

    python bench/xlsx_export.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from import_speed import bank_csv  # noqa: E402

import workbook  # noqa: E402
from workbook.report import export_xlsx  # noqa: E402


def cpu(action, *args, **options) -> float:
    start = time.process_time()
    action(*args, **options)
    return time.process_time() - start


def main() -> None:
    print(f"{'transactions':>12}  {'pandas table':>12}  {'whole workbook':>14}  ratio")
    for rows in (2_500, 15_000):
        with tempfile.TemporaryDirectory() as folder:
            here = Path(folder)
            (here / "bank.csv").write_bytes(bank_csv(rows))
            with workbook.demo(here) as wb:
                wb.import_transactions(here / "bank.csv", progress=False)
                names, table = wb.store.dump("transactions")
                frame = pd.DataFrame(table, columns=names)
                theirs = statistics.median(
                    cpu(frame.to_excel, here / "t.xlsx", engine="openpyxl") for _ in range(3)
                )
                ours = statistics.median(cpu(export_xlsx, wb, here / "all.xlsx") for _ in range(3))
        verdict = "meets" if ours / theirs <= 2 else "MISSES"
        print(f"{rows:>12,}  {theirs:>10.2f} s  {ours:>12.2f} s  {ours / theirs:5.2f}x {verdict}")
    print("CPU seconds, median of 3; target: at most 2x pandas writing the transactions alone")


if __name__ == "__main__":
    main()
