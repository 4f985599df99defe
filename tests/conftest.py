"""Shared fixtures: the sample corpus and small corpora built inside a test."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config, load_corpus


@pytest.fixture(scope="session")
def sample_corpus():
    """The five sample articles of data/raw, loaded once per test session."""
    return load_corpus(config.RAW)


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests parse into a session-scoped cache folder, never into data/processed."""
    import os
    folder = tmp_path_factory.mktemp("spacy-cache")
    old = os.environ.get("ANALYSIS_CACHE_DIR")
    os.environ["ANALYSIS_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("ANALYSIS_CACHE_DIR", None)
    else:
        os.environ["ANALYSIS_CACHE_DIR"] = old


@pytest.fixture
def make_corpus(tmp_path):
    """Build a corpus folder from ``{file name: text or bytes}`` and load it.

    ``make_corpus({"a.txt": "Title\\n\\nBody ..."})`` returns the loaded Corpus;
    pass ``load=False`` to get the folder path instead.
    """
    def build(files: dict[str, str | bytes], load: bool = True):
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            target = folder / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return load_corpus(folder) if load else Path(folder)
    return build


@pytest.fixture(scope="session")
def make_report_build(tmp_path_factory) -> Path:
    """``make report`` run once per session on the sample corpus, into a temporary folder.

    The user's own command (``make -s report REPORTS=<tmp>``), so the Makefile path is tested
    too; the report tests and the browser tests share this one build.
    """
    import os
    import shutil
    import subprocess
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = tmp_path_factory.mktemp("make-report")
    result = subprocess.run(["make", "-s", "report", f"REPORTS={out}"], cwd=config.ROOT, env=dict(os.environ),
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"make report failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return out
