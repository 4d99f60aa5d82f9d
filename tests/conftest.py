from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import workbook


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


def browser_edit(grid, row: int, column: str, value) -> None:
    """Deliver a cell edit to a DataGrid exactly as the browser sends it over the comm."""
    message = {
        "event_type": "cell-changed",
        "row": row,
        "column_index": grid._column_name_to_index(column),
        "value": value,
    }
    grid._DataGrid__handle_custom_msg(None, message, None)


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


@pytest.fixture
def lab_server(tmp_path):
    """`workbook start` on a fresh workbook, on a machine with no screen and an empty home
    folder: what the README's first command does on a workshop laptop."""
    path = tmp_path / "participant.sqlite"
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "DISPLAY": "",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workbook.cli",
            "start",
            "--workbook",
            str(path),
            "--port",
            str(port),
        ],
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
    try:
        assert token, "JupyterLab did not print its address:\n" + "".join(seen)
        yield LabServer(f"http://127.0.0.1:{port}", token, path, "".join(seen))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
