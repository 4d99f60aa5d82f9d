"""Edit-to-commit latency: how long one saved edit takes, p50 and p95 over 1,000 edits.

Baseline, measured in the same run on the same disk: a bare sqlite3 UPDATE + COMMIT with the
same durability settings. Target: workbook p95 at most 20 ms.

    python bench/edit_latency.py [--edits 1000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import workbook


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def bare_sqlite(folder: Path, edits: int) -> list[float]:
    con = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, notes TEXT)")
    con.execute("INSERT INTO t VALUES (1, '')")
    times = []
    for i in range(edits):
        start = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE t SET notes = ? WHERE id = 1", (f"note {i}",))
        con.execute("COMMIT")
        times.append(time.perf_counter() - start)
    con.close()
    return times


def workbook_edits(folder: Path, edits: int) -> list[float]:
    wb = workbook.demo(folder)
    ids = [int(i) for i in wb.businesses()["id"]]
    times = []
    text = "Retired homeowners who are ready to downsize"
    for i in range(edits):
        start = time.perf_counter()
        if i % 2:  # a keystroke in the profile form
            wb.set_profile(preferred_client=text[: 1 + i % len(text)])
        else:  # a cell edit in the spend table
            wb.update_business(ids[i % len(ids)], years_as_customer=1 + i % 30)
        times.append(time.perf_counter() - start)
    wb.close()
    return times


def edits_with_views(folder: Path, edits: int) -> list[float]:
    """The same cell edit with the money-trail notebook's five views attached, each redrawn
    after the commit: what a participant waits for before the charts show the change."""
    from workbook.widgets import AskBuilder, AskTracker, MoneyTrailCharts, SpendTable, ThisWeek

    wb = workbook.demo(folder / "views")
    views = [cls(wb) for cls in (SpendTable, MoneyTrailCharts, ThisWeek, AskBuilder, AskTracker)]
    ids = [int(i) for i in wb.businesses()["id"]]
    times = []
    for i in range(edits):
        start = time.perf_counter()
        wb.update_business(ids[i % len(ids)], years_as_customer=1 + i % 30)
        times.append(time.perf_counter() - start)
    wb.close()
    assert views
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=1000)
    edits = parser.parse_args().edits
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = bare_sqlite(folder, edits)
        ours = workbook_edits(folder, edits)
        redrawn = edits_with_views(folder, max(edits // 5, 20))
    b50, b95 = _percentiles(base)
    w50, w95 = _percentiles(ours)
    print(f"edits: {edits}")
    print(f"bare sqlite commit   p50 {b50 * 1000:6.2f} ms   p95 {b95 * 1000:6.2f} ms")
    print(f"workbook edit        p50 {w50 * 1000:6.2f} ms   p95 {w95 * 1000:6.2f} ms")
    print(f"ratio (p95)          {w95 / b95:6.2f}x the bare commit")
    r50, r95 = _percentiles(redrawn)
    print(
        f"edit + 5 views redrawn p50 {r50 * 1000:6.2f} ms   p95 {r95 * 1000:6.2f} ms "
        f"({len(redrawn)} edits; the charts and tables a participant sees, not the commit)"
    )
    verdict = "meets" if w95 <= 0.020 else "MISSES"
    print(f"target p95 <= 20 ms: {verdict}")


if __name__ == "__main__":
    main()
