"""Shared fixtures: the sample corpus and small corpora built inside a test."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import load_corpus, paths


@pytest.fixture(scope="session")
def sample_corpus():
    """The five sample articles of data/raw, loaded once per test session."""
    return load_corpus(paths.RAW)


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
