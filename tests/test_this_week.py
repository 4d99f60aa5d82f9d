"""This week: the participant's week worked out from the workbook (hand-worked weeks, time
zones, a week across a change of the clocks, weeks starting on Monday or Sunday), and the
weekly check-in kept as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import workbook
from workbook import this_week


def _stamp(wb, table: str, row_id: int, when: str) -> None:
    """Give a row the time it was made (as SQLite saves it: UTC), as if made then."""
    con = sqlite3.connect(wb.path)
    con.execute(f"UPDATE {table} SET created_at = ? WHERE id = ?", (when, row_id))
    con.commit()
    con.close()
    wb.store.changed(table)


@pytest.fixture
def joan(tmp_path):
    with workbook.open(tmp_path / "joan.sqlite") as wb:
        wb.set_profile(name="Joan Baker", time_zone="America/New_York")
        yield wb


def test_a_hand_worked_week(joan):
    sarah = joan.add_contact(name="Sarah Lee", depth="connection")
    tom = joan.add_contact(name="Tom Reed")
    joan.log_interaction(sarah, on="2026-11-17", at="09:00", kind="one_to_one")  # Tuesday
    joan.log_interaction(sarah, on="2026-11-19", kind="email")
    joan.log_interaction(tom, on="2026-11-22", kind="event")  # Sunday: still the week
    joan.log_interaction(tom, on="2026-11-23", kind="event")  # Monday: the next week
    joan.add_referral(sarah, "received", "2026-11-18", "A client", 1200)
    joan.add_referral(tom, "given", "2026-11-20", "A friend moving house", None)
    shop = joan.add_business(name="Corner Cafe", amount=4)
    ask = joan.add_ask(shop, "display_cards")
    joan.set_ask_status(ask, "asked", on=dt.date(2026, 11, 18))
    joan.set_ask_status(ask, "agreed", on=dt.date(2026, 11, 21))
    week = joan.week("2026-11-19")
    assert (week["start"], week["end"]) == ("2026-11-16", "2026-11-22")
    assert week["meetings"] == 2 and week["people_in_touch"] == 2
    assert (week["referrals_received"], week["referral_value"], week["referrals_given"]) == (
        1,
        1200.0,
        1,
    )
    assert (week["asks_made"], week["asks_agreed"], week["asks_declined"]) == (1, 1, 0)
    assert joan.week("2026-11-23")["meetings"] == 1


def test_a_week_starting_on_sunday(joan):
    tom = joan.add_contact(name="Tom Reed")
    joan.log_interaction(tom, on="2026-11-22", kind="event")  # a Sunday
    joan.set_profile(week_starts="sunday")
    week = joan.week("2026-11-22")
    assert (week["start"], week["end"]) == ("2026-11-22", "2026-11-28") and week["meetings"] == 1
    assert joan.week("2026-11-21")["meetings"] == 0  # the Saturday before: the week before
    with pytest.raises(workbook.InputError, match="Monday or Sunday"):
        joan.set_profile(week_starts="friday")


def test_rows_saved_in_utc_belong_to_the_participants_own_day_across_a_change_of_clocks(joan):
    # New York's clocks go back on Sunday 1 November 2026. 04:30 UTC on Monday 2 November is
    # 23:30 on Sunday 1 November there: the week of 26 October (weeks start on Monday).
    late_sunday = joan.add_contact(name="Late Sunday")
    _stamp(joan, "contacts", late_sunday, "2026-11-02T04:30:00+00:00")
    monday = joan.add_contact(name="Monday Morning")
    _stamp(joan, "contacts", monday, "2026-11-02T05:30:00+00:00")  # 00:30 on Monday
    assert joan.week("2026-10-28")["new_contacts"] == 1
    assert joan.week("2026-11-03")["new_contacts"] == 1
    joan.set_profile(time_zone="Europe/London")  # there, both were on Monday
    assert joan.week("2026-10-28")["new_contacts"] == 0
    assert joan.week("2026-11-03")["new_contacts"] == 2


def test_follow_ups_on_time_and_late_and_promises_kept_and_slipped(joan):
    sarah = joan.add_contact(name="Sarah Lee")
    on_time = joan.log_interaction(sarah, on="2026-11-16", at="10:00", kind="one_to_one")
    late = joan.log_interaction(sarah, on="2026-11-10", at="10:00", kind="one_to_one")
    con = sqlite3.connect(joan.path)  # ticked on Tuesday 17 (on time) and Wednesday 18 (late)
    con.execute(
        "UPDATE follow_ups SET done_on = '2026-11-17T09:00' WHERE interaction_id = ?", (on_time,)
    )
    con.execute(
        "UPDATE follow_ups SET done_on = '2026-11-18T09:00' WHERE interaction_id = ?", (late,)
    )
    con.commit()
    kept = joan.add_promise(sarah, what="Send the flyer", due="2026-11-19")
    joan.add_promise(sarah, what="Call her accountant", due="2026-11-20")
    con.execute("UPDATE promises SET done_on = '2026-11-19' WHERE id = ?", (kept,))
    con.commit()
    con.close()
    for table in ("follow_ups", "promises"):
        joan.store.changed(table)
    week = joan.week("2026-11-18")
    assert (week["follow_ups_on_time"], week["follow_ups_late"]) == (1, 1)
    assert (week["promises_kept"], week["promises_broken"]) == (1, 1)


def test_a_check_in_keeps_the_week_as_it_was(joan):
    sarah = joan.add_contact(name="Sarah Lee")
    joan.log_interaction(sarah, on="2026-11-17", kind="one_to_one")
    first = joan.save_check_in("2026-11-17", ["Ask the Corner Cafe", "Thank Sarah"], "A good week")
    joan.log_interaction(sarah, on="2026-11-18", kind="one_to_one")  # logged after the check-in
    (saved,) = joan.check_ins().to_dict("records")
    assert saved["summary"]["meetings"] == 1 and joan.week("2026-11-17")["meetings"] == 2
    assert saved["commitments"] == ["Ask the Corner Cafe", "Thank Sarah"]
    assert saved["week_start"] == "2026-11-16" and saved["note"] == "A good week"
    again = joan.save_check_in("2026-11-19", ["Ask the Corner Cafe"], "Edited")  # the same week
    assert again == first and len(joan.check_ins()) == 1
    assert joan.check_ins()["note"].iloc[0] == "Edited"
    with pytest.raises(workbook.InputError, match="Up to 3 commitments"):
        joan.save_check_in("2026-11-19", ["a", "b", "c", "d"])
    removal = joan.delete_check_in(first)
    assert joan.check_ins().empty
    joan.undo(removal)
    assert joan.check_ins()["note"].iloc[0] == "Edited"


def test_the_week_of_an_empty_workbook_is_all_zeros_and_every_metric_has_words(tmp_path):
    with workbook.open(tmp_path / "new.sqlite") as wb:
        week = wb.week()
    assert set(this_week.METRICS) <= set(week)
    assert all(week[key] == 0 for key in this_week.METRICS)
    start = dt.date.fromisoformat(week["start"])
    assert start.weekday() == 0 and (dt.date.fromisoformat(week["end"]) - start).days == 6


def test_the_check_in_page_suggests_from_the_plan_and_saves(demo_workbook):
    from workbook.widgets import CheckIn

    page = CheckIn(demo_workbook)
    assert "This week" in page.numbers.value
    assert "Thank Grace Kim within 48 hours" in page.suggested.options
    page.suggested.value = "Thank Grace Kim within 48 hours"
    page.use.click()
    assert page.commitments[0].value == "Thank Grace Kim within 48 hours"
    page.commitments[1].value = "Call Tom"
    page.note.value = "Two good meetings"
    page.save.click()
    assert "Check-in saved" in page.status.value
    (saved,) = demo_workbook.check_ins().to_dict("records")
    assert saved["commitments"] == ["Thank Grace Kim within 48 hours", "Call Tom"]
    assert "Your check-ins (1 week)</b>" in page.history.value
    for box in page.commitments:
        box.value = "step"
    page.suggested.value = page.suggested.options[0]
    page.use.click()
    assert "three already" in page.status.value


def test_the_action_plan_says_this_week_i_will(demo_workbook, tmp_path):
    import subprocess

    from workbook import report

    demo_workbook.save_check_in(None, ["Ask the bakery about my flyer", "Call Tom"], "")
    assert report.gather(demo_workbook)["this_week"] == [
        "Ask the bakery about my flyer",
        "Call Tom",
    ]
    pdf, _note = report.to_pdf(demo_workbook, with_charts=False)
    (tmp_path / "plan.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "This week I will" in text and "Ask the bakery about my flyer" in text
    assert "This week I will" in report.to_html(demo_workbook)


def test_the_weeks_numbers_read_as_words():
    from workbook.widgets.this_week import _said

    assert _said({"promises_kept": 1, "meetings": 2, "referral_value": 1200.0}, "GBP") == [
        "2 meetings held", "1 promise kept", "£1,200 in referrals received",
    ]  # fmt: skip


def test_last_weeks_commitments_are_ticked_from_the_workbook_where_it_can_tell(demo_workbook):
    from workbook.widgets import CheckIn

    wb = demo_workbook
    today = wb.today()
    last_week = today - dt.timedelta(days=7)
    since = this_week.week_start(last_week)
    grace = "Thank Grace Kim within 48 hours"
    tom = "Get in touch with Tom Reyes"
    own = "Bake a cake for the chapter"
    assert this_week.kept(wb, grace, since) is False  # not done yet
    assert this_week.kept(wb, tom, since) is False
    assert this_week.kept(wb, own, since) is None  # the workbook cannot tell
    wb.save_check_in(last_week, [grace, tom, own])
    tom_id = int(wb.contacts().set_index("name").loc["Tom Reyes", "id"])
    wb.log_interaction(tom_id, kind="call")
    assert this_week.kept(wb, tom, since) is True
    page = CheckIn(wb)
    assert f"✓ {tom}" in page.last.value and f"not yet: {grace}" in page.last.value
    assert f"<li>{own}</li>" in page.last.value


def test_targets_hold_from_the_week_after_the_check_in_that_set_them(joan):
    today = joan.today()
    two_ago, last = today - dt.timedelta(days=14), today - dt.timedelta(days=7)
    joan.save_check_in(two_ago, ["Ask the Corner Cafe"], targets={"asks_made": 2, "meetings": "3"})
    assert joan.targets(two_ago) == {}  # set at that check-in: for the weeks after it
    assert joan.targets(last) == joan.targets() == {"asks_made": 2, "meetings": 3}
    joan.save_check_in(last, [], targets={"asks_made": 1, "meetings": ""})  # changed, one dropped
    assert joan.targets() == {"asks_made": 1}
    assert joan.targets(last) == {"asks_made": 2, "meetings": 3}
    for bad, said in (({"asks_made": "two"}, "should be a number"),
                      ({"asks_made": 99}, "from 0 to 50"), ({"hugs": 1}, "no weekly target")):  # fmt: skip
        with pytest.raises(workbook.InputError, match=said):
            joan.save_check_in(last, [], targets=bad)
    sarah = joan.add_contact(name="Sarah Lee")
    joan.log_interaction(sarah, on=this_week.week_start(last) + dt.timedelta(days=1),
                         kind="one_to_one")  # fmt: skip
    progress = joan.progress().set_index(["week_start", "metric"])
    week = this_week.week_start(last).isoformat()
    assert progress.loc[(week, "meetings"), ["done", "target", "met"]].tolist() == [1, 3, False]
    assert progress.loc[(week, "asks_made"), "target"] == 2
    now = this_week.week_start(today).isoformat()
    assert progress.loc[(now, "asks_made"), "target"] == 1
    assert progress.loc[(now, "meetings"), "target"] == 0


def test_progress_charts_say_done_of_planned_plainly(joan):
    from workbook.plots_this_week import metrics_to_chart, weekly_progress

    today = joan.today()
    joan.save_check_in(today - dt.timedelta(days=14), [], targets={"meetings": 2})
    sarah = joan.add_contact(name="Sarah Lee")
    for day in (today, today - dt.timedelta(days=7), today - dt.timedelta(days=8)):
        joan.log_interaction(sarah, on=day, kind="one_to_one")
    progress = joan.progress()
    assert metrics_to_chart(progress) == ["meetings"]
    this = int(progress[(progress["metric"] == "meetings")]["done"].iloc[-1])
    figure = weekly_progress(progress, "meetings")
    title = figure.layout.title.text
    assert f"Meetings held: {this} of 2 planned this week" in title
    assert "weeks met what you planned" in title
    colours = str(figure.to_plotly_json()).lower()
    assert "red" not in colours and "#b42318" not in colours and "#d62728" not in colours


def test_commitments_only_the_participant_can_tell_are_ticked_by_hand(demo_workbook):
    from workbook.widgets import CheckIn

    wb = demo_workbook
    own = "Bake a cake for the chapter"
    wb.save_check_in(wb.today() - dt.timedelta(days=7), [own, "Get in touch with Tom Reyes"])
    page = CheckIn(wb)
    (box,) = page.ticks.children  # the one the workbook cannot tell
    assert box.description == f"I did: {own}" and box.value is False
    box.value = True
    assert wb.check_ins()["ticked"].iloc[0] == [own]
    assert f"<li>✓ {own}</li>" in page.last.value and "Ticked" in page.tick_status.value
    (box,) = page.ticks.children
    box.value = False
    assert wb.check_ins()["ticked"].iloc[0] == []


def test_a_past_week_is_changed_keeping_its_numbers_and_removed_asking_first(demo_workbook):
    from workbook.widgets import CheckIn

    wb = demo_workbook
    last = this_week.week_start(wb.today() - dt.timedelta(days=7)).isoformat()
    wb.save_check_in(last, ["Call Ruth"], "First go", targets={"meetings": 2})
    kept = wb.check_ins()["summary"].iloc[0]
    page = CheckIn(wb)
    assert page.week.value == wb.week()["start"]  # this week first
    page.week.value = last
    assert page.commitments[0].value == "Call Ruth" and page.note.value == "First go"
    assert page.targets["meetings"].value == 2
    page.note.value = "First go, written up later"
    page.targets["asks_made"].value = 1
    tom = int(wb.contacts().set_index("name").loc["Tom Reyes", "id"])
    wb.log_interaction(tom, on=last, kind="one_to_one")  # logged late, for that week
    page.save_check_in()
    assert "saved" in page.status.value
    saved = wb.check_ins().iloc[0]
    assert saved["note"] == "First go, written up later" and saved["summary"] == kept
    assert saved["targets"] == {"meetings": 2, "asks_made": 1}
    assert len(wb.check_ins()) == 1
    # Removing asks first, then can be undone.
    remove = page.remove
    remove.choice.value = int(saved["id"])
    remove.ask()
    assert remove.question is not None and wb.check_ins()["note"].tolist() == [saved["note"]]
    remove.yes.click()
    assert wb.check_ins().empty
    remove.undo_line.button.click()
    assert wb.check_ins()["note"].tolist() == ["First go, written up later"]


def test_the_plan_says_what_changed_since_the_last_check_in_and_the_coachs_notes(
    demo_workbook, tmp_path
):
    import shutil

    from workbook.report.plan import gather

    wb = demo_workbook
    assert gather(wb)["since"]["changes"] == []  # no check-in before: no section
    wb.save_check_in(wb.today() - dt.timedelta(days=7), ["Ask the vet"])
    planned = wb.asks()
    ask = int(planned[planned["status"] == "planned"]["id"].iloc[0])
    wb.set_ask_status(ask, "agreed")
    grace = int(wb.contacts().set_index("name").loc["Grace Kim", "id"])
    wb.add_referral(grace, "given", wb.today().isoformat(), "A neighbour selling up")
    shutil.copy(wb.path, tmp_path / "coach.sqlite")
    with workbook.open(tmp_path / "coach.sqlite") as coach:
        coach.add_coach_note("One ask a week is plenty.")
    wb.merge_notes(tmp_path / "coach.sqlite")
    plan = gather(wb)
    assert plan["since"]["title"].startswith("Since your last plan (your check-in of the week of")
    changes = " | ".join(plan["since"]["changes"])
    assert "Haywood Road Veterinary agreed" in changes
    assert "Referral given to Grace Kim: A neighbour selling up" in changes
    assert plan["coach_notes"] == [
        {"about_now": "Your action plan as a whole", "text": "One ask a week is plenty."}
    ]
    from workbook.report.html import plan_body

    body = plan_body(plan)
    assert "<h2>From your coach</h2>" in body and "One ask a week is plenty." in body
