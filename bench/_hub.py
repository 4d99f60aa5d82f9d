"""What the workshop server's test and its load benchmark share: deploy/install.sh run into a
folder outside any home folder, a workshop's settings file with a group and coach of its own
(and the accounts made for it removed afterwards), the hub started as the README says (with
sudo's PATH), and logging in through the hub's form.

Both create system accounts: they run as root only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _app import stop

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SUDO_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # sudo's secure_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install(target: Path, *options: str) -> subprocess.CompletedProcess:
    """``sh deploy/install.sh <target>``, as a coach runs it with sudo."""
    env = {**os.environ, "PATH": SUDO_PATH}
    return subprocess.run(
        ["sh", str(DEPLOY / "install.sh"), str(target), *options],
        env=env, capture_output=True, text=True,
    )  # fmt: skip


@contextlib.contextmanager
def installed() -> Iterator[Path]:
    """The workbook and the hub, installed by deploy/install.sh into a fresh folder in /opt."""
    if shutil.which("configurable-http-proxy") is None:
        raise RuntimeError("needs configurable-http-proxy (npm; .ci/run installs it)")
    target = Path("/opt") / f"wbtest-{secrets.token_hex(3)}"
    done = install(target)
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    try:
        yield target
    finally:
        shutil.rmtree(target, ignore_errors=True)


def write_settings(folder: Path, idle_server_minutes: int = 60) -> Path:
    """A workshop.toml with a coach, group and state folder of its own, on loopback."""
    tag = secrets.token_hex(3)
    path = folder / "workshop.toml"
    path.write_text(
        f'coach = "wbc{tag}"\ngroup = "wbt{tag}"\nip = "127.0.0.1"\nport = {free_port()}\n'
        f'state = "/var/lib/wbt-{tag}"\nidle_server_minutes = {idle_server_minutes}\n',
        encoding="utf-8",
    )
    return path


def remove_accounts(setup) -> None:  # noqa: ANN001 - workshop.Settings
    """Every account of the workshop's group and the coach's, their files, the hub's state."""
    members = subprocess.run(
        ["getent", "group", setup.group], capture_output=True, text=True
    ).stdout.strip()
    users = members.split(":")[-1].split(",") if members else []
    for user in {*filter(None, users), setup.coach}:
        subprocess.run(["pkill", "-u", user], capture_output=True)
        subprocess.run(["userdel", "-r", user], capture_output=True)
    subprocess.run(["groupdel", setup.group], capture_output=True)
    shutil.rmtree(setup.state, ignore_errors=True)


def roster(folder: Path, rows: list[str]) -> Path:
    path = folder / "roster.csv"
    path.write_text("Name,Email,Business,Profession\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@dataclass
class Hub:
    process: subprocess.Popen
    base: str
    log: list[str] = field(default_factory=list)


@contextlib.contextmanager
def hub(
    target: Path, settings_file: Path, port: int, cwd: Path, scheme: str = "http"
) -> Iterator[Hub]:
    """``<target>/bin/jupyterhub -f deploy/jupyterhub_config.py`` with sudo's PATH (no
    ``<target>/bin`` in it), until it answers on ``port`` (``https`` when the settings give
    a certificate)."""
    env = {"PATH": SUDO_PATH, "WORKBOOK_WORKSHOP_SETTINGS": str(settings_file)}
    process = subprocess.Popen(
        [str(target / "bin" / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py")],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    running = Hub(process, f"{scheme}://127.0.0.1:{port}")
    threading.Thread(
        target=lambda: running.log.extend(iter(process.stdout.readline, "")), daemon=True
    ).start()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not ready(running.base):
            time.sleep(0.5)
        yield running
    finally:
        stop(process)


def answers(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port`` (http or https alike)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def ready(base: str) -> bool:
    """Whether the hub itself answers its login page through the proxy. The proxy listens
    first and answers 503 until the hub has registered with it, so an open port is not yet a
    hub a participant can log in to."""
    context = ssl._create_unverified_context()  # the room's own certificate, in the tests
    try:
        with urllib.request.urlopen(f"{base}/hub/login", timeout=2, context=context) as answer:
            return answer.status == 200
    except (OSError, ValueError):
        return False


def processes_of(user: str) -> list[int]:
    found = subprocess.run(["pgrep", "-u", user], capture_output=True, text=True).stdout
    return [int(p) for p in found.split()]


def login(browser, base: str, user: str, password: str, **context):  # noqa: ANN001, ANN201
    """A new browser context (with playwright's ``context`` options) logged in as ``user``
    through the hub's form."""
    page = browser.new_context(**context).new_page()
    page.goto(f"{base}/hub/login")
    page.wait_for_selector("#username_input", timeout=90_000)
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    return page
