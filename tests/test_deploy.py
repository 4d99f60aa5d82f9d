"""The workshop server (deploy/), as the README tells a coach to run it: installed by
deploy/install.sh into a folder outside any home folder, with Debian's own Python; the coach's
and the participants' accounts made from a roster; a real JupyterHub on 127.0.0.1 that
participants log in to through its form in chromium, each typing into their own app, none
able to reach another's server or files; the coach gathering the cohort.

These tests create (and then delete) system accounts, so they run only as root, as in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import workbook
from conftest import CHROMIUM, wait_for
from workbook import cohort

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))

sys.path.insert(0, str(ROOT / "bench"))

import _hub  # noqa: E402 - what the load benchmark shares
import add_participants  # noqa: E402
import gather_cohort  # noqa: E402
import workshop  # noqa: E402
from _app import pss_of, stop, tree  # noqa: E402 - the benchmarks' reading of memory

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("useradd") is None,
    reason="creates system accounts: needs root and useradd (CI runs as root)",
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A workshop's settings file, as the coach edits it, with a group and coach of its own."""
    monkeypatch.setenv("WORKBOOK_WORKSHOP_SETTINGS", str(_hub.write_settings(tmp_path)))
    made = workshop.settings()
    try:
        yield made
    finally:
        _hub.remove_accounts(made)


_roster = _hub.roster


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True)


def test_each_participant_has_a_workbook_nobody_else_can_read(setup, tmp_path):
    roster = _roster(tmp_path, ["Ana Pereira,ana@example.org,Ana's Bakes,Baker",
                                "Ben Okafor,,Ben's Bikes,Bike mechanic"])  # fmt: skip
    coach, ana, ben = add_participants.add(roster, setup)
    assert coach.login == setup.coach and coach.password  # the coach's account comes too
    assert len(ana.password) >= 8 and ana.login == "anap" and ben.login == "beno"
    ana_book, ben_book = workshop.workbook_path(ana.login), workshop.workbook_path(ben.login)
    with workbook.open(ana_book) as wb:
        assert (wb.profile().business, wb.profile().profession) == ("Ana's Bakes", "Baker")
    # Each one's own file is theirs: they can read and write it.
    assert _as(ana.login, "test", "-r", str(ana_book), "-a", "-w", str(ana_book)).returncode == 0
    assert (ana_book.parent / "notebooks" / "00_start_here.ipynb").exists()
    assert (ana_book.parent / "notebooks" / "app.ipynb").exists()
    # And not the other's: the folder and the file are closed to them.
    denied = _as(ana.login, "cat", str(ben_book))
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    assert _as(ben.login, "ls", str(ana_book.parent)).returncode != 0
    # The logins and first passwords are kept for the coach, and for nobody else.
    assert _mode(setup.accounts) == 0o600 and _mode(setup.state) == 0o700
    assert ana.password in setup.accounts.read_text(encoding="utf-8")
    assert _as(ana.login, "cat", str(setup.accounts)).returncode != 0

    # The coach gathers the cohort: copies closed to the participants, last edits kept.
    with workbook.open(ben_book) as wb:
        wb.add_business(name="Chain Reaction", amount=30)
    os.utime(ben_book, (1_750_000_000, 1_750_000_000))
    folder = tmp_path / "cohort"
    copied = gather_cohort.gather(folder)
    assert copied == sorted([ana.login, ben.login])  # not the coach
    assert _mode(folder) == 0o700 and _mode(folder / f"{ben.login}.sqlite") == 0o600
    assert (folder / f"{ben.login}.sqlite").stat().st_mtime == 1_750_000_000
    assert len(cohort.load(folder).participants) == 2


def test_the_coachs_notes_go_back_to_each_participant_and_nothing_is_lost(setup, tmp_path):
    """Gather, note, return: the participant edits between the gathering and the return; a
    second gathering before the return keeps the coach's notes; each gets their own notes
    only, in a folder that stays theirs alone; the coach's note is not their 'last edit'."""
    coach, ana, ben = add_participants.add(
        _roster(tmp_path, ["Ana Pereira,ana@example.org,Ana's Bakes,Baker", "Ben Okafor,,,"]), setup
    )
    ana_book, ben_book = workshop.workbook_path(ana.login), workshop.workbook_path(ben.login)
    with workbook.open(ana_book) as wb:
        shop = wb.add_business(name="Corner Cafe", amount=12, frequency="per_month")
        ask = wb.add_ask(shop, "display_cards")
    folder = tmp_path / "cohort"
    gather_cohort.gather(folder)
    with workbook.open(folder / f"{ana.login}.sqlite") as copy:  # the coach, in the dashboard
        edited = copy.store.last_edit()
        copy.add_coach_note("Ask on a Tuesday, when they are quiet.", "asks", ask)
        copy.add_coach_note("A good first week.")
        assert copy.store.last_edit() == edited
    with workbook.open(ana_book) as wb:  # Ana works on meanwhile
        wb.add_business(name="Print Works", amount=40)
        wb.set_ask_status(ask, "asked")
    gather_cohort.gather(folder)  # gathered again before the notes went back: still there
    with workbook.open(folder / f"{ana.login}.sqlite") as copy:
        assert len(copy.coach_notes()) == 2 and "Print Works" in set(copy.businesses()["name"])

    done = subprocess.run([sys.executable, str(DEPLOY / "return_notes.py"), str(folder)],
                          capture_output=True, text=True, env=os.environ, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        f"{ana.login}: 2 new" in done.stdout and "Returned 2 notes to 1 participant" in done.stdout
    )
    with workbook.open(ana_book) as wb:
        notes = wb.coach_notes()
        assert set(notes["text"]) == {
            "Ask on a Tuesday, when they are quiet.",
            "A good first week.",
        }
        assert (
            "Ask of Corner Cafe" in notes.loc[notes["about_table"] == "asks", "about_now"].iloc[0]
        )
        assert {"Corner Cafe", "Print Works"} <= set(wb.businesses()["name"])  # nothing lost
        assert wb.asks()["status"].iloc[0] == "asked"
    with workbook.open(ben_book) as wb:
        assert wb.coach_notes().empty  # Ana's notes are Ana's
    # Her folder is still hers alone after root wrote in it.
    for path in ana_book.parent.iterdir():
        assert path.stat().st_uid == ana_book.parent.stat().st_uid != 0, path
    assert _mode(ana_book) == 0o600
    again = subprocess.run([sys.executable, str(DEPLOY / "return_notes.py"), str(folder)],
                           capture_output=True, text=True, env=os.environ, timeout=120)  # fmt: skip
    assert "Returned 0 notes" in again.stdout  # returning twice adds nothing


def test_names_that_clash_get_their_own_logins_and_a_second_run_changes_nobody(setup, tmp_path):
    rows = ["Ana Silva,silva@example.org,Silva Cakes,Baker",
            "Ana Santos,santos@example.org,Santos Law,Lawyer"]  # fmt: skip
    _coach, silva, santos = add_participants.add(_roster(tmp_path, rows), setup)
    assert (silva.login, santos.login) == ("anas", "anas2")
    assert "anas belongs to Ana Silva" in santos.line()
    with workbook.open(workshop.workbook_path("anas")) as wb:
        assert wb.profile().business == "Silva Cakes"
        wb.set_profile(business="Silva Cakes & Bakes")  # what she typed in the app
    with workbook.open(workshop.workbook_path("anas2")) as wb:
        assert wb.profile().business == "Santos Law"

    # A late joiner; Ana Silva's row now spelled differently, but the same email.
    rows = ["Ana M. Silva,SILVA@example.org,Silva Cakes,Baker", rows[1],
            "Carl Dube,carl@example.org,Dube Decor,Decorator"]  # fmt: skip
    again = add_participants.add(_roster(tmp_path, rows), setup)
    assert [(a.login, a.password) for a in again] == [("anas", ""), ("anas2", ""),
                                                      ("carld", again[2].password)]  # fmt: skip
    assert "already there" in again[0].line()
    with workbook.open(workshop.workbook_path("anas")) as wb:
        assert wb.profile().business == "Silva Cakes & Bakes"  # never reset to the roster
    assert sum("anas" in line for line in setup.accounts.read_text().splitlines()) == 2


def test_a_roster_problem_makes_no_account(setup, tmp_path):
    roster = _roster(tmp_path, ["Ana Silva,ana@example.org,,", "Ana Silva,other@example.org,,"])
    with pytest.raises(workbook.InputError):
        add_participants.add(roster, setup)
    assert subprocess.run(["id", "anas"], capture_output=True).returncode != 0


# -- the hub, installed as the README says ---------------------------------------------


@pytest.fixture(scope="session")
def installed():
    """deploy/install.sh into a folder outside /root, with Debian's own Python."""
    with _hub.installed() as target:
        yield target


def test_the_installed_app_starts_for_anyone(installed):
    """What install.sh made runs the app (`workbook app`) for an account that is not root's,
    from its own files: not from the folder it was installed from."""
    from playwright.sync_api import sync_playwright

    # The app's page, template and participant-server settings, as the Kubernetes config names
    # them: inside the installation.
    app_folder = (installed / "app").resolve()
    assert app_folder.is_relative_to(installed), app_folder
    assert (app_folder / "app.ipynb").exists()
    assert (app_folder / "participant_server.py").exists()

    # Outside pytest's own folder, which only root may enter.
    home = Path(tempfile.mkdtemp(prefix="wbnobody-"))
    os.chown(home, *_ids("nobody"))
    port = _hub.free_port()
    server = subprocess.Popen(
        ["runuser", "-u", "nobody", "--", "env", f"HOME={home}", f"PATH={_hub.SUDO_PATH}",
         str(installed / "bin" / "workbook"), "app", "--workbook", str(home / "wb.sqlite"),
         "--port", str(port)],
        cwd=home, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            assert wait_for(lambda: _hub.answers(port) or server.poll() is not None, timeout=90)
            assert server.poll() is None, server.stdout.read()
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("button", name="0 · Start here").click(timeout=120_000)
            page.get_by_placeholder("Whitfield Homes").wait_for(timeout=60_000)
            browser.close()
        assert (home / "wb.sqlite").stat().st_uid == _ids("nobody")[0]
    finally:
        stop(server)
        shutil.rmtree(home, ignore_errors=True)


def _ids(user: str) -> tuple[int, int]:
    import pwd

    account = pwd.getpwnam(user)
    return account.pw_uid, account.pw_gid


def test_participants_log_in_each_to_their_own_app_and_nothing_else(setup, installed, tmp_path):
    from playwright.sync_api import sync_playwright

    roster = _roster(tmp_path, ["Ana Pereira,ana@example.org,Ana's Bakes,Baker",
                                "Ben Okafor,,Ben's Bikes,Bike mechanic"])  # fmt: skip
    coach, ana, ben = add_participants.add(roster, setup)
    settings_file = Path(os.environ["WORKBOOK_WORKSHOP_SETTINGS"])
    with _hub.hub(installed, settings_file, setup.port, cwd=tmp_path) as hub:
        base, log = hub.base, hub.log
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            pages = {}
            for account, typed in ((ana, "Ana typed this"), (ben, "Ben typed this")):
                page = _hub.login(browser, base, account.login, account.password)
                page.get_by_role("button", name="0 · Start here").click(timeout=120_000)
                field = page.get_by_placeholder("Whitfield Homes")
                field.wait_for(timeout=60_000)  # their own server, in the app
                field.fill(typed)
                field.press("Tab")
                pages[account.login] = page
                assert wait_for(lambda a=account, t=typed: _business(a.login) == t, timeout=30)
            # What a participant's server costs (their server and kernel), and the hub's.
            each = {a.login: pss_of(_hub.processes_of(a.login)) for a in (ana, ben)}
            theirs = {p for a in (ana, ben) for p in _hub.processes_of(a.login)}
            hub_only = pss_of([p for p in tree(hub.process.pid) if p not in theirs])
            print(f"\nPSS per participant, MB: {each}; hub, proxy and culler: {hub_only:.0f}")
            assert all(0 < mb < 600 for mb in each.values())
            # Nothing but the app: no JupyterLab, no file tree, no terminal.
            page = pages[ana.login]
            for path in ("lab", "tree", "terminals/1", "api/terminals"):
                answer = page.request.get(f"{base}/user/{ana.login}/{path}")
                assert answer.status in (403, 404), (path, answer.status)
            # Nor anyone else's server, or the hub's list of users.
            theirs = page.request.get(f"{base}/user/{ben.login}/api/contents", max_redirects=0)
            assert theirs.status in (302, 403, 404) and "Ben typed" not in theirs.text()
            assert page.request.get(f"{base}/hub/api/users").status == 403
            # The coach logs in too, as the hub's admin, with JupyterLab.
            page = _hub.login(browser, base, coach.login, coach.password)
            page.wait_for_url("**/user/*/lab*", timeout=120_000)
            assert page.request.get(f"{base}/hub/api/users").status == 200
            browser.close()
        # The hub's own files are root's alone.
        for name in ("jupyterhub.sqlite", "jupyterhub_cookie_secret"):
            assert _mode(setup.state / name) == 0o600, name
        assert not (tmp_path / "jupyterhub.sqlite").exists()
        assert any("idle-culler" in line for line in log)
    assert not any("Traceback" in line for line in log), "".join(log)


def test_over_https_with_the_readmes_certificate(setup, installed, tmp_path):
    """The README's HTTPS steps, literally: its openssl command for the room's certificate,
    the two settings, and a participant logging in to the app over https."""
    from playwright.sync_api import sync_playwright

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(sudo openssl req .*?)`", readme, re.S).group(1)
    command = " ".join(command.split()).removeprefix("sudo ")
    command = command.replace("/var/lib/networking-workbook", str(setup.state))
    assert "room.crt" in command and "room.key" in command
    workshop.private_folder(setup.state)  # made by add_participants.py, as in the README
    made = subprocess.run(command, shell=True, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    settings_file = Path(os.environ["WORKBOOK_WORKSHOP_SETTINGS"])
    with settings_file.open("a", encoding="utf-8") as f:
        f.write(
            f'ssl_cert = "{setup.state / "room.crt"}"\nssl_key = "{setup.state / "room.key"}"\n'
        )
    (_coach, ana) = add_participants.add(_roster(tmp_path, ["Ana Pereira,,Ana's Bakes,"]), setup)
    with _hub.hub(installed, settings_file, setup.port, tmp_path, scheme="https") as hub:
        assert hub.base.startswith("https://")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            # A participant's browser warns once about the room's certificate; they accept it.
            page = _hub.login(browser, hub.base, ana.login, ana.password, ignore_https_errors=True)
            page.get_by_role("button", name="0 · Start here").click(timeout=120_000)
            page.get_by_placeholder("Whitfield Homes").wait_for(timeout=60_000)
            assert page.url.startswith("https://")
            browser.close()
        # Nothing is served over plain http on that port.
        import http.client
        import urllib.request

        with pytest.raises((OSError, http.client.HTTPException)):
            urllib.request.urlopen(f"http://127.0.0.1:{setup.port}/hub/login", timeout=10)
    assert not any("Traceback" in line for line in hub.log), "".join(hub.log)


def _business(login: str) -> str:
    with workbook.open(workshop.workbook_path(login)) as wb:
        return wb.profile().business


def test_login_cards_as_the_readme_prints_them(setup, installed, tmp_path):
    """README step 4: the installed command, with sudo's PATH, from the accounts file that only
    root reads; a participant is told in words that it is root's."""
    _coach, ana, ben = add_participants.add(
        _roster(tmp_path, ["Ana Pereira,ana@example.org,Ana's Bakes,Baker", "Ben Okafor,,,"]), setup
    )
    out = tmp_path / "cards.pdf"
    address = "https://127.0.0.1:8000/hub/login"
    done = subprocess.run(
        [str(installed / "bin" / "workbook"), "cohort", "cards", str(tmp_path / "cohort"),
         "--accounts", str(setup.accounts), "--address", address, "-o", str(out)],
        capture_output=True, text=True, env={**os.environ, "PATH": _hub.SUDO_PATH}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout and "2 login cards" in done.stdout
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (ana.login, ana.password, ben.login, ben.password, "Ana Pereira", address):
        assert words in text.replace("\n", " "), words
    refused = _as(ana.login, str(installed / "bin" / "workbook"), "cohort", "cards", "/tmp",
                  "--accounts", str(setup.accounts), "--address", address, "-o", "/tmp/x.pdf")  # fmt: skip
    assert refused.returncode == 2 and "readable by root alone" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
