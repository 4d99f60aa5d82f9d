"""JupyterHub for one workshop machine: each participant logs in with their own account and gets
their own server with the app alone (their workbook and the exercises, no code, no JupyterLab,
no terminal); the coach, an admin, gets JupyterLab and the dashboard, and gathers the cohort
with ``deploy/gather_cohort.py``.

    sudo /opt/workbook/bin/jupyterhub -f deploy/jupyterhub_config.py

Settings (coach, group, port, HTTPS, idle time) are in deploy/workshop.toml. Participants
are system accounts in the group (``deploy/add_participants.py`` makes them, and the coach's,
from the roster). Each one's files live in their home folder, readable by nobody else; the
hub's own files are root's alone.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workshop import (  # noqa: E402
    APP_URL,
    notebooks_path,
    prepare_participant,
    private_folder,
    settings,
    workbook_path,
)

from workbook import app  # noqa: E402

bin_dir = Path(sys.executable).parent  # this installation: sudo's PATH does not have it
setup = settings()
c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

# What the hub writes (files and every server's) is closed to other accounts.
os.umask(0o077)
state = private_folder(setup.state)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

c.JupyterHub.ip = setup.ip
c.JupyterHub.port = setup.port
if setup.ssl_cert:
    c.JupyterHub.ssl_cert = setup.ssl_cert
    c.JupyterHub.ssl_key = setup.ssl_key
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {setup.group}
c.Authenticator.admin_users = {setup.coach}
c.Authenticator.allow_existing_users = True
c.PAMAuthenticator.open_sessions = False  # no login session per server: nothing to clean up

# Each server runs as its participant, from this installation, in their workbook's folder.
c.Spawner.cmd = [str(bin_dir / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~/networking-workbook/notebooks"
c.Spawner.http_timeout = 60


c.Spawner.environment = {
    "WORKBOOK_PATH": lambda spawner: str(workbook_path(spawner.user.name)),
    "WORKBOOK_NOTEBOOKS": lambda spawner: str(notebooks_path(spawner.user.name)),
    "JUPYTER_PATH": str(app.TEMPLATES),  # the app's template: no requests off the machine
}


def _pre_spawn(spawner):
    """The participant's folder is ready; a participant gets the app and nothing else
    (app_templates/participant_server.py), the coach JupyterLab with the app's options too."""
    prepare_participant(spawner)
    if spawner.user.admin:
        spawner.default_url = "/lab"
        spawner.args = [*app.voila_options(), *app.kernel_culling()]
    else:
        spawner.default_url = APP_URL
        # Inside the installed package: every account can read it.
        spawner.args = [f"--config={app.TEMPLATES / 'participant_server.py'}"]


c.Spawner.pre_spawn_hook = _pre_spawn

# A server nobody has used for a while is stopped (JupyterHub's idle culler); a page open in
# front of someone typing reports activity all the time, so it is never cut off.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={setup.idle_server_minutes * 60}",
            "--cull-every=300",
        ],
    }  # fmt: skip
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
