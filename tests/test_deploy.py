"""The workshop server (deploy/): participants as system accounts, each with their own
workbook that no other participant can read; the coach gathers them into a cohort.

These tests create (and then delete) system accounts, so they run only as root, as in CI.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import workbook
from workbook import cohort

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
sys.path.insert(0, str(DEPLOY))

import add_participants  # noqa: E402
import gather_cohort  # noqa: E402
import workshop  # noqa: E402

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("useradd") is None,
    reason="creates system accounts: needs root and useradd (CI runs as root)",
)


@pytest.fixture
def accounts(tmp_path):
    """Two participants made from a roster by the coach's script; deleted afterwards."""
    group = "wbt" + secrets.token_hex(3)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Name,Email,Business,Profession\n"
        f"Ana {group},ana@example.org,Ana's Bakes,Baker\n"
        f"Ben {group},,Ben's Bikes,Bike mechanic\n",
        encoding="utf-8",
    )
    made = add_participants.add(roster, group)
    try:
        yield group, made
    finally:
        for _name, user, _password in made:
            subprocess.run(["userdel", "-r", user], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True)


@needs_root
def test_each_participant_has_a_workbook_nobody_else_can_read(accounts, tmp_path):
    group, made = accounts
    (_, ana, password), (_, ben, _) = made
    assert len(password) >= 8
    ana_book, ben_book = workshop.workbook_path(ana), workshop.workbook_path(ben)
    with workbook.open(ana_book) as wb:
        assert (wb.profile().business, wb.profile().profession) == ("Ana's Bakes", "Baker")
    # Each one's own file is theirs: they can read and write it.
    assert _as(ana, "test", "-r", str(ana_book), "-a", "-w", str(ana_book)).returncode == 0
    assert (ana_book.parent / "notebooks" / "00_start_here.ipynb").exists()
    # And not the other's: the folder and the file are closed to them.
    denied = _as(ana, "cat", str(ben_book))
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    assert _as(ben, "ls", str(ana_book.parent)).returncode != 0
    # Running the script again keeps the accounts, passwords and workbooks.
    with workbook.open(ben_book) as wb:
        wb.add_business(name="Chain Reaction", amount=30)
    again = add_participants.add(tmp_path / "roster.csv", group)
    assert [p for _n, _u, p in again] == ["(unchanged)", "(unchanged)"]
    with workbook.open(ben_book) as wb:
        assert list(wb.businesses()["name"]) == ["Chain Reaction"]
    # The coach gathers the cohort for the dashboard.
    copied = gather_cohort.gather(tmp_path / "cohort", group)
    assert copied == sorted([ana, ben])
    assert len(cohort.load(tmp_path / "cohort").participants) == 2


def _python_reachable_by(user: str) -> bool:
    return _as(user, sys.executable, "-c", "import workbook, jupyterhub").returncode == 0


@needs_root
def test_two_participants_log_in_to_the_hub_and_save_their_own_edits(accounts, tmp_path):
    group, made = accounts
    (_, ana, ana_password), (_, ben, ben_password) = made
    if not _python_reachable_by(ana):
        pytest.skip(
            f"participant accounts cannot run this Python ({sys.executable}): it is installed "
            "inside a folder only root can enter. On a workshop machine, install the workbook "
            "system-wide (the README says how); the account isolation itself is tested above."
        )
    if shutil.which("configurable-http-proxy") is None:
        pytest.skip("needs configurable-http-proxy (npm; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "WORKBOOK_HUB_IP": "127.0.0.1", "WORKBOOK_HUB_PORT": str(port),
           "WORKBOOK_HUB_GROUP": group, "WORKBOOK_COACH": "nobody-here"}  # fmt: skip
    hub = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "jupyterhub_config.py")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for user, password, typed in ((ana, ana_password, "Ana typed this"),
                                          (ben, ben_password, "Ben typed this")):  # fmt: skip
                page = browser.new_context().new_page()
                page.goto(f"http://127.0.0.1:{port}/hub/login")
                page.fill("#username_input", user)
                page.fill("#password_input", password)
                page.click("#login_submit")
                field = page.get_by_placeholder("Whitfield Homes")
                field.wait_for(timeout=120_000)  # their own server, in the app
                field.fill(typed)
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    with workbook.open(workshop.workbook_path(user)) as wb:
                        if wb.profile().business == typed:
                            break
                    time.sleep(0.5)
            browser.close()
        with workbook.open(workshop.workbook_path(ana)) as wb:
            assert wb.profile().business == "Ana typed this"
        with workbook.open(workshop.workbook_path(ben)) as wb:
            assert wb.profile().business == "Ben typed this"
    finally:
        os.killpg(hub.pid, 15)
        hub.wait(timeout=30)
        subprocess.run(["pkill", "-u", ana], capture_output=True)
        subprocess.run(["pkill", "-u", ben], capture_output=True)
