"""Two kernels on one workbook file: every row survives, a long lock gets a clear message."""

import sqlite3
import subprocess
import sys
import threading
import time

import pytest

import workbook
from workbook import store

ADDER = r"""
import sys
import workbook

wb = workbook.open(sys.argv[1])
for i in range(int(sys.argv[3])):
    business_id = wb.add_business(name=f"{sys.argv[2]} {i}", amount=i)
    wb.update_business(business_id, notes=f"edited by {sys.argv[2]}")
"""


def test_two_kernels_writing_at_once_lose_no_row(tmp_path):
    path = tmp_path / "shared.sqlite"
    workbook.open(path).close()
    count = 150
    writers = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(path), who, str(count)])
        for who in ("kernel-a", "kernel-b")
    ]
    assert [p.wait(timeout=120) for p in writers] == [0, 0]
    with workbook.open(path) as wb:
        rows = wb.businesses()
    assert len(rows) == 2 * count
    for who in ("kernel-a", "kernel-b"):
        mine = rows[rows["name"].str.startswith(who)]
        assert len(mine) == count
        assert (mine["notes"] == f"edited by {who}").all()


def test_a_short_lock_is_waited_out(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.1)
    path = tmp_path / "busy.sqlite"
    wb = workbook.open(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.2, lambda: other.execute("COMMIT")).start()
    wb.add_business(name="Saved after the wait", amount=5)  # retried, not lost
    assert list(wb.businesses()["name"]) == ["Saved after the wait"]
    other.close()
    wb.close()


def test_a_long_lock_gives_a_clear_message_and_keeps_saved_data(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "busy.sqlite"
    wb = workbook.open(path)
    wb.add_business(name="Already saved", amount=5)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    with pytest.raises(workbook.WorkbookBusy, match="busy: another window"):
        wb.add_business(name="Blocked", amount=1)
    assert time.monotonic() - started < 5
    other.execute("ROLLBACK")
    other.close()
    assert list(wb.businesses()["name"]) == ["Already saved"]
    wb.close()


def test_a_reader_holding_the_file_at_commit_is_waited_out_or_said_and_nothing_stays_open(
    tmp_path, monkeypatch
):
    """Another program reading the file when a change commits: the commit waits as the start
    does; still held, the change is said not saved, rolled back, and the next change saves."""
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "read.sqlite"
    wb = workbook.open(path)
    wb.add_business(name="Already saved", amount=5)

    def reading() -> sqlite3.Connection:
        reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM businesses").fetchall()  # a shared lock, held
        return reader

    reader = reading()
    with pytest.raises(workbook.WorkbookBusy, match="busy: another window"):
        wb.add_business(name="Blocked at commit", amount=1)
    assert not wb.store._con.in_transaction  # rolled back, never left open
    reader.execute("COMMIT")
    reader.close()
    wb.add_business(name="Saved after", amount=2)

    reader = reading()  # one that lets go while the commit waits
    threading.Timer(0.1, lambda: reader.execute("COMMIT")).start()
    wb.add_business(name="Saved after the wait", amount=3)
    reader.close()
    rows = sqlite3.connect(path).execute("SELECT name FROM businesses ORDER BY id").fetchall()
    assert [name for (name,) in rows] == ["Already saved", "Saved after", "Saved after the wait"]
    wb.close()
