"""Exercise 8's cost on every edit: the progress chart's numbers for every week since the first
check-in (``Workbook.progress``), against the baseline of one week's numbers
(``Workbook.week``) measured in the same run on the same workbook. The weeks share one read
of the workbook, so a year of check-ins must cost far less than a year of single weeks.
Target: progress over 52 weeks at most 10x one week (52x if each week read the workbook).

    python bench/this_week_speed.py [--weeks 52] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time

import workbook


def _median(runs: int, work) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, workbook.demo(folder) as wb:
        today = wb.today()
        for n in range(args.weeks - 1, 0, -1):
            wb.save_check_in(today - dt.timedelta(days=7 * n), ["One ask"],
                             targets={"asks_made": 1, "meetings": 2})  # fmt: skip
        one = _median(args.runs, wb.week)
        every = _median(args.runs, wb.progress)
        weeks = len(wb.progress()["week_start"].unique())
    print(f"one week's numbers:        {one * 1000:7.1f} ms")
    print(f"progress over {weeks} weeks:   {every * 1000:7.1f} ms  {every / one:.1f}x one week "
          f"(target: at most 10x; {weeks}x if each week read the workbook)")  # fmt: skip


if __name__ == "__main__":
    main()
