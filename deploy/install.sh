#!/bin/sh
# Install the workbook and the workshop server for every account of this machine, into one
# folder outside any home folder (participants' accounts must be able to run it):
#
#     sudo sh deploy/install.sh /opt/workbook
#
# A participant's container image (deploy/kubernetes/Dockerfile) runs the same script with
# --without-proxy: on Kubernetes the proxy is a pod of its own.
#
# Debian/Ubuntu packages it needs first, when missing: python3-venv, and npm (for JupyterHub's
# proxy; a Node.js from nodesource already has npm: then nothing to add).
set -eu
target=${1:-/opt/workbook}
proxy=yes
[ "${2:-}" = "--without-proxy" ] && proxy=no
here=$(cd "$(dirname "$0")/.." && pwd)
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    echo "Python's venv is missing: sudo apt install python3-venv" >&2
    exit 1
fi
python3 -m venv "$target"
"$target/bin/pip" install --disable-pip-version-check --quiet "$here[server]"
if [ "$proxy" = yes ] && ! command -v configurable-http-proxy >/dev/null; then
    if ! command -v npm >/dev/null; then
        echo "JupyterHub's proxy needs npm: sudo apt install npm" >&2
        exit 1
    fi
    npm install -g --no-audit --no-fund configurable-http-proxy
fi
# The app's page, its template and a participant server's settings, at a path that does not
# depend on Python's version (the Kubernetes config names it).
# (-I: the installed package, never a source folder this is run from.)
ln -sfn "$("$target/bin/python" -I -c 'from workbook import app; print(app.TEMPLATES)')" "$target/app"
chmod -R a+rX "$target"
echo "Installed in $target. Start the hub with: sudo $target/bin/jupyterhub -f $here/deploy/jupyterhub_config.py"
