"""Whole-workbook xlsx export and import: nothing lost, nothing run."""

import subprocess
import sys
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook.report import export_xlsx, import_xlsx

risky = st.one_of(
    st.sampled_from(
        [
            '=HYPERLINK("http://x","click")',
            "+1+1",
            "-2",
            "@SUM(A1:A2)",
            "=1+1",
            "'quoted",
            "tab\tinside",
            "line\nbreak",
            "return\rinside",
            "Windows\r\nline",
            "a literal _x000D_ stays",
            "bell\x07and\x1fcontrols",
            "Zoë & 王芳",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
)


def _same(a, b):
    return all(a.store.dump(t) == b.store.dump(t) for t in a.store.tables())


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(risky.filter(lambda s: s.strip()), min_size=1, max_size=5),
    notes=risky,
    # Money as typed, to the cent. (xlsx keeps 16 significant digits, more than Excel shows.)
    amount=st.integers(0, 10**11).map(lambda cents: cents / 100),
)
def test_round_trip_loses_nothing(tmp_path_factory, names, notes, amount):
    folder = tmp_path_factory.mktemp("x")
    wb = workbook.demo(folder)
    for name in names:
        business = wb.add_business(name=name, notes=notes, amount=amount)
        wb.add_ask(business, "other", detail=name)
        person = wb.add_contact(name=name, notes=notes)
        wb.add_referral(person, "given", "2026-01-02", notes, amount)
    wb.set_gains(interests=notes)
    path = export_xlsx(wb, folder / "all.xlsx")
    with workbook.open(folder / "back.sqlite") as back:
        import_xlsx(path, back)
        assert _same(wb, back)
        assert back.spend_table().equals(wb.spend_table())
    wb.close()


def test_text_that_looks_like_a_formula_stays_text(demo_workbook, tmp_path):
    demo_workbook.add_business(name='=HYPERLINK("http://evil.example","Click me")', notes="@cmd")
    path = export_xlsx(demo_workbook, tmp_path / "all.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)  # no formula anywhere
    cells = [
        c
        for row in openpyxl.load_workbook(path)["businesses"].iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=@"
    ]
    assert {c.data_type for c in cells} == {"s"} and len(cells) == 2


def test_import_refuses_a_workbook_with_data_and_a_file_that_is_not_an_export(
    demo_workbook, tmp_path
):
    path = export_xlsx(demo_workbook, tmp_path / "all.xlsx")
    with pytest.raises(workbook.InputError, match="already has data"):
        import_xlsx(path, demo_workbook)
    other = openpyxl.Workbook()
    other.active.title = "Sheet1"
    other.save(tmp_path / "budget.xlsx")
    with workbook.open(tmp_path / "new.sqlite") as fresh:
        with pytest.raises(workbook.InputError, match="no sheet named 'profile'"):
            import_xlsx(tmp_path / "budget.xlsx", fresh)
        (tmp_path / "notes.xlsx").write_text("not a spreadsheet")
        with pytest.raises(workbook.InputError, match="not an .xlsx workbook export"):
            import_xlsx(tmp_path / "notes.xlsx", fresh)
        assert fresh.businesses().empty  # nothing half-imported


def test_export_and_new_from_xlsx_on_the_command_line(demo_workbook, tmp_path):
    sheet = tmp_path / "dana.xlsx"
    cli = [sys.executable, "-m", "workbook.cli"]
    done = subprocess.run(
        [*cli, "export", "xlsx", "--workbook", str(demo_workbook.path), "-o", str(sheet)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "copy.sqlite"
    done = subprocess.run(
        [*cli, "new", str(copy), "--from-xlsx", str(sheet)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with workbook.open(copy) as back:
        assert _same(demo_workbook, back)
    bad = subprocess.run(
        [*cli, "new", str(tmp_path / "x.sqlite"), "--from-xlsx", str(tmp_path / "missing.xlsx")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "there is no such file" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_new_from_xlsx_killed_part_way_leaves_no_workbook_and_a_rerun_makes_it_whole(tmp_path):
    import time

    lines = ["Date,Description,Amount"] + [
        f"2025-{1 + n % 12:02d}-{1 + n % 28:02d},SHOP {n % 400} LEEDS,-{1 + n % 97}.{n % 100:02d}"
        for n in range(15_000)
    ]
    (tmp_path / "bank.csv").write_text("\n".join(lines), encoding="utf-8")
    with workbook.open(tmp_path / "full.sqlite") as full:
        full.import_transactions(tmp_path / "bank.csv", progress=False)
        sheet = export_xlsx(full, tmp_path / "full.xlsx")
    target = tmp_path / "copy.sqlite"
    command = [sys.executable, "-m", "workbook.cli", "new", str(target), "--from-xlsx", str(sheet)]
    running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while running.poll() is None and time.monotonic() < deadline:
        if (tmp_path / ".copy.sqlite.partial").exists():
            time.sleep(0.2)  # part-way through the import
            break
        time.sleep(0.01)
    running.kill()
    running.wait()
    assert not target.exists()  # nothing half-made where the workbook belongs
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with workbook.open(target) as back, workbook.open(tmp_path / "full.sqlite") as full:
        assert _same(full, back)
    assert not list(tmp_path.glob(".*partial*"))
