import datetime as dt

import pytest

import workbook
from workbook import goals, plots
from workbook.widgets import FavourWarnings, GoalMap, GoalsForm


def test_goal_needs_words_and_a_real_date(tmp_workbook):
    with pytest.raises(workbook.InputError, match="Write the goal"):
        tmp_workbook.add_goal("   ")
    with pytest.raises(workbook.InputError, match="Write it like"):
        tmp_workbook.add_goal("Ten listings", "next June")
    goal_id = tmp_workbook.add_goal("Ten listings", dt.date(2027, 6, 30))
    assert tmp_workbook.goals().set_index("id").loc[goal_id, "target_date"] == "2027-06-30"
    # What a date field's year part makes of a stray click, and a day that reads both ways.
    with pytest.raises(workbook.InputError, match="is not a date"):
        tmp_workbook.add_goal("Ten listings", "275760-06-30")
    with pytest.raises(workbook.InputError, match="more than a hundred years away"):
        tmp_workbook.add_goal("Ten listings", "2276-06-30")
    with pytest.raises(workbook.InputError, match="could be April 3 or March 4"):
        tmp_workbook.add_goal("Ten listings", "03/04/2027")
    for typed in ("30 June 2027", "June 30, 2027", "30/06/2027", "2027-06-30"):
        later = tmp_workbook.add_goal(f"Listings {typed}", typed)
        assert tmp_workbook.goals().set_index("id").loc[later, "target_date"] == "2027-06-30"
    assert len(tmp_workbook.goals()) == 5  # nothing refused was saved


def test_people_come_from_contacts_or_new_names_and_keep_one_depth(demo_workbook):
    wb = demo_workbook
    goal_id = wb.add_goal("Speak at the Rotary club", "2027-02-01")
    maria = int(wb.contacts().set_index("name").loc["Maria Lopez", "id"])
    wb.add_goal_person(goal_id, contact_id=maria, why="She is a member")
    wb.add_goal_person(goal_id, name="  Priya   Shah ", depth="acquaintance", why="Club president")
    people = wb.goal_people()
    mine = people[people["goal_id"] == goal_id].set_index("name")
    assert mine.loc["Maria Lopez", "depth"] == "acquaintance"
    assert mine.loc["Priya Shah", "depth"] == "acquaintance"
    assert "Priya Shah" in set(wb.contacts()["name"])  # a typed name becomes a contact
    with pytest.raises(workbook.InputError, match="already on this goal"):
        wb.add_goal_person(goal_id, name="priya shah")
    with pytest.raises(workbook.InputError, match="Pick someone"):
        wb.add_goal_person(goal_id, name="")


def test_warnings_where_a_favour_comes_too_early(demo_workbook):
    shallow = goals.warnings(demo_workbook.goal_people()).set_index("name")
    assert set(shallow.index) == {"Maria Lopez", "Tom Reyes"}  # acquaintance and contact
    assert shallow.loc["Tom Reyes", "first_step"].startswith("Invite Tom for a coffee")
    assert "Send Maria something useful" in shallow.loc["Maria Lopez", "first_step"]


def test_progress_needs_two_goals_with_two_people_each(tmp_workbook):
    wb = tmp_workbook
    state = goals.progress(wb.goals(), wb.goal_people())
    assert state["goals_needed"] == 2 and not state["done"]
    a, b = wb.add_goal("Goal A"), wb.add_goal("Goal B")
    for goal_id in (a, b):
        wb.add_goal_person(goal_id, name=f"First {goal_id}")
    state = goals.progress(wb.goals(), wb.goal_people())
    assert state["goals_short_of_people"] == ["Goal A", "Goal B"]
    for goal_id in (a, b):
        wb.add_goal_person(goal_id, name=f"Second {goal_id}", depth="connection")
    assert goals.progress(wb.goals(), wb.goal_people())["done"]


def test_goal_map_places_you_goals_and_people_coloured_by_depth(demo_workbook):
    fig = plots.goal_map(demo_workbook.goals(), demo_workbook.goal_people(), "Dana <Whitfield>")
    by_name = {t.name: t for t in fig.data if t.name}
    assert list(by_name["Referral partner"].text) == ["Carla Nuñez"]
    assert set(by_name["Connection"].text) == {"Grace Kim"}
    assert all(x == 2 for x in by_name["Contact"].x)
    you = fig.data[1]
    assert you.text == ("Dana &lt;Whitfield&gt;",) and you.x == (0,)
    goals_trace = fig.data[2]
    assert len(goals_trace.x) == 2 and set(goals_trace.x) == {1}


def test_goals_form_by_keyboard_and_mouse(tmp_workbook):
    wb = tmp_workbook
    form = GoalsForm(wb)
    form.new_goal.value = "Three new partners by March"
    form.new_date.value = "31 March 20275"  # a slip of the keyboard: said, nothing saved
    form.add_goal_button.click()
    assert form.status.kind == "error" and "is not a date" in form.status.value
    assert wb.goals().empty
    form.new_date.value = "31 March 2027"
    form.add_goal_button.click()
    form.new_goal.value = ""
    form.add_goal_button.click()
    assert "Write the goal" in form.status.value
    form.new_goal.value = "A goal with no date yet"
    form.new_date.value = ""
    form.add_goal_button.click()
    dated, undated = (box.children[0].children[0].value for box in form.goal_boxes.values())
    assert "by March 31, 2027" in dated and "<small>" not in undated and "nan" not in undated
    wb.delete_goal(list(form.goal_boxes)[1])
    box = next(iter(form.goal_boxes.values()))
    box.person.value = "Ann Lee"
    box.depth.value = "connection"
    box.why.value = "Knows every builder in town"
    box.add_button.click()
    assert form.status.kind == "saved"
    box = next(iter(form.goal_boxes.values()))
    box.person.value = "Ann Lee"  # picking a known name shows her depth
    assert box.depth.value == "connection"
    warnings = FavourWarnings(wb)
    goal_map = GoalMap(wb)
    box.person.value = "Bob Stone"
    box.depth.value = "contact"
    box.add_button.click()
    assert "Bob Stone" in warnings.value and "too early" in warnings.value
    assert "Write 1 more goal" in form.progress.value
    assert "Bob Stone" in {n for t in goal_map.figures[0].data if t.name for n in t.text}
    with workbook.open(wb.path) as again:
        assert list(again.goal_people()["name"]) == ["Ann Lee", "Bob Stone"]


def test_a_goal_is_reworded_in_place_and_keeps_its_people(tmp_workbook):
    wb = tmp_workbook
    goal = wb.add_goal("Ten listngs from retirees", "2027-06-30")
    wb.add_goal_person(goal, name="Ann Lee", depth="connection")
    form = GoalsForm(wb)
    box = form.goal_boxes[goal]
    assert box.editor.layout.display == "none"
    box.edit_button.click()
    assert box.editor.layout.display == "flex" and box.heading.layout.display == "none"
    assert form.add_goal_button.layout.display is None  # the rest of the form stays shown
    assert box.goal_text.value == "Ten listngs from retirees"
    assert box.goal_date.value == "June 30, 2027"
    box.goal_text.value = "   "
    box.save_goal.click()
    assert form.status.kind == "error" and "Write the goal" in form.status.value
    assert wb.goals().iloc[0]["text"] == "Ten listngs from retirees"
    box.goal_text.value = "Ten listings from retirees"
    box.goal_date.value = ""
    box.save_goal.click()
    assert form.status.kind == "saved"
    stored = wb.goals().iloc[0]
    assert stored["text"] == "Ten listings from retirees" and stored["target_date"] is None
    assert list(wb.goal_people()["name"]) == ["Ann Lee"]
    shown = form.goal_boxes[goal]
    assert "Ten listings from retirees" in shown.heading.children[0].value
    assert shown.editor.layout.display == "none"
    shown.edit_button.click()
    shown.cancel_edit.click()
    assert shown.heading.layout.display == "flex"
