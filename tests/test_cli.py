"""The workbook command, run as a participant or coach runs it."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import workbook


def _run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_new_makes_a_workbook_with_the_profile_and_never_overwrites(tmp_path):
    path = tmp_path / "zoe.sqlite"
    done = _run(
        "new",
        str(path),
        "--name",
        "Zoë Adams",
        "--business",
        "Zoë's Bakes",
        "--profession",
        "Baker",
    )
    assert done.returncode == 0, done.stderr
    with workbook.open(path) as wb:
        assert wb.profile().name == "Zoë Adams"
        wb.add_business(name="Mill", amount=40)
    again = _run("new", str(path), "--name", "Someone Else")
    assert again.returncode == 0 and "left as it is" in again.stdout
    with workbook.open(path) as wb:
        assert wb.profile().name == "Zoë Adams" and len(wb.businesses()) == 1


def test_start_on_a_file_that_is_not_a_workbook_says_so(tmp_path):
    bad = tmp_path / "photo.sqlite"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    done = _run("start", "--workbook", str(bad), "--no-browser")
    assert done.returncode == 2
    assert "is not a workbook file" in done.stderr
    assert "Traceback" not in done.stderr


def _served_notebooks(lab) -> set[str]:
    url = f"{lab.base}/api/contents?token={lab.token}"
    for _ in range(40):  # the address is printed a moment before the port accepts
        try:
            return {
                item["name"]
                for item in json.load(urllib.request.urlopen(url, timeout=10))["content"]
            }
        except OSError:
            time.sleep(0.5)
    raise AssertionError("JupyterLab never answered")


def test_start_brings_up_jupyterlab_on_the_exercises_and_prints_the_address(lab_server, tmp_path):
    assert lab_server.workbook == (tmp_path / "participant.sqlite").resolve()
    assert "No web browser here" in lab_server.printed
    assert {"00_start_here.ipynb", "01_money_trail.ipynb"} <= _served_notebooks(lab_server)
    assert lab_server.workbook.exists()  # made before the server started


def test_demo_serves_a_temporary_copy_of_the_sample(tmp_path):
    from conftest import running_lab

    with running_lab(tmp_path, "demo") as lab:
        assert "demo workbook in a temporary folder" in lab.printed
        assert "01_money_trail.ipynb" in _served_notebooks(lab)
        with workbook.open(lab.workbook) as wb:
            assert wb.profile().name == "Dana Whitfield"
            assert len(wb.businesses()) == 12
    assert not lab.workbook.parent.exists()  # the temporary copy goes when the demo stops


def test_import_reads_bank_files_carries_on_past_a_bad_one_and_lists_candidates(tmp_path):
    from pathlib import Path

    imports = Path(__file__).resolve().parent / "fixtures" / "imports"
    path = tmp_path / "dana.sqlite"
    done = _run(
        "import",
        "bank",
        str(imports / "statement.csv"),
        str(imports / "bofa_checking.csv"),
        "--workbook",
        str(path),
    )
    assert done.returncode == 1
    assert "statement.csv: is a PDF document" in done.stderr
    assert "Read 4 transactions from bofa_checking.csv (Bank of America CSV): 4 new." in done.stdout
    assert "Left out 1 balance line." in done.stdout
    # One payment of 120.00 is $120 a year, never multiplied by the file's 24 days into $1,565.
    assert "Green Thumb Lawn Care: $120 a year, 1 payment (Lawn care)" in done.stdout
    assert "Comcast: $89.99 a year, 1 payment, probably not local" in done.stdout
    again = _run("import", "contacts", str(imports / "apple_contacts.vcf"), "--workbook", str(path))
    assert again.returncode == 0, again.stderr
    assert "Read 2 contacts from apple_contacts.vcf (vCard): 2 new." in again.stdout
    with workbook.open(path) as wb:
        assert len(wb.transactions()) == 4 and len(wb.contacts()) == 2
