"""Workbook files that are damaged, hostile or out of reach: each is refused in words, the
file is left byte for byte as it was, and the coach's commands name it and go on."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import workbook
from workbook import store
from workbook._store_open import statements

CLI = [sys.executable, "-m", "workbook.cli"]


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and its content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _refused(path: Path, *words: str) -> str:
    before = _fingerprint(path.parent)
    with pytest.raises(workbook.InputError) as refused:
        workbook.open(path)
    message = str(refused.value)
    assert "Traceback" not in message and "SQLite said" not in message
    for word in words:
        assert word in message, message
    assert _fingerprint(path.parent) == before  # nothing changed, nothing made beside it
    return message


def _demo_file(tmp_path: Path) -> Path:
    with workbook.demo(tmp_path / "demo") as wb:
        path = wb.path
    (tmp_path / "files").mkdir()
    target = tmp_path / "files" / "dana.sqlite"
    shutil.copy(path, target)
    return target


def _changed(path: Path, *statements_: str) -> Path:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements_:
        con.execute(statement)
    con.commit()
    con.close()
    return path


def test_a_dropped_column_is_said_and_the_file_left_alone(tmp_path):
    path = _changed(_demo_file(tmp_path), "ALTER TABLE profile DROP COLUMN currency")
    _refused(path, "damaged", "profile table has lost its currency column", "left as it is")


def test_a_dropped_table_is_said_and_the_file_left_alone(tmp_path):
    path = _changed(_demo_file(tmp_path), "DROP TABLE promises")
    _refused(path, "damaged", "promises table is missing")


def test_corrupted_pages_are_said_and_the_file_left_alone(tmp_path):
    path = _demo_file(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    for at in range(3 * page, min(len(data), 12 * page), page):
        data[at + 10 : at + 400] = os.urandom(390)
    path.write_bytes(bytes(data))
    _refused(path, "damaged", "cannot be read")


def test_another_programs_wal_database_is_not_changed_by_being_looked_at(tmp_path):
    path = tmp_path / "photos.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    con.execute("INSERT INTO photos (file) VALUES ('a.jpg')")
    con.commit()
    con.close()
    _refused(path, "another program")  # and no -wal or -shm file made beside it


def test_a_zero_byte_file_given_to_export_is_refused_not_turned_into_a_workbook(tmp_path):
    empty = tmp_path / "dana.sqlite"
    empty.touch()
    done = subprocess.run(
        [*CLI, "export", "pdf", "--workbook", str(empty), "-o", str(tmp_path / "plan.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "empty file (0 bytes)" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert empty.stat().st_size == 0 and not (tmp_path / "plan.pdf").exists()


def _older_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    for statement in statements(store.MIGRATIONS[1]):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    return path


def _as_nobody() -> list[str]:
    """Root reads and writes any folder: the check runs as an ordinary user instead."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


def test_an_older_file_in_a_read_only_folder_is_said_and_left_alone(tmp_path):
    folder = Path(f"/tmp/wb-readonly-{os.getpid()}")  # outside /root, readable by nobody
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        path = _older_file(folder / "dana.sqlite")
        path.chmod(0o644)
        folder.chmod(0o555)
        before = _fingerprint(folder)
        script = "import sys, workbook; workbook.open(sys.argv[1])"
        done = subprocess.run(
            [*_as_nobody(), sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": "/tmp"},
        )
        assert done.returncode != 0
        last = done.stderr.strip().splitlines()[-1]
        assert "older version" in last and "cannot be written where it is" in last, done.stderr
        assert "unable to open database file" not in done.stderr
        assert _fingerprint(folder) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _cohort_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    workbook.cohort.demo(folder)
    (folder / "empty.sqlite").touch()
    (folder / "notes.sqlite").write_text("not a workbook")
    _changed(
        shutil.copy(folder / "grace-kim.sqlite", folder / "dropped.sqlite"), "DROP TABLE goals"
    )
    return folder


def test_export_all_names_each_bad_file_and_makes_the_other_plans(tmp_path):
    folder = _cohort_with_bad_files(tmp_path)
    before = {name: _fingerprint(folder)[name] for name in ("notes.sqlite", "dropped.sqlite")}
    good = len(list(folder.glob("*.sqlite"))) - 3
    done = subprocess.run(
        [*CLI, "export", "html", "--all", str(folder), "-o", str(tmp_path / "plans")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    for name in ("empty.sqlite", "notes.sqlite", "dropped.sqlite"):
        assert name in done.stderr
    assert f"Wrote {good} of {good + 3}" in done.stdout
    assert len(list((tmp_path / "plans").glob("*.html"))) == good
    assert (folder / "empty.sqlite").stat().st_size == 0
    assert {name: _fingerprint(folder)[name] for name in before} == before


def test_cohort_report_names_each_bad_file_and_reports_the_others(tmp_path):
    folder = _cohort_with_bad_files(tmp_path)
    done = subprocess.run(
        [*CLI, "cohort", "report", str(folder), "-o", str(tmp_path / "reports")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    said = done.stdout + done.stderr
    for name in ("empty.sqlite", "notes.sqlite", "dropped.sqlite"):
        assert name in said
    assert (tmp_path / "reports" / "cohort-report.html").exists()


def test_a_current_file_that_is_read_only_says_so_when_an_edit_is_saved():
    """A workbook opened read-only (a file in a folder the participant may not write) opens;
    an edit is then refused in words, and the file is left as it was."""
    folder = Path(f"/tmp/wb-readonly-now-{os.getpid()}")  # outside /root, readable by nobody
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        path = folder / "dana.sqlite"
        with workbook.open(path) as wb:
            wb.set_profile(name="Dana")
        path.chmod(0o444)
        folder.chmod(0o555)
        before = _fingerprint(folder)
        script = (
            "import sys, workbook\n"
            "wb = workbook.open(sys.argv[1])\n"
            "print(wb.profile().name)\n"
            "try:\n"
            "    wb.add_business(name='Corner Cafe', amount=4)\n"
            "except workbook.InputError as exc:\n"
            "    print(exc)\n"
        )
        done = subprocess.run(
            [*_as_nobody(), sys.executable, "-c", script, str(path)],
            capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": "/tmp"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        name, said = done.stdout.strip().splitlines()
        assert name == "Dana"
        assert "Your change was not saved" in said and "read-only" in said
        assert "readonly database" not in done.stdout + done.stderr
        assert _fingerprint(folder) == before
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
