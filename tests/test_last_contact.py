"""Last contact from the participant's own files: calendars, mailboxes and LinkedIn messages
read from byte-exact fixtures (tests/fixtures/interactions), then imported into a workbook."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import workbook
from workbook.importers import read_interactions
from workbook.last_contact import Rules

FIXTURES = Path(__file__).parent / "fixtures" / "interactions"
WINDOW = {"tz": "Europe/London", "since": "2025-12-01", "until": "2026-06-30"}
JOAN = "joan@bakerbooks.example"


def read(name: str, **options) -> pd.DataFrame:
    return read_interactions(FIXTURES / name, **(WINDOW | options))


def test_the_columns_are_the_documented_ones():
    found = read("google.ics")
    assert list(found.columns) == [
        "start", "kind", "direction", "email", "name", "url", "title", "attendees", "series",
        "uid", "source",
    ]  # fmt: skip
    assert str(found["start"].dtype) == "datetime64[ns]"


def test_a_google_calendar_series_with_its_exceptions_all_day_declined_and_cancelled():
    found = read("google.ics")
    sarah = found[found["email"] == "sarah@leeflorist.example"]
    # Six weekly coffees from 5 January: 12 January struck out (EXDATE in UTC form), 19
    # January moved to the 20th at 14:30 London time.
    assert [f"{t:%d %b %H:%M}" for t in sarah["start"]] == [
        "05 Jan 09:00", "20 Jan 14:30", "26 Jan 09:00", "02 Feb 09:00", "09 Feb 09:00",
    ]  # fmt: skip
    assert set(sarah["series"]) == {"coffee-sarah@google.com"} and sarah["uid"].is_unique
    assert set(sarah["attendees"]) == {1} and set(sarah["direction"]) == {""}
    fair = found[found["title"] == "Book fair stand with Tom"]
    assert list(fair["start"]) == [pd.Timestamp("2026-02-10")]  # all day: that date
    assert list(fair["name"]) == ["Tom Reed"]  # the organiser is the other person
    titles = set(found["title"])
    assert "Demo of our software" not in titles  # declined by the participant
    assert "Lunch with Priya" not in titles  # cancelled
    assert "Focus time" not in titles and "Far in the future" not in titles
    assert set(found.loc[found["title"] == "Chapter breakfast", "attendees"]) == {41}
    assert JOAN not in set(found["email"])  # the organiser of most events: the participant


def test_outlook_windows_zone_names_and_folded_lines_and_apple_calendar():
    outlook = read("outlook.ics").set_index("email")
    # 10:00 in W. Europe Standard Time is 09:00 in London; GMT Standard Time has no VTIMEZONE.
    assert outlook.loc["hans@mueller-verlag.example", "start"] == pd.Timestamp("2026-03-03 09:00")
    assert outlook.loc["hans@mueller-verlag.example", "name"] == "Hans Müller"
    assert outlook.loc["hans@mueller-verlag.example", "title"] == (
        "Call with Hans about the German edition"
    )
    assert outlook.loc["ruth@gentlemoves.example", "start"] == pd.Timestamp("2026-03-04 09:00")
    apple = read("apple.ics")
    assert set(apple["name"]) == {"Priya Shah", "Tom Reed"} and set(apple["attendees"]) == {2}
    assert set(apple["start"]) == {pd.Timestamp("2026-04-02 18:00")}
    in_new_york = read("apple.ics", tz="America/New_York")
    assert set(in_new_york["start"]) == {pd.Timestamp("2026-04-02 13:00")}


def test_a_takeout_mailbox_with_its_traps():
    found = read("takeout.mbox")
    # Chats, drafts and spam are left out; a body line starting with "From " is body.
    assert len(found.drop_duplicates("uid")) == 4
    sent = found[found["direction"] == "sent"]
    assert set(sent["email"]) == {
        "sarah@leeflorist.example", "jose@garcia.example", "ruth@gentlemoves.example",
        "tom@reedprint.example",
    }  # fmt: skip
    intro = sent[sent["uid"] == "<sent-2@bakerbooks.example>"].set_index("email")
    assert intro.loc["jose@garcia.example", "name"] == "José García"  # =?UTF-8?B?...?=
    assert set(intro["title"]) == {"Introductions – you two should meet"}  # =?UTF-8?Q?...?=
    assert set(intro["attendees"]) == {3}  # To and Cc, the participant left out
    reply = found[found["title"] == "Re: Thank you for the coffee"]
    assert list(reply["direction"]) == ["received"] and reply["uid"].iloc[0]  # no Message-ID
    assert JOAN not in set(found["email"])


def test_thunderbird_apple_mail_and_eml_folders():
    thunderbird = read("thunderbird-Sent", me=[JOAN])
    assert list(thunderbird["start"]) == [pd.Timestamp("2026-02-03 14:10")]  # -0500 in London
    assert list(thunderbird["direction"]) == ["sent"]
    apple = read("Inbox.mbox")  # the .mbox folder Apple Mail exports, with its Info.plist
    assert list(apple["name"]) == ["Ruth Ellison"] and list(apple["direction"]) == ["received"]
    eml = read("eml", me=[JOAN])
    assert list(eml["direction"]) == ["sent", "received"]
    assert set(eml["email"]) == {"priya@shahbooks.example"}


def test_linkedin_messages_with_the_names_that_export_mangles():
    found = read("messages.csv")
    assert set(found["name"]) == {"José García", "Tom Reed", "Sarah Lee"}  # not JosÃ© GarcÃ­a
    sent = found[found["direction"] == "sent"]
    assert set(sent["url"]) == {
        "https://www.linkedin.com/in/josegarcia", "https://www.linkedin.com/in/tomreed",
        "https://www.linkedin.com/in/sarahlee",
    }  # fmt: skip
    assert "Spammy Recruiter" not in set(found["name"])  # the SPAM folder
    assert list(found.loc[found["direction"] == "received", "start"]) == [
        pd.Timestamp("2026-01-21 09:15:40")  # UTC in January is London time
    ]


def test_a_takeout_zip_and_a_folder_read_every_file_inside(tmp_path):
    archive = tmp_path / "takeout-20260301.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FIXTURES / "google.ics", "Takeout/Calendar/joan@bakerbooks.example.ics")
        z.write(FIXTURES / "takeout.mbox", "Takeout/Mail/All mail Including Spam and Trash.mbox")
        z.writestr("Takeout/archive_browser.html", "<html></html>")
    from_zip = read_interactions(archive, **WINDOW)
    separate = pd.concat([read("google.ics"), read("takeout.mbox")])
    assert len(from_zip) == len(separate)
    assert set(from_zip["uid"]) == set(separate["uid"])
    uploaded = read_interactions(io.BytesIO(archive.read_bytes()), **WINDOW)
    assert len(uploaded) == len(from_zip)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"just some text\n", "no calendar, mailbox or messages file"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n", "calendar"),
        (b"PK\x03\x04broken", "damaged"),
    ],
)
def test_bad_input_is_refused_in_words(data, words):
    with pytest.raises(workbook.InputError) as refused:
        read_interactions(data)
    message = str(refused.value)
    assert words in message and "Error" not in message and "Traceback" not in message


def test_a_big_mailbox_is_read_as_a_stream(tmp_path):
    mailbox = tmp_path / "All mail.mbox"
    body = ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 60  # about 100 kB a message
    with mailbox.open("w", encoding="utf-8") as out:
        for n in range(400):  # about 40 MB
            out.write(
                f"From 17860{n}@xxx Mon Jan 05 10:15:00 +0000 2026\nX-Gmail-Labels: Sent\n"
                f"Message-ID: <m{n}@bakerbooks.example>\nDate: Mon, 05 Jan 2026 10:15:00 +0000\n"
                f"From: Joan Baker <{JOAN}>\nTo: Friend {n} <friend{n}@example.org>\n"
                f"Subject: Hello {n}\n\n{body}\n"
            )
    assert mailbox.stat().st_size > 25_000_000
    tracemalloc.start()
    try:
        found = read_interactions(mailbox, **WINDOW)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) == 400 and set(found["direction"]) == {"sent"}
    assert peak < 15_000_000  # a few blocks and the headers, never the file


# -- into the workbook ---------------------------------------------------------------------


@pytest.fixture
def joan(tmp_path):
    with workbook.open(tmp_path / "joan.sqlite") as wb:
        wb.set_profile(name="Joan Baker", email=JOAN, time_zone="Europe/London")
        wb.add_contact(name="Sarah Lee", email="sarah@leeflorist.example", depth="connection")
        wb.add_contact(name="José García", url="https://www.linkedin.com/in/josegarcia/")
        wb.add_contact(name="Ruth Ellison", company="Gentle Moves")  # no email: by name
        yield wb


def _logged(wb) -> pd.DataFrame:
    return wb.interactions().sort_values(["on_date", "name"]).reset_index(drop=True)


def test_an_import_logs_what_counts_for_each_contact_and_lists_the_others(joan):
    result = joan.import_interactions(FIXTURES, since="2025-12-01")
    people = result.people.set_index("name")
    assert people.loc["Sarah Lee", ["meetings", "emails", "messages"]].tolist() == [5, 1, 1]
    assert people.loc["José García", ["emails", "messages"]].tolist() == [1, 1]  # by URL, name
    assert pd.notna(people.loc["Ruth Ellison", "contact_id"])  # by name alone
    new = set(people.index[people["contact_id"].isna()])
    assert new == {"Tom Reed", "Priya Shah", "Hans Mueller"}  # listed, not added
    assert set(joan.contacts()["name"]) == {"Sarah Lee", "José García", "Ruth Ellison"}
    logged = _logged(joan)
    sarah = logged[logged["name"] == "Sarah Lee"]
    assert set(sarah["kind"]) == {"one_to_one", "email"}
    assert "Coffee with Sarah (from your calendar)" in set(sarah["notes"])
    # Received mail alone (the newsletter, Ruth's own message) logs nothing; the 41-person
    # chapter breakfast logs nobody.
    assert not logged["notes"].str.contains("deals|Chapter|Downsizing clients").any()
    assert result.added == len(logged)
    assert "not contacts yet" in result.summary()


def test_the_same_file_again_adds_nothing_and_a_later_export_only_what_is_new(joan, tmp_path):
    first = joan.import_interactions(FIXTURES / "takeout.mbox", since="2025-12-01")
    before = len(_logged(joan))
    assert first.added == before > 0
    again = joan.import_interactions(FIXTURES / "takeout.mbox", since="2025-12-01")
    assert again.already_imported and len(_logged(joan)) == before
    later = tmp_path / "takeout-later.mbox"
    later.write_bytes(
        (FIXTURES / "takeout.mbox").read_bytes()
        + b"\nFrom 1786099@xxx Mon Feb 16 10:00:00 +0000 2026\nX-Gmail-Labels: Sent\n"
        b"Message-ID: <sent-3@bakerbooks.example>\nDate: Mon, 16 Feb 2026 10:00:00 +0000\n"
        b"From: Joan Baker <joan@bakerbooks.example>\nTo: sarah@leeflorist.example\n"
        b"Subject: The fair\n\nSee you there.\n"
    )
    overlap = joan.import_interactions(later, since="2025-12-01")
    assert overlap.added == 1 and len(_logged(joan)) == before + 1


def test_imported_contact_restarts_cadences_feeds_reconnect_and_a_recent_meeting_gets_its_follow_up(
    joan, tmp_path
):
    today = joan.today()
    recent = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0))
    calendar = tmp_path / "this-week.ics"
    calendar.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
            "BEGIN:VEVENT\r\nUID:yesterday@google.com\r\n"
            f"DTSTART;TZID=Europe/London:{recent:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID=Europe/London:{recent + dt.timedelta(hours=1):%Y%m%dT%H%M%S}\r\n"
            "SUMMARY:Tea with Ruth\r\nORGANIZER;CN=Joan Baker:mailto:joan@bakerbooks.example\r\n"
            "ATTENDEE;CN=Ruth Ellison:mailto:ruth@gentlemoves.example\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n"
        ).encode()
    )
    joan.import_interactions(FIXTURES / "google.ics", since="2025-12-01")
    joan.import_interactions(calendar)
    ruth = int(joan.contacts().set_index("name").loc["Ruth Ellison", "id"])
    follow = joan.follow_ups()
    assert list(follow.loc[follow["contact_id"] == ruth, "name"]) == ["Ruth Ellison"]
    due = pd.Timestamp(follow.loc[follow["contact_id"] == ruth, "due"].iloc[0])
    assert due == pd.Timestamp(recent + dt.timedelta(hours=48))
    assert len(follow) == 1  # the coffees of January are history, not a to-do
    status = joan.cadence_status().set_index("name")
    assert pd.Timestamp(status.loc["Sarah Lee", "last"]) == pd.Timestamp("2026-02-09")
    reconnect = set(joan.reconnect_list()["name"])
    assert "Ruth Ellison" not in reconnect  # in touch yesterday


def test_rules_the_participant_can_change(joan):
    few = joan.import_interactions(
        FIXTURES / "google.ics", since="2025-12-01",
        rules_=Rules(left_out_series=("Coffee with Sarah",)),
    )  # fmt: skip
    logged = _logged(joan)
    assert few.added == 1 and list(logged["notes"]) == [
        "Coffee with Sarah (moved) (from your calendar)"
    ]


def test_taking_an_import_back_removes_what_it_logged_and_undo_brings_it_back(joan):
    result = joan.import_interactions(FIXTURES, since="2025-12-01")
    logged = len(_logged(joan))
    assert logged > 0
    removal = joan.delete_interaction_import(result.import_id)
    assert _logged(joan).empty and joan.interaction_imports().empty
    joan.undo(removal)
    assert len(_logged(joan)) == logged
    joan.delete_interaction_import(result.import_id)
    again = joan.import_interactions(FIXTURES, since="2025-12-01")  # can be imported again
    assert again.added == logged


def test_the_command_line_imports_calendars_and_mail(joan, tmp_path, capsys):
    from workbook.cli import main

    path = joan.path
    joan.close()
    folder = tmp_path / "exports"
    shutil.copytree(FIXTURES, folder)
    assert main(["import", "calendar", str(folder / "google.ics"), "--workbook", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sarah Lee: 5 meetings" in out and "Tom Reed: 1 meeting" in out
    assert "(not a contact yet)" in out
    code = main(["import", "mail", str(folder / "takeout.mbox"), str(tmp_path / "nope.mbox"),
                 "--workbook", str(path)])  # fmt: skip
    printed = capsys.readouterr()
    assert code == 1 and "nope.mbox: there is no such file" in printed.err
    assert "Sarah Lee: 1 email" in printed.out


def test_the_widget_reads_shows_whom_it_found_and_logs_the_ticked_ones(joan):
    from workbook.widgets import LastContactImport

    form = LastContactImport(joan)
    form.read_button.click()
    assert form.status.kind == "error" and "Choose a file" in form.status.value
    form.path.value = str(FIXTURES / "takeout.mbox")
    form.read()
    rows = {row.person["name"]: row for row in form.people.children}
    tom = "tom@reedprint.example"  # on the Cc line with no name
    assert set(rows) == {"Sarah Lee", "José García", "Ruth Ellison", tom}
    assert rows["Sarah Lee"].tick.value and not rows[tom].tick.value
    assert "not a contact yet" in rows[tom].children[1].value
    assert joan.interactions().empty  # nothing logged by reading
    rows["Ruth Ellison"].tick.value = False  # the participant leaves Ruth out
    rows[tom].tick.value = True  # and adds Tom
    form.log_button.click()
    logged = set(joan.interactions()["name"])
    assert logged == {"Sarah Lee", "José García", tom}
    assert tom in set(joan.contacts()["email"])
    assert form.take_back.layout.display != "none"
    form.take_back.click()
    assert joan.interactions().empty
    form.undo.button.click()
    assert set(joan.interactions()["name"]) == logged


def test_the_widget_reads_an_uploaded_zip(joan):
    from workbook.widgets import LastContactImport

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.write(FIXTURES / "google.ics", "Takeout/Calendar/joan.ics")
    form = LastContactImport(joan)
    form.upload.value = ({"name": "takeout.zip", "content": buffer.getvalue(), "type": "",
                          "size": len(buffer.getvalue()), "last_modified": dt.datetime.now(dt.UTC)},)  # fmt: skip
    form.left_out.value = "Coffee with Sarah"
    form.read()
    names = {row.person["name"] for row in form.people.children}
    assert "Sarah Lee" in names and "Member 1" not in names  # the chapter breakfast is too big
    form.log()
    assert list(joan.interactions()["notes"]) == ["Coffee with Sarah (moved) (from your calendar)"]
    assert "1 logged" in form.status.value


def test_the_sample_participants_takeout_brings_in_her_last_contacts(tmp_path):
    from workbook.sample import sample_dir

    with workbook.demo(tmp_path) as dana:
        result = dana.import_interactions(sample_dir() / "takeout", since="2026-01-01")
        people = result.people.set_index("name")
        assert people.loc["Carla Nuñez", ["meetings", "emails"]].tolist() == [1, 1]
        assert pd.isna(people.loc["Asheville Chamber", "contact_id"])
        assert "1 person you were in touch with is not a contact yet" in result.summary()
        status = dana.cadence_status().set_index("name")
        assert pd.Timestamp(status.loc["Grace Kim", "last"]) >= pd.Timestamp("2026-11-16")


def test_a_mailbox_is_read_with_a_progress_bar_when_asked_or_big(capsys):
    read("takeout.mbox", progress=True)
    assert "Reading takeout.mbox" in capsys.readouterr().err
    read("takeout.mbox")  # small: no bar
    assert "Reading" not in capsys.readouterr().err


def test_exercise_5_offers_the_people_found_who_are_not_contacts(joan):
    from workbook.widgets import PeopleNotContacts

    offered = PeopleNotContacts(joan)
    assert "Nobody waiting" in offered.rows.children[0].value
    joan.import_interactions(FIXTURES, since="2025-12-01")
    lines = [row.children[1].value for row in offered.rows.children]  # followed the import
    assert any("Tom Reed" in line for line in lines)
    tom = next(row for row in offered.rows.children if "Tom Reed" in row.children[1].value)
    tom.children[0].click()
    assert "tom@reedprint.example" in set(joan.contacts()["email"])
    assert "Added Tom Reed" in offered.status.value
    assert not any("Tom Reed" in row.children[1].value for row in offered.rows.children)
    assert "Tom Reed" not in set(joan.people_not_contacts()["name"])


def test_a_window_ending_on_a_day_includes_that_day():
    found = read_interactions(FIXTURES / "google.ics", tz="Europe/London", since="2026-02-13",
                              until="2026-02-13")  # fmt: skip
    assert set(found["title"]) == {"Chapter breakfast"}  # at 07:00 on the 13th
