"""The workshop server on Kubernetes (deploy/kubernetes/): no cluster runs here, so what can be
checked without one is: the chart's own schema (Zero to JupyterHub 4.4.0, in
tests/fixtures/z2jh-4.4.0) accepts config.yaml; its memory and idle figures agree with what
bench/hub_load.py measured and with the one-machine server; its pre-spawn hook gives a
participant the app alone and the coach JupyterLab; the image installs the workbook exactly as
a workshop machine does."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
KUBERNETES = ROOT / "deploy" / "kubernetes"
CHART = Path(__file__).parent / "fixtures" / "z2jh-4.4.0"
sys.path.insert(0, str(ROOT / "deploy"))

import workshop  # noqa: E402


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((KUBERNETES / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sizing() -> dict:
    with open(KUBERNETES / "sizing.toml", "rb") as f:
        return tomllib.load(f)


def _merged(defaults: dict, ours: dict) -> dict:
    """Helm's merge of a values file over the chart's defaults."""
    out = dict(defaults)
    for key, value in ours.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def _megabytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMG]i?)", quantity).groups()
    scale = {"K": 1e-3, "M": 1, "G": 1e3, "Ki": 1.024e-3, "Mi": 1.048576, "Gi": 1073.741824}
    return float(number) * scale[unit]


def test_the_chart_accepts_the_config(config):
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(_merged(defaults, config))
    # A misspelt key is refused, so the check above can fail.
    with pytest.raises(jsonschema.ValidationError):
        wrong = {**config, "singleuser": {**config["singleuser"], "defaultURL": "/"}}
        jsonschema.Draft7Validator(schema).validate(_merged(defaults, wrong))


def test_memory_and_cpu_cover_what_was_measured(config, sizing):
    memory = config["singleuser"]["memory"]
    measured = max(sizing["participant_pss_mb_alone"], sizing["participant_pss_mb_largest"])
    assert _megabytes(memory["guarantee"]) >= measured
    assert _megabytes(memory["limit"]) >= 2 * measured
    assert float(config["singleuser"]["cpu"]["limit"]) >= 1


def test_it_serves_what_one_machine_serves(config):
    singleuser = config["singleuser"]
    assert singleuser["defaultUrl"] == workshop.APP_URL
    assert singleuser["cmd"] == "/opt/workbook/bin/jupyterhub-singleuser"
    assert singleuser["extraEnv"]["WORKBOOK_PATH"].startswith(
        singleuser["storage"]["homeMountPath"]
    )
    assert config["cull"]["enabled"] and config["cull"]["timeout"] == (
        workshop.Settings().idle_server_minutes * 60
    )
    assert config["scheduling"]["userPlaceholder"]["enabled"]
    assert config["scheduling"]["userPlaceholder"]["replicas"] >= 30
    # Nothing leaves the cluster: no egress but DNS lookups and the hub.
    rules = singleuser["networkPolicy"]["egressAllowRules"]
    assert not rules["nonPrivateIPs"] and not rules["privateIPs"]
    coach = workshop.Settings().coach
    assert config["hub"]["config"]["Authenticator"]["admin_users"] == [coach]
    assert config["hub"]["config"]["NativeAuthenticator"]["open_signup"] is False


@pytest.mark.parametrize("admin", [False, True])
def test_the_pre_spawn_hook_gives_a_participant_the_app_and_the_coach_lab(config, admin):
    c = SimpleNamespace(KubeSpawner=SimpleNamespace())
    exec(config["hub"]["extraConfig"]["workbook"], {"c": c})  # as the chart's hub does
    spawner = SimpleNamespace(user=SimpleNamespace(admin=admin), args=[], default_url="")
    c.KubeSpawner.pre_spawn_hook(spawner)
    if admin:
        assert spawner.default_url == "/lab" and spawner.args == []
    else:
        assert spawner.default_url == workshop.APP_URL
        (option,) = spawner.args
        config_file = option.removeprefix("--config=")
        # The installed image has it there: install.sh links /opt/workbook/app to the app's
        # templates folder.
        assert config_file == "/opt/workbook/app/participant_server.py"
        shipped = ROOT / "workbook" / "app_templates"
        assert (shipped / Path(config_file).name).exists()
        assert (shipped / Path(workshop.APP_URL).name).exists()


def test_the_image_installs_as_a_workshop_machine_does():
    dockerfile = (KUBERNETES / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in dockerfile.splitlines() if not line.startswith("#")]
    steps = re.split(r"\n(?=[A-Z]+ )", "\n".join(lines).replace("\\\n", " "))
    installs = [step for step in steps if re.search(r"\bpip\b|install\.sh", step)]
    (install,) = installs  # the workbook comes from install.sh, and from nothing else
    assert re.search(
        r"PIP_CONSTRAINT=/src/deploy/kubernetes/constraints.txt\s+"
        r"sh /src/deploy/install.sh /opt/workbook --without-proxy",
        install,
    )
    # The image's JupyterHub is the chart's hub's (5.5).
    assert "jupyterhub>=5.5,<6" in (KUBERNETES / "constraints.txt").read_text(encoding="utf-8")
    assert re.search(r"^CMD \[\"/opt/workbook/bin/jupyterhub-singleuser\"\]$", dockerfile, re.M)


def test_the_readme_sizing_is_the_measured_one(sizing):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{sizing['participant_pss_mb_alone']} MB" in readme
    assert f"{sizing['login_seconds_alone']:g} s" in readme
    assert f"{sizing['participants_at_once']} participants" in readme
