from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)",
)


@contextlib.contextmanager
def chromium_page(request, screenshot_prefix: str = "", **context_options):
    """A page in Debian's chromium driven by playwright (never a downloaded browser); a failed
    test leaves a screenshot of it in test-artefacts/."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        page = browser.new_context(**context_options).new_page()
        try:
            yield page
        finally:
            if getattr(request.node, "failed", False):
                ARTEFACTS.mkdir(exist_ok=True)
                shot = ARTEFACTS / f"{screenshot_prefix}{request.node.name}.png"
                page.screenshot(path=str(shot), full_page=True)
            browser.close()


def db_rows(path: Path, query: str) -> list[tuple]:
    """Rows straight from a workbook file, as another program would read them."""
    con = sqlite3.connect(path)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def wait_for(check, timeout: float = 20.0):
    """Poll ``check`` until it is truthy or the time is up; return its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    return check()


@pytest.fixture(autouse=True)
def _speaks_english():
    """Each test starts in English, written as in the US, whatever the one before spoke."""
    from workbook import i18n

    i18n.use("en", "en-US")
    yield
    i18n.use("en", "en-US")


@pytest.fixture
def tmp_workbook(tmp_path: Path):
    """A fresh, empty workbook file per test."""
    wb = workbook.open(tmp_path / "participant.sqlite")
    yield wb
    wb.close()


@pytest.fixture
def demo_workbook(tmp_path: Path):
    """A fresh copy of the sample participant's workbook."""
    wb = workbook.demo(tmp_path)
    yield wb
    wb.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Mark a failed test on its node, so a browser fixture can save a screenshot."""
    outcome = yield
    if outcome.get_result().failed:
        item.failed = True


@dataclass
class LabServer:
    base: str  # http://127.0.0.1:PORT
    token: str
    workbook: Path
    printed: str  # what `workbook start` printed up to the address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(tmp_path: Path, *command: str):
    """Run a `workbook` command that serves JupyterLab (start or demo) on a machine with no
    screen and an empty home folder, as on a workshop laptop, until the block ends."""
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "DISPLAY": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", *command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    seen: list[str] = []
    token = None
    deadline = time.monotonic() + 90
    while token is None and time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=(\w+)", line)
        token = match.group(1) if match else None
    printed = "".join(seen)
    try:
        assert token, "JupyterLab did not print its address:\n" + printed
        workbook_path = Path(re.search(r"Your workbook: (.*)", printed).group(1).strip())
        yield LabServer(f"http://127.0.0.1:{port}", token, workbook_path, printed)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@dataclass
class AppServer:
    base: str  # http://127.0.0.1:PORT
    workbook: Path
    log: list[str]


@contextlib.contextmanager
def running_app(tmp_path: Path, workbook_path: Path):
    """`workbook app` on a machine with no screen, until the block ends; ready once Voilà
    listens and its kernel for the next page is warm."""
    import threading

    port = _free_port()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    server = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", "app", "--workbook", str(workbook_path),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )  # fmt: skip
    log: list[str] = []
    # A thread reads the output, so waiting for a line never blocks past the deadline.
    threading.Thread(
        target=lambda: log.extend(iter(server.stdout.readline, "")), daemon=True
    ).start()

    def ready() -> bool:
        text = "".join(log)
        return f"127.0.0.1:{port}" in text and "is filled with" in text

    deadline = time.monotonic() + 120
    while not ready() and time.monotonic() < deadline and server.poll() is None:
        time.sleep(0.2)
    try:
        assert ready(), "the app did not come up:\n" + "".join(log)
        yield AppServer(f"http://127.0.0.1:{port}", workbook_path, log)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def app_on_a_new_workbook(tmp_path_factory, folder: str, name: str):
    """The app, served on a workbook made empty for the tests of one module."""
    where = tmp_path_factory.mktemp(folder)
    path = where / name
    workbook.open(path).close()
    with running_app(where, path) as server:
        yield server


@pytest.fixture
def lab_server(tmp_path):
    """`workbook start` on a fresh workbook: what the README's first command does."""
    with running_lab(tmp_path, "start", "--workbook", str(tmp_path / "participant.sqlite")) as lab:
        yield lab
