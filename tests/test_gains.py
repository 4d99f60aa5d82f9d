import pytest

import workbook
from workbook import gains, plots
from workbook.widgets import GainsChart, GainsForm, GainsOverview


def test_entries_split_on_commas_semicolons_and_lines():
    assert gains.items("Hiking, choir; dogs\n\nRotary ") == ["Hiking", "choir", "dogs", "Rotary"]
    assert gains.items(None) == []


def test_shared_entries_ignore_case_and_punctuation():
    you = {"networks": "Rotary Club of Asheville, Chamber of Commerce"}
    partner = {"networks": "rotary club of asheville.\nBar Association"}
    assert gains.shared(you, partner, "networks") == ["Rotary Club of Asheville"]


def test_demo_overlaps_completeness_and_questions(demo_workbook):
    people = demo_workbook.gains()
    assert people.iloc[0]["name"] == "Dana Whitfield" and people.iloc[0]["is_you"]
    you = people.iloc[0].to_dict()
    partners = people[~people["is_you"]]
    common = gains.overlaps(you, partners).set_index("name")
    assert common.loc["Carla Nuñez", "interests"] == ["dogs"]
    assert common.loc["Carla Nuñez", "networks"] == ["Rotary Club of Asheville"]
    assert common.loc["Grace Kim", "networks"] == ["Chamber of Commerce"]
    assert [gains.completeness(p) for p in people.to_dict("records")] == [5, 5, 3]
    questions = [q for name, q in gains.to_learn(partners) if name == "Grace Kim"]
    assert questions == [
        "Ask Grace: What are you proudest of in your business?",
        "Ask Grace: What do clients come to you for that nobody else does as well?",
    ]


def test_one_gains_row_for_you_and_one_per_partner(tmp_workbook):
    wb = tmp_workbook
    wb.set_gains(goals="Grow")
    wb.set_gains(skills="Listening")
    assert len(wb.gains()) == 1 and wb.gains().iloc[0]["goals"] == "Grow"
    ann = wb.add_contact(name="Ann Lee")
    wb.add_gains_partner(ann)
    with pytest.raises(workbook.InputError, match="already in your GAINS"):
        wb.add_gains_partner(ann)
    wb.set_gains(ann, interests="Sailing")
    wb.remove_gains_partner(ann)
    assert list(wb.gains()["name"]) == ["You"]


def test_grid_colours_unknown_known_and_shared(demo_workbook):
    fig = plots.gains_grid(demo_workbook.gains())
    heat = fig.data[0]
    rows = dict(zip(heat.y, heat.z, strict=True))
    texts = dict(zip(heat.y, heat.text, strict=True))
    columns = list(heat.x)
    carla, grace = rows["Carla Nuñez"], rows["Grace Kim"]
    assert carla[columns.index("Interests")] == 2 and texts["Carla Nuñez"][2] == "dogs"
    assert grace[columns.index("Accomplishments")] == 0
    assert texts["Grace Kim"][columns.index("Accomplishments")] == "ask"
    assert rows["Dana Whitfield"] == [1, 1, 1, 1, 1]


def test_form_switches_people_without_mixing_their_answers(demo_workbook):
    wb = demo_workbook
    form = GainsForm(wb)
    overview, chart = GainsOverview(wb), GainsChart(wb)
    assert form.fields["interests"].value == "Hiking, choir, dogs"
    form.partner.value = "Ruth Ellison"
    form.add_partner.click()
    assert form.status.kind == "saved"
    ruth = int(wb.contacts().set_index("name").loc["Ruth Ellison", "id"])
    assert form.person.value == ruth and form.fields["interests"].value == ""
    form.fields["interests"].value = "Choir, chess"
    form.fields["networks"].value = "Chamber of Commerce"
    form.person.value = -1  # back to you: your answers, unchanged
    assert form.fields["interests"].value == "Hiking, choir, dogs"
    mine = wb.gains().set_index("name")
    assert mine.loc["Ruth Ellison", "interests"] == "Choir, chess"
    assert mine.loc["Dana Whitfield", "interests"] == "Hiking, choir, dogs"
    assert "Ruth Ellison</b>: interests: choir; networks: Chamber of Commerce" in overview.value
    assert "Ruth Ellison" in chart.figures[0].data[0].y
    form.partner.value = "Nobody Known"
    form.add_partner.click()
    assert form.status.kind == "error"
