"""Exercise 8 in the app, in a real browser: the weekly check-in (a step ticked by hand, a
commitment, a target), on a laptop and by touch on a phone; and a coach's note, merged into
the participant's workbook from the coach's copy, appearing beside the line it is about."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from test_app import LAPTOP, PHONE, _fits_the_phone, _on_screen, _open, _shown

import workbook
from conftest import chromium_page, db_rows, needs_chromium, running_app, wait_for

pytestmark = needs_chromium

OWN = "Bake a cake for the chapter"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("programme-app")
    with workbook.demo(folder) as wb:
        path = wb.path
        wb.save_check_in(wb.today() - dt.timedelta(days=7), [OWN], "A start")
    with running_app(folder, path) as server:
        yield server


def _check_in_now(path) -> dict:
    rows = db_rows(path, "SELECT week_start, commitments, targets FROM check_ins "
                   "ORDER BY week_start DESC LIMIT 1")  # fmt: skip
    week, said, targets = rows[0]
    return {"week": week, "commitments": json.loads(said), "targets": json.loads(targets)}


def test_the_weekly_check_in_on_a_laptop(app, request):
    with chromium_page(request, "programme-", **LAPTOP) as page:
        _open(page, app, 8)
        page.get_by_text("Last time you said you would").wait_for(timeout=60_000)
        page.get_by_label(f"I did: {OWN}").check()
        assert wait_for(lambda: OWN in db_rows(app.workbook, "SELECT ticked FROM check_ins")[0][0])
        page.get_by_placeholder("a small step you will really take").first.fill("Call Ruth Monday")
        meetings = page.get_by_label("Meetings held")
        meetings.fill("3")
        meetings.press("Tab")
        page.get_by_role("button", name="Save my check-in").click()
        page.get_by_text("Check-in saved").wait_for(timeout=30_000)
        assert wait_for(
            lambda: (
                _check_in_now(app.workbook)["commitments"] == ["Call Ruth Monday"]
                and _check_in_now(app.workbook)["targets"] == {"meetings": 3}
            )
        )
        shown = _shown(page)
        assert "Your check-ins (2 weeks)" in shown and "Week by week" in shown


def test_a_coachs_note_appears_beside_its_line(app, request, tmp_path):
    copy = tmp_path / "coach-copy.sqlite"
    shutil.copy(app.workbook, copy)
    with workbook.open(copy) as coach:
        asks = coach.asks()
        ask = int(asks[asks["business"] == "Pisgah Auto Care"]["id"].iloc[0])
        coach.add_coach_note("They said no; spend elsewhere and move on.", "asks", ask)
        coach.add_coach_note("A clear plan. One ask a week is plenty.")
    done = subprocess.run([sys.executable, "-m", "workbook.cli", "merge-notes", str(copy),
                           "--workbook", str(app.workbook)], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0 and "2 new notes from your coach" in done.stdout, done.stderr
    with chromium_page(request, "programme-", **LAPTOP) as page:
        _open(page, app, 1)
        page.get_by_text("They said no; spend elsewhere and move on.").wait_for(timeout=60_000)
        assert "Ask of Pisgah Auto Care" in _shown(page)
        _open(page, app, 8)
        page.get_by_text("A clear plan. One ask a week is plenty.").wait_for(timeout=60_000)


def test_the_weekly_check_in_by_touch_on_a_phone(app, request):
    with chromium_page(request, "programme-phone-", **PHONE) as phone:
        _open(phone, app, 8)
        phone.get_by_text("Last time you said you would").wait_for(timeout=60_000)
        _fits_the_phone(phone)
        field = phone.get_by_placeholder("a small step you will really take").nth(1)
        field.tap()
        field.fill("Thank Grace for the intro")
        save = phone.get_by_role("button", name="Save my check-in")
        save.scroll_into_view_if_needed()
        assert _on_screen(phone, save)
        save.tap()
        saved = phone.get_by_text("Check-in saved").first
        saved.wait_for(timeout=30_000)
        assert _on_screen(phone, saved)
        assert wait_for(
            lambda: "Thank Grace for the intro" in _check_in_now(app.workbook)["commitments"]
        )
        _fits_the_phone(phone)
