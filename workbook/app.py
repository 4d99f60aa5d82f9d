"""The workshop app: the exercise notebooks served by Voilà, code hidden, on this machine only.

``workbook app`` runs Voilà on 127.0.0.1 with the workbook's own template (no CDN links; a
landing page that lists the exercises in order) and one preheated kernel per exercise: the
kernel has started and imported everything before the participant opens the page, and opens
the workbook only when the page is asked for, so what it shows is never stale.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "app_templates"
TEMPLATE = "workbook"


def command(notebooks: Path, port: int | None = None, *, preheat: bool = True) -> list[str]:
    """The Voilà command line for the app."""
    line = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE}",
        "--classic_tree=True",  # our landing page, not Voilà's file browser
        "--show_tracebacks=False",
        "--strip_sources=True",
        # Kernels of closed pages are shut down after a while, as a long workshop goes on.
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_idle_timeout=3600",
    ]
    if preheat:
        line += ["--preheat_kernel=True", "--pool_size=1"]
    if port:
        line.append(f"--port={port}")
    return line


def environment(workbook_path: Path) -> dict[str, str]:
    """The app's environment: the participant's workbook, and our template on Jupyter's path."""
    paths = [str(TEMPLATES), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {
        **os.environ,
        "WORKBOOK_PATH": str(workbook_path),
        "JUPYTER_PATH": os.pathsep.join(paths),
    }


def run(workbook_path: Path, notebooks: Path, port: int | None) -> int:
    print(f"Your workbook: {workbook_path}")
    print("The app runs on this computer only. Open the http://127.0.0.1 address printed below;")
    print("stop it with Ctrl+C.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        return subprocess.call(command(notebooks, port), env=environment(workbook_path))
    except KeyboardInterrupt:
        return 0


def in_the_app() -> bool:
    """Whether this kernel runs a page of the workshop app (Voilà sets these for its kernels)."""
    return "VOILA_APP_PORT" in os.environ or "VOILA_KERNEL_ID" in os.environ


def wait_for_the_page() -> None:
    """In a preheated app kernel, wait here until a participant opens the page (Voilà's own
    helper); elsewhere return at once. Called by ``workbook.open()`` before it reads anything."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    from voila.utils import wait_for_request

    # While nobody is looking: one full collection now, and what the imports made (a large,
    # lasting heap) left out of later ones. Otherwise the first collection that comes along
    # after the page is opened walks all of it, and the participant waits for that.
    gc.collect()
    gc.freeze()
    wait_for_request()
