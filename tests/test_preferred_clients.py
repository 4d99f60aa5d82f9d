import csv
from pathlib import Path

import pandas as pd
import pytest

import workbook
from workbook import plots, preferred_clients
from workbook.widgets import (
    ClientQuestions,
    CoverageChart,
    CoverageSteps,
    PreferredClientForm,
    TargetProfessions,
)


def test_catalog_has_the_size_the_exercise_needs():
    assert len(preferred_clients.markets()) >= 40
    assert len(preferred_clients.professions()) >= 150
    known = set(preferred_clients.professions())
    for market in preferred_clients.catalog()["markets"].values():
        assert set(market["professions"]) <= known


@pytest.mark.parametrize(
    ("position", "company", "expected"),
    [
        ("Senior Loan Officer", "First Mountain Bank", "Banker"),
        ("Wealth Manager", "Ridge Advisors", "Financial planner"),
        ("Realtor", "Keller Williams", "Real-estate agent"),
        ("Broker", "Commercial Real Estate Partners", "Commercial real-estate broker"),
        ("Owner", "Blue Ridge Hair Studio", "Hair stylist"),
        ("Partner", "Smith & Jones CPA", "Accountant"),
        ("Head of Marketing", "Acme", "Marketing consultant"),  # 'marketing' is not 'market'
        ("Office manager", "Acme", ""),
    ],
)
def test_professions_are_guessed_from_titles_and_company_names(position, company, expected):
    assert preferred_clients.guess_profession(position, company) == expected


def test_suggestions_follow_the_markets_and_leave_out_your_own_profession():
    picks = preferred_clients.suggest(["retirees", "downsizers"], "Realtor")
    assert "Real-estate agent" not in picks
    assert picks[:2] == ["Estate-planning attorney", "Financial planner"]  # in both markets


def test_exactly_five_not_your_own_no_repeats(demo_workbook):
    wb = demo_workbook  # Dana, a real-estate agent, has five already
    with pytest.raises(workbook.InputError, match="have your 5 already"):
        wb.add_target_profession("Dentist")
    wb.remove_target_profession("Home inspector")
    with pytest.raises(workbook.InputError, match="your own profession"):
        wb.add_target_profession("realtor")
    with pytest.raises(workbook.InputError, match="already one of your five"):
        wb.add_target_profession("financial PLANNER")
    with pytest.raises(
        preferred_clients.CountsAsAnother,
        match="Wealth manager counts as Financial planner here; keep both?",
    ):
        wb.add_target_profession("Wealth manager")  # a financial planner by another name
    wb.add_target_profession("Mover")
    assert wb.target_professions()[-1] == "Mover"


def test_coverage_counts_tagged_and_guessed_contacts(demo_workbook):
    table = demo_workbook.coverage().set_index("profession")
    assert table.loc["Financial planner", "names"] == ["Maria Lopez"]  # guessed from her title
    assert table.loc["Estate-planning attorney", "names"] == ["Grace Kim"]  # tagged
    assert table.loc["Home inspector", "names"] == ["Łukasz Nowak"]
    assert table.loc["Senior move manager", "known"] == 0
    assert table.loc["Senior move manager", "next_step"] == "Meet someone in senior move manager"


def test_coverage_plot_shows_the_counts_and_the_gaps(demo_workbook):
    fig = plots.coverage(demo_workbook.coverage())
    bars = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert bars["Financial planner"] == 1 and bars["Elder-care advisor"] == 0
    text = dict(zip(fig.data[0].y, fig.data[0].text, strict=True))
    assert text["Elder-care advisor"] == "meet someone here"
    assert list(fig.data[0].y)[-1] == "Financial planner"  # the first pick on top
    empty = plots.coverage(pd.DataFrame(columns=["profession", "known", "names", "next_step"]))
    assert "Pick your five" in empty.layout.annotations[0].text


def test_widgets_pick_markets_and_professions_and_follow_contacts(tmp_workbook):
    wb = tmp_workbook
    wb.set_profile(profession="Veterinarian")
    form = PreferredClientForm(wb)
    form.description.value = "Dog owners with busy jobs"
    form.markets.value = ["Pet owners", "Busy professionals"]
    assert wb.client_tags() == ["pet_owners", "professionals"]
    assert wb.profile().preferred_client == "Dog owners with busy jobs"

    targets = TargetProfessions(wb)
    assert "Veterinarian" not in targets.suggestions.options
    for choice in targets.suggestions.options[:5]:
        targets.suggestions.value = choice
        targets.add_button.click()
        assert targets.status.kind == "saved", targets.status.value
    assert len(wb.target_professions()) == 5
    assert "5 of 5" in targets.count.value
    targets.typed.value = "Dentist"
    targets.add_button.click()
    assert "remove one" in targets.status.value

    chart, steps, questions = CoverageChart(wb), CoverageSteps(wb), ClientQuestions(wb)
    first = wb.target_professions()[0]
    assert f"Meet someone in {first.lower()}" in steps.value
    wb.add_contact(name="Pat Doe", profession=first)
    assert "Deepen: Pat Doe" in steps.value
    assert chart.figures[0].data[0].x[-1] == 1
    assert "name tags" in questions.value
    with workbook.open(wb.path) as again:  # a restarted kernel sees the same choices
        assert again.target_professions() == wb.target_professions()
        assert again.client_tags() == ["pet_owners", "professionals"]


def test_removing_a_profession_by_its_button(demo_workbook):
    targets = TargetProfessions(demo_workbook)
    remove = targets.chosen.children[0].children[1]
    remove.click()
    assert "Financial planner" not in demo_workbook.target_professions()


@pytest.mark.parametrize(
    ("title", "profession"),
    [
        ("Floral designer", "Florist"),  # not a graphic designer
        ("Mortgage Loan Officer", "Mortgage broker"),  # not a banker
        ("Senior Loan Officer", "Banker"),
        ("Dog walker", "Dog walker"),  # a profession of its own, not a pet sitter
        ("Pet sitter", "Pet sitter"),
        ("Graphic designer", "Graphic designer"),
    ],
)
def test_titles_are_read_as_the_profession_they_name(title, profession):
    assert preferred_clients.guess_profession(title) == profession


def test_a_dog_walker_and_a_pet_sitter_are_two_of_the_five(tmp_workbook):
    tmp_workbook.add_target_profession("Pet sitter")
    tmp_workbook.add_target_profession("Dog walker")
    assert len(tmp_workbook.target_professions()) == 2


TITLES = Path(__file__).parent / "fixtures" / "job_titles.csv"


def _titles() -> list[tuple[str, str]]:
    with TITLES.open(encoding="utf-8", newline="") as file:
        return [(row["text"], row["profession"]) for row in csv.DictReader(file)]


def test_the_table_of_real_titles_is_big_and_names_only_catalog_professions():
    titles = _titles()
    assert len(titles) >= 300 and len({t for t, _ in titles}) == len(titles)
    known = set(preferred_clients.professions())
    assert {p for _, p in titles if p} <= known
    assert sum(1 for _, p in titles if not p) >= 50  # and many that name no trade


@pytest.mark.parametrize(("text", "profession"), _titles())
def test_titles_as_people_write_them(text, profession):
    """LinkedIn positions, event-tool job titles and roster entries; '' is 'not known': an
    ambiguous bare word (designer, consultant, owner) never decides alone."""
    assert preferred_clients.guess_profession(text) == profession


def test_a_profession_the_catalog_takes_for_another_is_said_and_both_can_stand(tmp_workbook):
    from workbook.widgets import TargetProfessions

    tmp_workbook.add_target_profession("Roofer")
    picker = TargetProfessions(tmp_workbook)
    picker.typed.value = "Roofing contractor"
    picker.add_button.click()
    assert "Roofing contractor counts as Roofer here; keep both?" in picker.status.value
    assert picker.keep_both.layout.display != "none"
    assert tmp_workbook.target_professions() == ["Roofer"]
    picker.keep_both.click()
    assert tmp_workbook.target_professions() == ["Roofer", "Roofing contractor"]
    assert "Added Roofing contractor" in picker.status.value
    assert picker.keep_both.layout.display == "none"
