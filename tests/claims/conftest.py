"""Fixtures of the claims tests: the sample's claims and claims of the small texts in ``cases.py``."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.claims import claims

from .cases import HARD_CASES, MARKUP_TEXT


@pytest.fixture(scope="module")
def sample_claims(sample_corpus):
    return claims(sample_corpus, use_entities=False)


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims-hard")
    for name, text in HARD_CASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, claims(corpus, use_entities=False)


@pytest.fixture(scope="module")
def markup_claims(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims-markup")
    (folder / "m.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, claims(corpus, use_entities=False)
