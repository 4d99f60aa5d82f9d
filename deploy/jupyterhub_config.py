"""JupyterHub for one workshop machine: each participant logs in with their own account and gets
their own server, their own workbook and the exercise notebooks, opening in the app (Voilà, no
code). The coach is an admin and gathers the cohort with ``deploy/gather_cohort.py``.

    sudo jupyterhub -f deploy/jupyterhub_config.py

Participants are system accounts in the ``workshop`` group (``deploy/add_participants.py``
makes them from the roster); they log in with that name and password. Each one's files live in
their home folder, readable by nobody else.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workshop import prepare_participant, workbook_path  # noqa: E402

from workbook.app import TEMPLATES  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

c.JupyterHub.ip = os.environ.get("WORKBOOK_HUB_IP", "0.0.0.0")  # the room's network
c.JupyterHub.port = int(os.environ.get("WORKBOOK_HUB_PORT", "8000"))
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {os.environ.get("WORKBOOK_HUB_GROUP", "workshop")}
c.Authenticator.admin_users = {os.environ.get("WORKBOOK_COACH", "coach")}
c.Authenticator.allow_existing_users = True

# Each participant's server runs as them, in their home folder.
c.Spawner.notebook_dir = "~/networking-workbook/notebooks"
c.Spawner.default_url = "/voila/render/00_start_here.ipynb"
c.Spawner.pre_spawn_hook = prepare_participant
c.Spawner.environment = {
    "WORKBOOK_PATH": lambda spawner: str(workbook_path(spawner.user.name)),
    "JUPYTER_PATH": str(TEMPLATES),  # the app's template: no requests off the machine
}
c.Spawner.args = [
    "--VoilaConfiguration.template=workbook",
    "--VoilaConfiguration.show_tracebacks=False",
    "--VoilaConfiguration.strip_sources=True",
]
# The workbook makes no network requests; neither should the participants' servers.
c.Spawner.args += ["--LabApp.news_url=None", "--LabApp.extension_manager=readonly"]
