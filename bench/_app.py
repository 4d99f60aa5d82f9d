"""What the app benchmarks share: the app (or a hello-world Voilà page, the baseline) served
from a fresh demo workbook, the memory of a whole process tree, and a page in chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import workbook
from workbook import app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    """The process and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry))
    found = [pid]
    for p in found:
        found.extend(children.get(p, []))
    return found


def pss_mb(pid: int) -> float:
    """Proportional set size of the whole tree (shared pages counted once overall), in MB."""
    return pss_of(tree(pid))


def pss_of(pids: list[int]) -> float:
    """Proportional set size of these processes, in MB."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the whole tree so far (children still running)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return total / tick


def settle(pid: int, quiet: float = 0.05, seconds: float = 3.0, limit: float = 90.0) -> None:
    """Wait until the tree has used under ``quiet`` CPU seconds per second for ``seconds``."""
    deadline = time.monotonic() + limit
    last, calm_since = cpu_seconds(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now - last > quiet * 0.5:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= seconds:
            return
        last = now


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: list[str] = field(default_factory=list)
    started: float = 0.0  # time.monotonic() when the command was run


def _wait_until_answering(server: Server, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            with urllib.request.urlopen(
                server.url.split("?")[0].rsplit("/", 1)[0] + "/", timeout=2
            ):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not come up:\n" + "".join(server.log))


@contextlib.contextmanager
def serve(command: list[str], env: dict[str, str], url: str) -> Iterator[Server]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    server = Server(process, url, started=time.monotonic())
    threading.Thread(
        target=lambda: server.log.extend(iter(process.stdout.readline, "")), daemon=True
    ).start()
    try:
        _wait_until_answering(server)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """The process and everything it started (its session), given 30 s to finish."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def the_app(folder: Path) -> Iterator[Server]:
    """``workbook app`` on a fresh copy of the demo workbook, as a participant starts it."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = workbook.demo(folder)
    wb.close()
    port = free_port()
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data")}
    command = [sys.executable, "-m", "workbook.cli", "app", "--workbook", str(wb.path),
               "--port", str(port)]  # fmt: skip
    with serve(command, env, f"http://127.0.0.1:{port}/") as server:
        yield server


@contextlib.contextmanager
def hello_world(folder: Path) -> Iterator[Server]:
    """The baseline: Voilà with the app's options on a one-widget notebook."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / "hello.ipynb"
    hello = nbformat.v4.new_notebook()
    hello.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.HTML('Hello')")]
    nbformat.write(hello, notebook)
    port = free_port()
    command = [part if part != str(app.APP) else str(notebook) for part in app.command(port)]
    env = {**app.environment(folder / "unused.sqlite"), "HOME": str(folder)}
    with serve(command, env, f"http://127.0.0.1:{port}/") as server:
        yield server


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="bench-app-"))


def cleanup(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def browser(playwright):  # noqa: ANN001, ANN201 - playwright's own types
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(context, url: str, ready: str = ".jupyter-widgets", timeout: float = 120.0):  # noqa: ANN001, ANN201
    """A new page at ``url``; returns (page, seconds until ``ready`` is on screen)."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, timeout=timeout * 1000)
    page.locator(ready).first.wait_for(timeout=timeout * 1000)
    return page, time.perf_counter() - start


def go_to(page, number: int, timeout: float = 60.0) -> float:  # noqa: ANN001
    """Click exercise ``number`` in the app's exercise strip; seconds until it is shown."""
    start = time.perf_counter()
    page.locator(".workbook-strip .jupyter-button").nth(number + 1).click()
    shown(page, number, timeout)
    return time.perf_counter() - start


def shown(page, number: int, timeout: float = 60.0) -> None:  # noqa: ANN001
    """Wait until exercise ``number`` is on screen: its heading visible, nothing opening."""
    page.locator(f".workbook-app.workbook-at-{number}").wait_for(timeout=timeout * 1000)
    page.locator("h1:visible", has_text=f"{number} ·").first.wait_for(timeout=timeout * 1000)
    page.wait_for_function(
        "() => !document.querySelector('.workbook-opening')", timeout=timeout * 1000
    )
