"""Exercise 8's cost on every edit: the progress chart's numbers for every week since the first
check-in (``Workbook.progress``), against the baseline of one week's numbers
(``Workbook.week``), both worked out from nothing kept (as after another program wrote the
file), measured in the same run on the same workbook. The weeks share one read of the
workbook, so a year of check-ins must cost far less than a year of single weeks: target at
most 10x one week (52x if each week read the workbook). Then the same after an edit of the
contacts, which works out the contacts' days again and no other table's.

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

        def fresh(work):  # noqa: ANN001, ANN202 - nothing kept from before
            return lambda: (wb.store._forget(None), work())

        def after_an_edit(work):  # noqa: ANN001, ANN202
            return lambda: (wb.store.update("contacts", contact, {"notes": str(time.time())}),
                            work())  # fmt: skip

        contact = wb.add_contact(name="Someone New")
        one = _median(args.runs, fresh(wb.week))
        every = _median(args.runs, fresh(wb.progress))
        edited = _median(args.runs, after_an_edit(wb.progress))
        weeks = len(wb.progress()["week_start"].unique())
    print(f"one week's numbers, nothing kept:      {one * 1000:7.1f} ms")
    print(
        f"progress over {weeks} weeks, nothing kept: {every * 1000:7.1f} ms  {every / one:.1f}x "
        f"one week (target: at most 10x; {weeks}x if each week read the workbook)"
    )
    print(f"progress after an edit of a contact:   {edited * 1000:7.1f} ms  {edited / one:.1f}x "
          "one week (the edit included)")  # fmt: skip


if __name__ == "__main__":
    main()
