import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import workbook
from workbook import cohort, store


def test_new_workbook_has_current_schema_and_empty_profile(tmp_workbook):
    assert tmp_workbook.store.schema_version == store.SCHEMA_VERSION
    assert tmp_workbook.profile() == workbook.Profile()
    assert tmp_workbook.businesses().empty


def test_edits_are_on_disk_before_the_call_returns(tmp_workbook):
    business_id = tmp_workbook.add_business(
        name="Blue Ridge Hair Studio", amount=65, frequency="per visit", visits_per_year=10
    )
    tmp_workbook.update_business(business_id, years_as_customer=8)
    # A second, independent connection sees the committed edit at once.
    con = sqlite3.connect(tmp_workbook.path)
    assert con.execute("SELECT name, years_as_customer FROM businesses").fetchall() == [
        ("Blue Ridge Hair Studio", 8.0)
    ]
    con.close()


def test_reopening_shows_what_was_saved(tmp_path):
    path = tmp_path / "wb.sqlite"
    with workbook.open(path) as wb:
        wb.set_profile(name="Zoë Łukasz 王芳", currency="eur")
        wb.add_business(name="Café Zoë", amount="1,200", frequency="per year", years_as_customer=3)
    with workbook.open(path) as wb:
        assert wb.profile().name == "Zoë Łukasz 王芳"
        assert wb.profile().currency == "EUR"
        assert wb.spend_table().loc[0, "lifetime_spend"] == 3600


def test_open_uses_workbook_path_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_PATH", str(tmp_path / "from-env.sqlite"))
    with workbook.open() as wb:
        assert wb.path == (tmp_path / "from-env.sqlite").resolve()
    monkeypatch.delenv("WORKBOOK_PATH")
    assert workbook.default_path().name == "workbook.sqlite"
    assert "networking-workbook" in str(workbook.default_path())


def test_a_file_that_is_not_a_workbook_is_refused_and_left_alone(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are my notes, not a database")
    with pytest.raises(workbook.InputError, match="not a workbook file"):
        workbook.open(bad)
    assert bad.read_text() == "these are my notes, not a database"
    with pytest.raises(workbook.InputError, match="looks like a .csv"):
        workbook.open(tmp_path / "contacts.csv")
    with pytest.raises(workbook.InputError, match="is a folder"):
        workbook.open(tmp_path)


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "photos.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(workbook.InputError, match="another program"):
        workbook.open(path)
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    con.close()
    assert tables == ["albums"]


def test_a_newer_file_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(workbook.InputError, match="newer version"):
        workbook.open(path)


def test_editing_a_row_deleted_elsewhere_says_so(tmp_path):
    path = tmp_path / "wb.sqlite"
    first, second = workbook.open(path), workbook.open(path)
    business_id = first.add_business(name="Westside Hardware", amount=600)
    second.delete_business(business_id)
    with pytest.raises(workbook.InputError, match="no longer in the workbook"):
        first.update_business(business_id, amount=700)
    first.close()
    second.close()


def test_a_table_read_again_comes_from_memory_until_the_file_changes(tmp_path):
    path = tmp_path / "wb.sqlite"
    mine, other_window = workbook.open(path), workbook.open(path)
    mine.add_business(name="Blue Ridge Hair Studio", amount=65)
    queries: list[str] = []
    mine.store._con.set_trace_callback(queries.append)
    first = mine.businesses()
    first["name"] = "changed by a caller"  # a caller's own copy
    again = mine.businesses()
    assert list(again["name"]) == ["Blue Ridge Hair Studio"]
    assert [q for q in queries if q.startswith("SELECT * FROM businesses")] == [
        "SELECT * FROM businesses ORDER BY id"
    ]  # read once
    # Another window (another connection) commits: the next read sees it.
    other_window.add_business(name="Pisgah Auto Care", amount=900)
    assert list(mine.businesses()["name"]) == ["Blue Ridge Hair Studio", "Pisgah Auto Care"]
    # Another program writes the file directly: seen too.
    con = sqlite3.connect(path)
    con.execute("UPDATE businesses SET name = 'Westside Hardware' WHERE id = 1")
    con.commit()
    con.close()
    assert list(mine.businesses()["name"]) == ["Westside Hardware", "Pisgah Auto Care"]
    # This window's own change, including one that changes no row count.
    mine.update_business(1, amount=70)
    assert list(mine.businesses()["amount"]) == [70, 900]
    mine.close()
    other_window.close()


def test_an_edit_forgets_only_what_was_made_from_the_edited_table(tmp_path):
    """Kept tables and the tables worked out from them are read again after an edit only if
    they were made from the edited table, directly or through another kept one."""
    wb = workbook.open(tmp_path / "wb.sqlite")
    ann = wb.add_contact(name="Ann Lee", depth="connection")
    wb.add_referral(ann, "given")
    goal = wb.add_goal("Three new partners by March")
    wb.add_goal_person(goal, contact_id=ann)
    shop = wb.add_business(name="Blue Ridge Hair Studio", amount=65)
    wb.contacts()  # kept first, so the goal people below take it from memory
    for made in (wb.network_layout, wb.goal_people, wb.spend_table):
        made()
    queries: list[str] = []
    wb.store._con.set_trace_callback(queries.append)

    def read_again() -> set[str]:
        found = {q.split()[3] for q in queries if q.startswith("SELECT * FROM")}
        queries.clear()
        return found

    wb.update_business(shop, amount=70)
    assert list(wb.spend_table()["amount"]) == [70]
    assert list(wb.network_layout()["name"]) == ["Ann Lee"]
    assert list(wb.goal_people()["name"]) == ["Ann Lee"]
    assert read_again() == {"businesses"}  # not the contacts, referrals, goals, asks
    # The goal people were made from the contacts taken from memory: an edit of a contact
    # reaches them too.
    wb.update_contact(ann, name="Ann Lee-Park")
    assert list(wb.goal_people()["name"]) == ["Ann Lee-Park"]
    assert list(wb.network_layout()["name"]) == ["Ann Lee-Park"]
    assert list(wb.spend_table()["amount"]) == [70]
    assert read_again() == {"contacts"}
    # A delete cascades (the goal's person and the referral go with the contact): all is
    # read again.
    wb.delete_contact(ann)
    assert wb.goal_people().empty and wb.network_layout().empty
    assert list(wb.spend_table()["amount"]) == [70]
    assert {"goal_people", "referrals", "contacts", "businesses"} <= read_again()
    wb.close()


# The version-1 schema exactly as the first release wrote it, typed out here by hand so the
# test does not depend on the migration code it checks.
VERSION_1 = """
CREATE TABLE profile (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL DEFAULT '',
  business TEXT NOT NULL DEFAULT '', profession TEXT NOT NULL DEFAULT '',
  preferred_client TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT 'USD');
CREATE TABLE businesses (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL CHECK (name <> ''),
  profession TEXT NOT NULL DEFAULT '', amount REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),
  frequency TEXT NOT NULL DEFAULT 'per_year' CHECK (frequency IN ('per_visit', 'per_month', 'per_year')),
  visits_per_year REAL NOT NULL DEFAULT 1 CHECK (visits_per_year >= 0),
  years_as_customer REAL NOT NULL DEFAULT 1 CHECK (years_as_customer >= 0),
  referrals_sent INTEGER NOT NULL DEFAULT 0 CHECK (referrals_sent >= 0),
  notes TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
CREATE TABLE asks (id INTEGER PRIMARY KEY AUTOINCREMENT,
  business_id INTEGER NOT NULL REFERENCES businesses(id) ON DELETE CASCADE, kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'planned'
  CHECK (status IN ('planned', 'asked', 'agreed', 'declined')), notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
INSERT INTO profile VALUES (1, 'Dana Whitfield', 'Whitfield Homes', 'Real-estate agent',
  'retired homeowners', 'Asheville, NC', 'USD');
INSERT INTO businesses VALUES (1, 'Blue Ridge Hair Studio', 'Hair stylist', 65, 'per_visit', 10, 8, 5,
  'Carla', '2026-01-05T10:00:00+00:00');
INSERT INTO businesses VALUES (2, 'Pisgah Auto Care', 'Auto repair', 900, 'per_year', 1, 9, 4, '',
  '2026-01-05T10:01:00+00:00');
INSERT INTO asks VALUES (1, 1, 'display_cards', '', 'agreed', 'At the front desk',
  '2026-02-01T09:00:00+00:00');
PRAGMA user_version = 1;
"""


def _version_1_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.executescript(VERSION_1)
    con.close()
    return path


def test_a_version_1_file_is_migrated_after_a_backup_losing_nothing(tmp_path):
    path = _version_1_file(tmp_path / "dana.sqlite")
    original_bytes = path.read_bytes()
    with workbook.open(path) as wb:
        assert wb.store.schema_version == store.SCHEMA_VERSION
        backup = wb.store.backup_path
        assert backup is not None and backup.exists()
        assert wb.profile().name == "Dana Whitfield"
        assert wb.profile().time_zone == ""
        spend = wb.spend_table().set_index("name")
        assert spend.loc["Blue Ridge Hair Studio", "lifetime_spend"] == 65 * 10 * 8
        assert spend.loc["Pisgah Auto Care", "referrals_sent"] == 4
        asks = wb.asks()
        assert asks.loc[0, "status"] == "agreed"
        assert asks.loc[0, "notes"] == "At the front desk"
        assert asks.loc[0, "planned_on"] == "2026-02-01"
        # The migrated file takes new-style edits.
        wb.set_profile(time_zone="America/New_York")
        wb.set_ask_status(int(asks.loc[0, "id"]), "agreed")
    # The backup is the untouched version-1 workbook.
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM businesses").fetchone()[0] == 2
    con.close()
    assert len(original_bytes) > 0
    # Opening again does not migrate or back up again.
    with workbook.open(path) as wb:
        assert wb.store.backup_path is None
        assert wb.profile().time_zone == "America/New_York"


def test_demo_is_a_copy_and_never_changes_the_sample_files(tmp_path):
    from workbook import sample

    def files():
        return {p: p.read_bytes() for p in sample.sample_dir().rglob("*") if p.is_file()}

    before = files()
    with workbook.demo(tmp_path) as wb:
        assert wb.profile().profession == "Real-estate agent"
        assert len(wb.businesses()) == 12
        wb.add_business(name="Extra", amount=1)
        wb.delete_business(int(wb.businesses().loc[0, "id"]))
    cohort.demo(tmp_path / "cohort")  # the sample cohort is read, never written, too
    after = files()

    assert before == after
    assert tmp_path in wb.path.parents


def _everything(wb) -> dict:
    return {table: wb.store.read(table) for table in wb.store.tables()}


@pytest.mark.parametrize(
    ("table", "remove"),
    [
        ("businesses", "delete_business"),
        ("asks", "delete_ask"),
        ("contacts", "delete_contact"),
        ("goals", "delete_goal"),
        ("goal_people", "remove_goal_person"),
        ("referrals", "delete_referral"),
        ("interactions", "delete_interaction"),
        ("promises", "delete_promise"),
        ("import_batches", "delete_import"),
        ("payee_rules", "delete_payee_rule"),
    ],
)
def test_every_removal_says_what_goes_and_comes_back_whole(demo_workbook, table, remove):
    """Remove the first row of each kind the sample participant has, then undo: every table
    is as it was, what hung on the row included (asks of a business, a contact's goals, GAINS
    and referrals, an import's payments)."""
    wb = demo_workbook
    before = _everything(wb)
    row_id = int(before[table]["id"].iloc[0])
    going = wb.what_goes_with(table, row_id)
    assert all(isinstance(sentence, str) and sentence.endswith(".") for sentence in going)
    removal = getattr(wb, remove)(row_id)
    assert row_id not in set(wb.store.read(table)["id"])
    assert removal in set(wb.store.removals()["id"])
    wb.undo(removal)
    after = _everything(wb)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)
    with pytest.raises(workbook.InputError):
        wb.undo(removal)  # once only


def test_removing_a_person_says_which_goal_they_are_on(demo_workbook):
    wb = demo_workbook
    person = wb.goal_people().iloc[0]
    going = " ".join(wb.what_goes_with("contacts", int(person["contact_id"])))
    goal = wb.goals().set_index("id").loc[person["goal_id"], "text"]
    assert goal in going
