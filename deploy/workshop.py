"""The workshop machine's pieces JupyterHub and the coach's scripts share: the settings
(``workshop.toml``), where each participant's workbook lives, and getting their folder ready
before their server starts."""

from __future__ import annotations

import os
import pwd
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

FOLDER = "networking-workbook"
APP_URL = "/voila/render/app.ipynb"  # where a participant's server opens: the app alone
HERE = Path(__file__).resolve().parent
SETTINGS = HERE / "workshop.toml"


@dataclass(frozen=True)
class Settings:
    coach: str = "coach"
    group: str = "workshop"
    ip: str = "0.0.0.0"
    port: int = 8000
    state: Path = Path("/var/lib/networking-workbook")
    ssl_cert: str = ""
    ssl_key: str = ""
    idle_server_minutes: int = 120

    @property
    def accounts(self) -> Path:
        """Each account made: name, email, login, first password (root alone reads it)."""
        return self.state / "accounts.csv"


def settings(path: Path | None = None) -> Settings:
    """The settings of ``path`` (default: deploy/workshop.toml; a test may point
    $WORKBOOK_WORKSHOP_SETTINGS at another file)."""
    path = path or Path(os.environ.get("WORKBOOK_WORKSHOP_SETTINGS") or SETTINGS)
    with open(path, "rb") as f:
        values = tomllib.load(f)
    known = set(Settings.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise SystemExit(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}.")
    if "state" in values:
        values["state"] = Path(values["state"])
    return Settings(**values)


def private_folder(path: Path) -> Path:
    """A folder only its owner (root, for the hub's own) can enter."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def workbook_path(user: str) -> Path:
    return home(user) / FOLDER / "workbook.sqlite"


def notebooks_path(user: str) -> Path:
    return home(user) / FOLDER / "notebooks"


def prepare_participant(spawner) -> None:
    """Before a server starts: the participant's folder is ready (see ``prepare``)."""
    prepare(spawner.user.name)


def prepare(user: str) -> tuple[Path, bool]:
    """A participant's own folder (mode 700, theirs alone), the current exercises and the
    app's page, and their workbook; returns the workbook and whether it was made now. A
    workbook already there is never touched."""
    import workbook
    from workbook.app import APP
    from workbook.sample import notebooks_dir

    account = pwd.getpwnam(user)
    folder = home(user) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks_path(user)
    shutil.copytree(notebooks_dir(), notebooks, dirs_exist_ok=True)
    shutil.copy2(APP, notebooks / APP.name)
    path = workbook_path(user)
    made = not path.exists()
    if made:
        with workbook.open(path) as wb:
            wb.set_profile(name=account.pw_gecos.split(",")[0] or user)
    hand_back(user)
    return path, made


def hand_back(user: str) -> None:
    """Everything in a participant's folder is theirs alone again (after root wrote in it)."""
    account = pwd.getpwnam(user)
    folder = home(user) / FOLDER
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            os.chown(Path(root) / name, account.pw_uid, account.pw_gid)
            os.chmod(Path(root) / name, 0o700 if name in dirs else 0o600)
    os.chown(folder, account.pw_uid, account.pw_gid)
    os.chmod(home(user), 0o700)
    os.chmod(folder, 0o700)
