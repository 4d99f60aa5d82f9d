"""The project's own habits: tidy notebooks, one dependency list, a README that starts right."""

import ast
import json
import re
import tomllib
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import workbook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("**/[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "notebooks" / "coach").glob("*.ipynb")
)


def test_there_are_exercise_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00_start_here.ipynb", "01_money_trail.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_thin_and_locked(path):
    book = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in book["metadata"], "saved widget state"
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert code, "no code cells"
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "outputs committed"
        source = "".join(cell["source"])
        assert len(source.strip().splitlines()) <= 6, f"cell too long:\n{source}"
        tree = ast.parse(source)
        defs = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defs, f"logic belongs in workbook/, not in a cell:\n{source}"
    setup = code[0]
    assert setup["metadata"].get("editable") is False
    assert setup["metadata"].get("deletable") is False
    if path.parent.name == "coach":  # the coach's notebooks read a cohort, not one workbook
        assert "import workbook" in "".join(setup["source"])
    else:
        assert "workbook.open()" in "".join(setup["source"])


# What each notebook must show for the demo participant, when run in a real kernel.
SHOWN = {
    "00_start_here": ["Dana Whitfield", "America/New_York"],
    "01_money_trail": [
        "Blue Ridge Hair Studio",  # the grid
        "$61,095",  # the totals line
        "This week, approach",
        "application/vnd.plotly.v1+json",  # the charts
        "bank.csv (202 transactions",  # the demo's bank file, in the list of imported files
        "Haw Creek Pet Grooming",  # a business found in the bank file, not yet in the trail
        "PRINTASHEVILLE → Print Asheville",  # the demo's payee rule
    ],
    "02_preferred_clients": [
        "Retirees",
        "Meet someone in senior move manager",
        "Deepen: Maria Lopez",
        "name tags",
    ],
    "03_goals_to_people": [
        "Ten listings from retirees who are downsizing by June",
        "would come too early",
        "Your goals and the people who could help",
    ],
    "04_gains": [
        "Carla Nuñez",
        "Rotary Club of Asheville",  # shared network
        "Ask Grace: What are you proudest of in your business?",
        "GAINS: what you know, and what you share",
    ],
    "06_follow_up": [
        "Thank Grace Kim for the one-to-one meeting",  # the dashboard
        "Send Maria the list of retiree clients' questions (you promised Maria Lopez)",
        "Tom Reyes",  # to reconnect with
        "Your follow-up: what happened and what is next",  # the timeline
        "Make my calendar file",
    ],
    "coach/cohort_dashboard": [
        "Read 8 workbooks",
        "each is on the other&#x27;s list of five",
        "Wanted but nobody in the room",
        "dana@whitfieldhomes.example",  # opted in
        "Introductions to read out",
        "Name badges",
    ],
    "07_action_plan": [
        "Businesses to approach",
        "Post your announcement (My downsizing workshop at the library)",
        "Ask Grace for help with this goal.",
        "Follow-up: the next two weeks",
    ],
    "05_my_network": [
        "Łukasz Nowak",  # the contacts grid
        "Choose your contacts file",
        "1 referral partner",
        "they give more: find a referral for them",  # Grace
        "Grace Kim</b>: not yet honours referrals",
        "Your network",
        "Referrals given and received",
    ],
    "08_this_week": [
        "meetings held",  # Dana's week, from her workbook
        "Thank Grace Kim within 48 hours",  # suggested from the plan
        "Save my check-in",
    ],
}


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_notebook_shows_the_participants_data(name, tmp_path, monkeypatch):
    """Run the notebook in a real kernel on a demo workbook and look at what it displays."""
    wb = workbook.demo(tmp_path)
    wb.close()
    monkeypatch.setenv("WORKBOOK_PATH", str(wb.path))
    book = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    NotebookClient(book, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    shown = json.dumps(book.metadata.get("widgets", {}), ensure_ascii=False)
    outputs = json.dumps([c.get("outputs", []) for c in book.cells], ensure_ascii=False)
    assert "Traceback" not in outputs
    for text in SHOWN[name]:
        assert text in shown or text in outputs, text


def _names(requirements):
    return {re.split(r"[<>=!~ ;\[]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_installs_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = {
        re.sub(r"\s+", "", r).lower()
        for r in project["dependencies"] + project["optional-dependencies"]["test"]
    }
    conda_side = set()
    lines = (ROOT / "environment.yml").read_text().splitlines()
    for line in lines[lines.index("dependencies:") :]:
        item = line.strip()
        if not item.startswith("- "):
            continue
        value = item[2:].strip()
        if value not in ("pip", "pip:", "-e .") and not value.startswith("python"):
            conda_side.add(re.sub(r"\s+", "", value).lower())
    assert conda_side == pip_side, (
        f"only in environment.yml: {sorted(conda_side - pip_side)}; "
        f"only in pyproject.toml: {sorted(pip_side - conda_side)}"
    )
    assert lines[-1].strip() == "- -e ."  # the package itself, last


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, flags=re.S)
    assert "workbook start" in blocks[0] and "pip install" in blocks[0]
    assert "pytest" in blocks[1] and ".[test]" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = [line for line in blocks[1].splitlines() if "pytest" in line][0].strip()
    assert test_command.split("&&")[-1].strip() in ci


def test_console_script_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "networking-workbook"
    assert project["scripts"]["workbook"] == "workbook.cli:main"
