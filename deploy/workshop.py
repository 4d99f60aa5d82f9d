"""The workshop machine's pieces JupyterHub and the coach's scripts share: where each
participant's workbook lives, and getting their folder ready before their server starts."""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

FOLDER = "networking-workbook"


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def workbook_path(user: str) -> Path:
    return home(user) / FOLDER / "workbook.sqlite"


def prepare_participant(spawner) -> None:
    """Before a participant's server starts: their own folder (mode 700, theirs alone), the
    current exercise notebooks, and their workbook."""
    prepare(spawner.user.name)


def prepare(user: str) -> Path:
    import workbook
    from workbook.sample import notebooks_dir

    account = pwd.getpwnam(user)
    folder = home(user) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(notebooks_dir(), folder / "notebooks", dirs_exist_ok=True)
    path = workbook_path(user)
    if not path.exists():
        with workbook.open(path) as wb:
            wb.set_profile(name=account.pw_gecos.split(",")[0] or user)
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            os.chown(Path(root) / name, account.pw_uid, account.pw_gid)
    os.chown(folder, account.pw_uid, account.pw_gid)
    os.chmod(home(user), 0o700)
    os.chmod(folder, 0o700)
    return path
