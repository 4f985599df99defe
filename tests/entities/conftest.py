"""Fixtures of the entity tests: the sample's mentions, a module-scoped corpus builder, our own texts."""
from __future__ import annotations

import pytest

from analysis import entities

from .util import OWN


@pytest.fixture(scope="session")
def sample_mentions(sample_corpus):
    return entities.mentions(sample_corpus)


@pytest.fixture(scope="module")
def make_corpus(tmp_path_factory):  # module-scoped variant of the conftest fixture
    from analysis import load_corpus

    def build(files):
        folder = tmp_path_factory.mktemp("own")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return load_corpus(folder)
    return build


@pytest.fixture(scope="module")
def own(make_corpus):
    return entities.mentions(make_corpus(OWN))
