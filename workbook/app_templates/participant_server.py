"""A participant's own server on the workshop hub (deploy/): the app and nothing else.

No JupyterLab, no classic notebook, no terminal, no file browser: only Voilà serving the
app's page (``/voila/render/app.ipynb``), with the app's template and kernel culling, as
``workbook app`` runs it on a laptop.
"""

from workbook import app

c = get_config()  # noqa: F821 - provided by Jupyter Server when it reads this file

c.ServerApp.jpserver_extensions = {
    "voila.server_extension": True,
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "nbclassic": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
}
c.ServerApp.terminals_enabled = False
c.ServerApp.allow_remote_access = True


def _set(option: str) -> None:
    """'--Class.trait=value', as the app passes it to Voilà on the command line."""
    name, value = option.removeprefix("--").split("=", 1)
    owner, trait = name.split(".")
    if value in ("True", "False"):
        parsed = value == "True"
    elif value.lstrip("-").isdigit():
        parsed = int(value)
    else:
        parsed = value
    setattr(getattr(c, owner), trait, parsed)


for option in [*app.voila_options(), *app.kernel_culling()]:
    _set(option)
