"""The words to say: every kind of draft for every row it applies to, in a full workbook and
in one with gaps everywhere; mailto links that parse back; the participant's own templates."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook import drafts

EMPTY_SLOT = re.compile(r"\$[A-Za-z_]|\bnan\b|\bNone\b|\bNaT\b|Dear ,|Hi ,|\(\)|\s[,.:;]|  ")


def _every_draft(wb):
    """(kind, the person's first name, a fact the draft must name, the draft) for every row."""
    for row in wb.interactions().itertuples():
        yield "thank_you", row.name, "", wb.draft("thank_you", interaction_id=row.id)
    for row in wb.reconnect_list().itertuples():
        yield "reconnect", row.name, "", wb.draft("reconnect", contact_id=row.contact_id)
    for row in wb.asks().itertuples():
        yield "reciprocity_ask", "", row.business, wb.draft("reciprocity_ask", ask_id=row.id)
    for row in wb.promises().itertuples():
        yield "promise", row.name, row.what, wb.draft("promise", promise_id=row.id)
    for row in wb.referrals()[lambda r: r["direction"] == "received"].itertuples():
        yield "referral_thanks", row.name, "", wb.draft("referral_thanks", referral_id=row.id)
    people = list(wb.contacts()["id"][:4])
    for a, b in zip(people, people[1:], strict=False):
        yield "introduction", "", "", wb.draft("introduction", a=a, b=b)


def _check(kind, name, fact, draft, signed_by):
    for text in (draft.subject, draft.body, draft.script, *draft.opt_in):
        assert not EMPTY_SLOT.search(text), (kind, EMPTY_SLOT.search(text), text)
    assert draft.subject and draft.body and draft.channel_hint in drafts.CHANNELS
    if name:
        assert drafts.first_name(name) in draft.body, (kind, draft.body)
    if fact:
        assert fact in draft.body, (kind, fact, draft.body)
    if signed_by:
        assert draft.body.rstrip().splitlines()[-2:][0] in (signed_by, draft.body.splitlines()[-1])
    if kind == "reciprocity_ask":
        assert draft.script and "small ask" in draft.script
    if kind == "introduction":
        assert len(draft.opt_in) == 2 and all("Shall I introduce you?" in t for t in draft.opt_in)


def test_every_kind_for_every_row_of_the_sample_workbook(demo_workbook):
    made = {}
    for kind, name, fact, draft in _every_draft(demo_workbook):
        _check(kind, name, fact, draft, "Dana Whitfield")
        made[kind] = made.get(kind, 0) + 1
    assert set(made) == set(drafts.KINDS)
    grace = next(
        d for k, n, _f, d in _every_draft(demo_workbook) if k == "thank_you" and n == "Grace Kim"
    )
    assert "yesterday" in grace.body or "on " in grace.body  # when they met, in words
    assert "dinner after the bar association talk" in grace.body  # where, from the notes
    assert grace.mailto.startswith("mailto:grace@kimlaw.example?")
    ask = next(d for k, _n, f, d in _every_draft(demo_workbook) if k == "reciprocity_ask")
    assert "8 years" in ask.script and "5 customers" in ask.script


def test_every_kind_with_gaps_in_every_optional_field(tmp_path):
    with workbook.open(tmp_path / "gaps.sqlite") as wb:  # no profile, no GAINS, no email
        sam = wb.add_contact(name="Sam")
        kim = wb.add_contact(name="Kim Lee")
        wb.log_interaction(sam, kind="call")  # no notes
        wb.log_interaction(kim, kind="one_to_one")
        wb.add_promise(sam, what="Send the flyer")  # no date
        wb.add_referral(kim, "received", "2026-11-02", "", None)  # no what, no value
        shop = wb.add_business(name="Corner Shop", amount=5)
        wb.add_ask(shop, "display_cards")
        for kind, name, fact, draft in _every_draft(wb):
            _check(kind, name, fact, draft, "")
            assert draft.mailto == ""  # nobody has an email


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=20,
    ).filter(lambda s: s.strip())
    | st.sampled_from(["Zoë & Łukasz", "A?B#C", "Ann=1&b=2", "王芳", "O'Brien"]),
    notes=st.text(max_size=60) | st.just("Line one\nLine two & more? #tag"),
)
def test_a_mailto_link_parses_back_to_the_same_subject_and_body(tmp_path_factory, name, notes):
    with workbook.open(tmp_path_factory.mktemp("m") / "w.sqlite") as wb:
        wb.set_profile(name="Dana Whitfield")
        person = wb.add_contact(name=name, email="friend@example.org")
        meeting = wb.log_interaction(person, kind="one_to_one", notes=notes)
        draft = wb.draft("thank_you", interaction_id=meeting)
        typed = draft.body.replace(name, "")
        for part in re.split(r"[.!?\s]+", notes):  # what the participant typed stays as typed
            typed = typed.replace(part, "") if part else typed
        assert not re.search(r"\$[A-Za-z_]|\bnan\b|\bNone\b", typed)
        link = urllib.parse.urlsplit(draft.mailto)
        assert link.scheme == "mailto" and urllib.parse.unquote(link.path) == "friend@example.org"
        query = urllib.parse.parse_qs(link.query, keep_blank_values=True)
        assert query["subject"] == [draft.subject] and query["body"] == [draft.body]


def test_a_participants_own_template_is_used_checked_and_can_be_taken_back(demo_workbook):
    wb = demo_workbook
    meeting = int(wb.interactions()["id"].iloc[0])
    with pytest.raises(workbook.InputError, match=r"field that does not exist: \$nickname"):
        wb.save_template("thank_you", "Subject: Hi $nickname\n\nHello $nickname")
    with pytest.raises(workbook.InputError, match="Subject"):
        wb.save_template("thank_you", "Hello $first_name")
    wb.save_template(
        "thank_you",
        "Subject: Cheers $first_name\n\nCheers, $first_name! $when_met was fun.\n$my_name",
    )
    mine = wb.draft("thank_you", interaction_id=meeting)
    assert mine.subject == "Cheers Grace" and mine.body.startswith("Cheers, Grace! yesterday")
    wb.save_template("thank_you", "")
    assert wb.draft("thank_you", interaction_id=meeting).subject == "Thank you, Grace"


def test_package_templates_name_only_their_fields():
    for kind in drafts.KINDS:
        drafts.check_template(kind, drafts.package_template(kind))


def test_the_write_it_widget_drafts_each_line_and_keeps_the_wording_only_when_asked(demo_workbook):
    from workbook.widgets import DraftWriter

    writer = DraftWriter(demo_workbook)
    labels = [label for label, _value in writer.pick.options]
    assert any(label.startswith("Thank Grace Kim") for label in labels)
    assert any(label.startswith("Reconnect with Tom Reyes") for label in labels)
    assert writer.body.value.startswith("Dear Grace,")
    assert "Copy" in writer.actions.value and "mailto:grace@kimlaw.example" in writer.actions.value
    writer.body.value = writer.body.value.replace("With warm regards", "Cheers")
    again = DraftWriter(demo_workbook)  # an edit alone is not kept
    assert "With warm regards" in again.body.value
    writer.keep.click()
    assert "Kept" in writer.status.value
    fresh = DraftWriter(demo_workbook)
    assert "Cheers" in fresh.body.value and fresh.body.value.startswith("Dear Grace,")
    tom = next(value for label, value in fresh.pick.options if label.startswith("Reconnect"))
    fresh.pick.value = tom
    assert fresh.body.value.startswith("Dear Tom,") and fresh.draft.mailto == ""
    ask = next(value for label, value in fresh.pick.options if label.startswith("Ask "))
    fresh.pick.value = ask
    assert "What to say" in fresh.script.value


def test_exercise_1_drafts_the_asks_and_exercise_5_the_referral_thanks(demo_workbook):
    from workbook.widgets import DraftWriter

    asks = DraftWriter(demo_workbook, kinds=("reciprocity_ask",))
    assert {kind for _label, (kind, _refs) in asks.pick.options} == {"reciprocity_ask"}
    assert "What to say" in asks.script.value and "small ask" in asks.script.value
    thanks = DraftWriter(demo_workbook, kinds=("referral_thanks",))
    assert {kind for _label, (kind, _refs) in thanks.pick.options} == {"referral_thanks"}
    assert thanks.body.value.startswith("Dear ")
    with workbook.open(demo_workbook.path.with_name("empty.sqlite")) as empty:
        nothing = DraftWriter(empty, kinds=("referral_thanks",))
        assert nothing.pick.options[0][0] == "Nothing to write yet: log a referral you received"


def test_notes_cards_and_the_plans_reconnect_openings(demo_workbook, tmp_path):
    import subprocess
    import sys

    from workbook.report import gather

    plan = gather(demo_workbook)
    tom = next(r for r in plan["reconnect"] if r["name"] == "Tom Reyes")
    assert tom["opening"].startswith("I was thinking of you the other day")
    path = demo_workbook.path
    demo_workbook.close()
    out = tmp_path / "notes.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "export", "notes", "--workbook", str(path),
         "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert (
        "Thank Grace Kim for the one-to-one meeting" in flat and "Reconnect with Tom Reyes" in flat
    )
    assert "dinner after the bar association talk" in flat
    assert not EMPTY_SLOT.search(flat.replace("  ", " "))


def test_a_coach_ships_the_cohorts_templates_with_the_workbooks(tmp_path, capsys):
    from workbook.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email\nAna Silva,ana@example.org\n", encoding="utf-8")
    wording = tmp_path / "wording"
    wording.mkdir()
    (wording / "thank_you.txt").write_text(
        "Subject: Great to see you, $first_name\n\nHi $first_name, thanks for $when_met!\n$my_name\n",
        encoding="utf-8",
    )
    (wording / "reconnect.txt").write_text("Subject: Hello\n\nHi $nickname\n", encoding="utf-8")
    code = main(["cohort", "new", str(roster), str(tmp_path / "c"), "--templates", str(wording)])
    assert code == 2 and re.search(r"reconnect.txt: .*\$nickname", capsys.readouterr().err)
    assert not (tmp_path / "c").exists() or not list((tmp_path / "c").glob("*.sqlite"))
    (wording / "reconnect.txt").unlink()
    assert (
        main(["cohort", "new", str(roster), str(tmp_path / "c"), "--templates", str(wording)]) == 0
    )
    with workbook.open(tmp_path / "c" / "ana-silva.sqlite") as ana:
        friend = ana.add_contact(name="Ben Okafor")
        met = ana.log_interaction(friend, kind="one_to_one")
        draft = ana.draft("thank_you", interaction_id=met)
        assert draft.subject == "Great to see you, Ben" and draft.body.startswith(
            "Hi Ben, thanks for today!"
        )


def test_the_writers_of_exercises_1_and_6_both_follow_the_workbook(demo_workbook):
    from workbook.widgets import DraftWriter

    asks = DraftWriter(demo_workbook, kinds=("reciprocity_ask",))  # exercise 1, then 6
    DraftWriter(demo_workbook)
    shop = demo_workbook.add_business(name="Harbor Books", amount=20)
    demo_workbook.add_ask(shop, "display_cards")
    assert any(label.startswith("Ask Harbor Books") for label, _value in asks.pick.options)
