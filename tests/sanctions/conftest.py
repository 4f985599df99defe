"""Fixtures of the sanctions tests: the sample's rows and the rows of the small texts in ``cases.py``."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis import sanctions as S

from .cases import MARKUP_TEXTS, NO_DATE_TEXT, SMALL_TEXTS, article


@pytest.fixture(scope="session")
def rows(sample_corpus):
    return S.sanctions(sample_corpus)


@pytest.fixture(scope="session")
def lists():
    return S.load_lists()


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    """The corpus of ``SMALL_TEXTS`` (plus an undated article) and its sanction rows."""
    folder = tmp_path_factory.mktemp("sanction-texts")
    for name, body in SMALL_TEXTS.items():
        (folder / f"{name}.txt").write_text(article(name, body), encoding="utf-8")
    (folder / "no_date.txt").write_text(NO_DATE_TEXT, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, S.sanctions(corpus)


@pytest.fixture(scope="session")
def markup_rows(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sanction-markup")
    for name, body in MARKUP_TEXTS.items():
        (folder / f"{name}.txt").write_text(article(name, body), encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, S.sanctions(corpus)

