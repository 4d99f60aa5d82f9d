"""Exercise 6: follow-ups, cadences, the reconnect list, promises, the calendar file."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import workbook
from workbook import follow_up, plots, report
from workbook.report import to_ics
from workbook.widgets import (
    CadenceSettings,
    CalendarDownload,
    FollowUpDashboard,
    FollowUpTimeline,
    InteractionLog,
    PromiseLedger,
    ReconnectList,
)


@pytest.fixture
def dana(tmp_workbook):
    tmp_workbook.set_profile(name="Dana Whitfield", time_zone="America/New_York")
    return tmp_workbook


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


# -- the 48-hour follow-up -------------------------------------------------------------


def test_a_meeting_gets_a_follow_up_due_48_hours_later(dana):
    today = dana.today()
    grace = dana.add_contact(name="Grace Kim", depth="connection")
    dana.log_interaction(grace, on=today - days(1), at="18:30", kind="one_to_one", notes="dinner")
    dana.log_interaction(grace, on=today - days(1), kind="email")  # not a meeting: no follow-up
    found = dana.follow_ups()
    assert len(found) == 1
    assert found.iloc[0]["due"] == dt.datetime.combine(today + days(1), dt.time(18, 30))
    # The email logged after the dinner already counts as the follow-up.
    assert bool(found.iloc[0]["done"]) and found.iloc[0]["done_how"] == "in touch since"


def test_a_follow_up_is_done_when_ticked(dana):
    ruth = dana.add_contact(name="Ruth Ellison")
    dana.log_interaction(ruth, on=dana.today(), kind="event")
    follow = dana.follow_ups().iloc[0]
    assert not follow["done"]
    dana.tick_follow_up(int(follow["id"]))
    assert dana.follow_ups().iloc[0]["done_how"] == "ticked"


def test_ticking_one_follow_up_leaves_the_others_to_do(dana):
    """Once one follow-up is ticked, the stored dates are a text column with gaps, which
    pandas reads as NaN: a gap must not count as ticked."""
    today = dana.today()
    people = [dana.add_contact(name=n) for n in ("Ruth Ellison", "Grace Kim", "Tom Reyes")]
    for person in people:
        dana.log_interaction(person, on=today, at="09:00", kind="one_to_one")
    ruth = dana.follow_ups().set_index("contact_id").loc[people[0], "id"]
    dana.tick_follow_up(int(ruth))
    found = dana.follow_ups().set_index("contact_id")
    assert list(found.loc[people, "done_how"]) == ["ticked", "", ""]
    board = dana.follow_up_dashboard()
    assert sorted(board.loc[board["kind"] == "follow_up", "text"].str.split().str[1]) == [
        "Grace",
        "Tom",
    ]
    assert [f["what"].split()[1] for f in report.gather(dana)["follow_ups"]] == ["Grace", "Tom"]
    events = list(Calendar.from_ical(to_ics(dana)).walk("VEVENT"))
    assert sorted(str(e["status"]) for e in events) == ["CANCELLED", "CONFIRMED", "CONFIRMED"]


def test_48_hours_do_not_shift_across_daylight_saving():
    # Clocks go forward in New York on 8 March 2026: the follow-up is still at 6 pm.
    due = follow_up.follow_up_due(dt.date(2026, 3, 6), "18:00")
    assert due == dt.datetime(2026, 3, 8, 18, 0)
    zone = zoneinfo.ZoneInfo("America/New_York")
    assert due.replace(tzinfo=zone).utcoffset() == dt.timedelta(hours=-4)  # EDT by then
    assert follow_up.follow_up_due(dt.date(2026, 10, 31), "") == dt.datetime(2026, 11, 2, 18, 0)


def test_logging_checks_what_it_is_given(dana):
    with pytest.raises(workbook.InputError, match="future"):
        dana.log_interaction(name="X", on=dana.today() + days(5))
    with pytest.raises(workbook.InputError, match="Time must be"):
        dana.log_interaction(name="X", at="half past six")
    with pytest.raises(workbook.InputError, match="Kind must be"):
        dana.log_interaction(name="X", kind="telepathy")
    with pytest.raises(workbook.InputError, match="Pick someone"):
        dana.log_interaction(name="  ")
    assert dana.interactions().empty
    dana.log_interaction(name="Brand New Person", kind="Call")
    assert "Brand New Person" in set(dana.contacts()["name"])


# -- cadences --------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=0, max_value=120),
)
def test_the_next_due_date_is_always_the_last_interaction_plus_the_interval(ago, ideal, extra):
    """For any sequence of interactions, logged in any order."""
    today = dt.date(2026, 11, 24)
    contacts = pd.DataFrame({"id": [1], "name": ["A"], "depth": ["connection"], "company": [""]})
    interactions = pd.DataFrame(
        {
            "id": range(1, len(ago) + 1),
            "contact_id": 1,
            "on_date": [(today - days(a)).isoformat() for a in ago],
        }
    )
    cadences = pd.DataFrame(
        {"contact_id": [None], "depth": ["connection"], "ideal_days": [ideal],
         "max_days": [ideal + extra]}
    )  # fmt: skip
    row = follow_up.cadence_table(contacts, interactions, cadences, today).iloc[0]
    last = today - days(min(ago))
    assert row["last"] == last
    assert row["next_due"] == last + days(ideal)
    assert row["latest"] == last + days(ideal + extra)
    expected = (
        "on_track" if today < last + days(ideal)
        else "due_soon" if today <= last + days(ideal + extra) else "overdue"
    )  # fmt: skip
    assert row["status"] == expected


def test_logging_contact_restarts_the_cadence_and_a_persons_own_rhythm_wins(dana):
    today = dana.today()
    carla = dana.add_contact(name="Carla Nuñez", depth="referral_partner")
    dana.log_interaction(carla, on=today - days(40), kind="call")
    status = dana.cadence_status().iloc[0]
    assert (status["next_due"], status["status"]) == (today - days(19), "overdue")  # 21/30 days
    dana.log_interaction(carla, on=today - days(2), kind="email")
    assert dana.cadence_status().iloc[0]["next_due"] == today + days(19)
    dana.set_person_cadence(carla, 7, 10)
    status = dana.cadence_status().iloc[0]
    assert (status["next_due"], status["status"]) == (today + days(5), "on_track")
    dana.set_tier_cadence("referral_partner", 1, 1)  # her own rhythm still wins
    assert dana.cadence_status().iloc[0]["ideal_days"] == 7
    dana.clear_person_cadence(carla)
    assert dana.cadence_status().iloc[0]["status"] == "overdue"
    with pytest.raises(workbook.InputError, match="maximum"):
        dana.set_tier_cadence("connection", 30, 10)


# -- reconnect and promises ------------------------------------------------------------


def test_reconnect_ranks_by_what_the_relationship_is_worth(dana):
    today = dana.today()
    partner = dana.add_contact(name="Old Partner", depth="referral_partner")
    dana.add_contact(name="Stranger", depth="contact")
    helper = dana.add_contact(name="Goal Helper", depth="contact")
    recent = dana.add_contact(name="Recent Friend", depth="connection")
    dana.log_interaction(partner, on=today - days(300), kind="call")
    dana.log_interaction(recent, on=today - days(10), kind="call")
    dana.add_referral(partner, direction="received", on_date="2026-01-05", what="x", value=100)
    goal = dana.add_goal("Ten listings", "2027-06-30")
    dana.add_goal_person(goal, contact_id=helper, why="knows retirees")
    dana.set_gains(helper, interests="fly fishing, jazz")
    table = dana.reconnect_list()
    assert list(table["name"]) == ["Old Partner", "Goal Helper", "Stranger"]  # not the recent one
    assert table.iloc[0]["days"] == 300
    assert "1 referral exchanged" in table.iloc[0]["why"]
    assert "Call them" in table.iloc[0]["touch"]
    assert "Mention fly fishing." in table.iloc[1]["touch"]
    assert list(dana.reconnect_list(threshold_days=400)["name"]) == ["Goal Helper", "Stranger"]


def test_promises_both_ways_and_overdue_ones_first(dana):
    today = dana.today()
    grace = dana.add_contact(name="Grace Kim")
    late = dana.add_promise(
        grace, direction="mine", kind="offer", what="Intro to Ruth", due=today - days(2)
    )
    dana.add_promise(
        grace, direction="theirs", kind="offer", what="Flyer at her desk", due=today + days(3)
    )
    table = dana.promises()
    assert list(table["what"]) == ["Intro to Ruth", "Flyer at her desk"]
    assert list(table["overdue"]) == [True, False]
    board = dana.follow_up_dashboard()
    assert board.iloc[0]["bucket"] == "overdue" and "Intro to Ruth" in board.iloc[0]["text"]
    dana.tick("promise", late)
    assert not dana.promises().set_index("id").loc[late, "open"]
    with pytest.raises(workbook.InputError, match="what was promised"):
        dana.add_promise(grace, what="  ")


def test_a_promise_without_a_date_beside_dated_and_done_ones(dana):
    """A promise may have no due date. Beside dated ones its date is a gap (NaN to pandas):
    the dashboard, the timeline, the plan, the calendar and the ledger must all cope."""
    today = dana.today()
    grace = dana.add_contact(name="Grace Kim")
    dana.add_promise(grace, what="Someday: a coffee")
    dated = dana.add_promise(grace, what="Send the flyer", due=today + days(2))
    done = dana.add_promise(grace, what="Intro to Ruth", due=today - days(1))
    dana.tick("promise", done)
    table = dana.promises().set_index("what")
    assert table.loc["Someday: a coffee", "due_on"] is None
    assert list(table["open"]) == [True, True, False]
    board = dana.follow_up_dashboard()
    assert list(board["ref"]) == [dated]  # the undated one has no day; the done one is done
    assert list(dana.upcoming()["what"]) == ["promise: Send the flyer"]
    plan = report.gather(dana)
    assert [f["what"] for f in plan["follow_ups"]] == ["Send the flyer (you promised Grace Kim)"]
    assert plan["overdue_promises"] == []
    events = {str(e["summary"]): str(e["status"]) for e in
              Calendar.from_ical(to_ics(dana)).walk("VEVENT")}  # fmt: skip
    assert events == {
        "Promised Grace Kim: Send the flyer": "CONFIRMED",
        "Promised Grace Kim: Intro to Ruth": "CANCELLED",
    }
    ledger = PromiseLedger(dana)
    texts = [b.description for b in ledger.promise_lines.children]
    assert any(t.endswith("Someday: a coffee") for t in texts), texts
    assert not any("nan" in t for t in texts), texts


def test_the_dashboard_has_one_line_per_action_and_ticking_a_cadence_logs_contact(dana):
    today = dana.today()
    tom = dana.add_contact(name="Tom Reyes", depth="contact")
    dana.log_interaction(tom, on=today - days(400), kind="email")
    board = dana.follow_up_dashboard()
    assert list(board["kind"]) == ["cadence"]
    assert board.iloc[0]["bucket"] == "overdue"
    dana.tick("cadence", tom)
    assert dana.follow_up_dashboard().empty
    assert dana.interactions().iloc[0]["notes"] == "Kept in touch"


# -- calendar --------------------------------------------------------------------------

AWKWARD = 'Zoë "Z" Łukasz, Jr.; 王芳'


def test_calendar_file_parses_back_with_awkward_names_and_stable_uids(dana):
    person = dana.add_contact(name=AWKWARD)
    dana.log_interaction(person, on=dana.today(), at="18:00", kind="one_to_one",
                         notes="Line one, with a comma;\nline two: 你好")  # fmt: skip
    dana.add_promise(person, direction="mine", kind="offer", what="Intro, soon; promised",
                     due=dana.today() + days(3))  # fmt: skip
    first = Calendar.from_ical(to_ics(dana))
    events = list(first.walk("VEVENT"))
    assert len(events) == 2
    thank, promise = events
    assert str(thank["summary"]) == f"Thank {AWKWARD} for the one-to-one meeting"
    assert "Line one, with a comma;\nline two: 你好" in str(thank["description"])
    start = thank["dtstart"].dt
    assert str(start.tzinfo) == "America/New_York"
    assert start + dt.timedelta(minutes=15) == dt.datetime.combine(
        dana.today() + days(2), dt.time(18, 0), tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    assert str(promise["summary"]) == f"Promised {AWKWARD}: Intro, soon; promised"
    assert promise["dtstart"].dt == dana.today() + days(3)
    assert list(first.walk("VTIMEZONE"))
    # Export again after ticking: the same UIDs, the done one cancelled.
    dana.tick_follow_up(int(dana.follow_ups().iloc[0]["id"]))
    again = list(Calendar.from_ical(to_ics(dana)).walk("VEVENT"))
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]
    assert str(again[0]["status"]) == "CANCELLED" and int(again[0]["sequence"]) == 1


def test_export_ics_command(dana, tmp_path):
    from workbook.cli import main

    dana.log_interaction(name="Grace Kim", kind="event")
    path = dana.path
    dana.close()
    out = tmp_path / "f.ics"
    assert main(["export", "ics", "--workbook", str(path), "-o", str(out)]) == 0
    assert len(list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))) == 1


# -- plot and widgets ------------------------------------------------------------------


def test_timeline_figure_has_past_and_upcoming_points(demo_workbook):
    fig = plots.follow_up_timeline(
        demo_workbook.interactions(), demo_workbook.upcoming(), demo_workbook.today()
    )
    names = {t.name for t in fig.data}
    assert {"One-to-one meeting", "Event", "Coming up"} <= names
    coming = next(t for t in fig.data if t.name == "Coming up")
    assert "Grace Kim" in coming.y
    assert any("promise: Introduce Grace" in what for _day, what in coming.customdata)
    empty = plots.follow_up_timeline(
        pd.DataFrame(columns=["on_date", "name", "kind", "notes"]),
        pd.DataFrame(columns=["day", "name", "what"]),
        dt.date(2026, 1, 1),
    )
    assert "Log your first meeting" in empty.layout.annotations[0].text


def test_hover_text_is_escaped():
    interactions = pd.DataFrame(
        {"on_date": ["2026-01-02"], "name": ["<b>Eve</b>"], "kind": ["call"], "notes": ["<script>"]}
    )
    fig = plots.follow_up_timeline(
        interactions, pd.DataFrame(columns=["day", "name", "what"]), dt.date(2026, 1, 3)
    )
    assert fig.data[0].y[0] == "&lt;b&gt;Eve&lt;/b&gt;"
    assert fig.data[0].customdata[0][1] == "&lt;script&gt;"


def test_widgets_log_tick_and_download(dana):
    log = InteractionLog(dana)
    board = FollowUpDashboard(dana)
    log.person.value = "Grace Kim"
    log.time.value = "18:30"
    log.kind.value = "one_to_one"
    log.notes.value = "Dinner"
    log.button.click()
    assert log.status.kind == "saved" and "48 hours" in log.status.value
    assert "Grace Kim" in log.person.options
    lines = [c for c in board.lines.children if hasattr(c, "description") and c.description]
    assert any("Thank Grace Kim" in c.description for c in lines)
    thank = next(c for c in lines if "Thank Grace Kim" in c.description)
    thank.value = True
    assert bool(dana.follow_ups().iloc[0]["done"])
    log.time.value = "teatime"
    log.button.click()
    assert log.status.kind == "error" and len(dana.interactions()) == 1

    ledger = PromiseLedger(dana)
    ledger.person.value = "Grace Kim"
    ledger.what.value = "Send the checklist"
    ledger.due.value = "in a fortnight"
    ledger.button.click()
    assert ledger.status.kind == "error" and dana.promises().empty  # said, nothing saved
    tomorrow = dana.today() + days(1)
    ledger.due.value = f"{tomorrow.day} {tomorrow:%B %Y}"
    ledger.button.click()
    assert ledger.status.kind == "saved"
    assert "Send the checklist" in ledger.promise_lines.children[0].description
    ledger.promise_lines.children[0].value = True
    assert not dana.promises().iloc[0]["open"]

    cadence = CadenceSettings(dana)
    assert cadence.tiers["referral_partner"][0].value == 21
    cadence.tiers["connection"][0].value = 30
    cadence.tiers["connection"][1].value = 45
    cadence.save_tiers.click()
    saved = dana.cadences().set_index("depth").loc["connection"]
    assert (saved["ideal_days"], saved["max_days"]) == (30, 45)
    cadence.tiers["connection"][1].value = 10
    cadence.save_tiers.click()
    assert cadence.status.kind == "error"

    reconnect = ReconnectList(dana)
    assert "You have been in touch with everyone recently" in reconnect.view.value
    chart = FollowUpTimeline(dana)
    assert chart.figures and "Grace Kim" in str(chart.figures[0].data[0].y)
    download = CalendarDownload(dana)
    download.button.click()
    assert download.ics.startswith(b"BEGIN:VCALENDAR")
    assert "data:text/calendar;base64," in download.link.value


@pytest.mark.parametrize(
    "name",
    ["Ann\r\nATTENDEE:mailto:evil@example.org", "Bob\rATTENDEE:mailto:evil@example.org",
     "Cy\nATTENDEE:mailto:evil@example.org", "Di; \\, comma, semicolon"],
)  # fmt: skip
def test_a_name_with_line_breaks_stays_text_in_the_calendar_file(dana, tmp_path, name):
    from workbook.cli import main

    dana.log_interaction(name=name, kind="event", notes=f"Met {name}")
    path = dana.path
    dana.close()
    out = tmp_path / "f.ics"
    assert main(["export", "ics", "--workbook", str(path), "-o", str(out)]) == 0
    raw = out.read_bytes()
    lines = raw.split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)  # no bare breaks
    assert not any(line.startswith(b"ATTENDEE") for line in lines)
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert "ATTENDEE" not in event
    assert name.split("\r")[0].split("\n")[0] in str(event["summary"])
