"""Metadata found in the text: source credit, byline, date line, dateline, headline."""
from __future__ import annotations

import pytest

from analysis.corpus import parse_date
from analysis.corpus import metadata


def test_sample_metadata(sample_corpus):
    assert sample_corpus["001_28ca36ce2e4e94c5"].source == "Reuters"
    assert sample_corpus["001_28ca36ce2e4e94c5"].author == "Zainab Sa’id"
    assert sample_corpus["002_a9082c3e95b1b9c8"].author == "Thomas Osborne"
    assert sample_corpus["002_a9082c3e95b1b9c8"].date == "2022-10-20"
    assert sample_corpus["000_7a1e7394c9004f4f"].dateline == "Washington"
    assert sample_corpus["004_5ba1a730b4e5b811"].title.startswith("White Home: Iran and Russia")


@pytest.mark.parametrize("text,expected", [
    ("20 October 2022 Thursday 00:32", "2022-10-20"),
    ("October 20, 2022", "2022-10-20"),
    ("Published: Sept 3rd, 2021", "2021-09-03"),
    ("2023-01-31", "2023-01-31"),
    ("31 February 2023", None),
    ("no date here", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line,expected", [
    ("By Jane Miller", "Jane Miller"),
    ("By Jane Miller, staff reporter", "Jane Miller"),
    ("Jane Miller", "Jane Miller"),
    ("The mayor said repairs would take a month.", None),
    ("Jane", None),
])
def test_byline(line, expected):
    assert metadata.byline(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("Source: AFP", "AFP"),
    ("Source Reuters", "Reuters"),
    ("via AP", "AP"),
    ("Source link", "link"),  # the line rule "source_link" runs first, so this never becomes a credit
    ("The source said so.", None),
])
def test_source_credit(line, expected):
    assert metadata.source_credit(line) == expected


@pytest.mark.parametrize("text,expected", [
    ("Geneva – Talks resumed on Friday.", "Geneva"),
    ("New York (AP) — Stocks fell.", "New York"),
    ("The talks in the capital resumed – officials said.", None),  # over four words: not a place
    ("", None),
])
def test_dateline(text, expected):
    assert metadata.dateline(text) == expected


def test_date_line_is_only_a_date():
    assert metadata.is_date_line("Monday, March 3, 2023 at 10:15 am GMT")
    assert not metadata.is_date_line("On March 3, 2023 the talks resumed.")


def test_a_file_without_a_headline_line_gets_its_first_sentence_as_title(make_corpus):
    opening = "The harbour reopened on Tuesday after a storm. " + "Repairs went on for weeks. " * 12
    corpus = make_corpus({"a.txt": opening})
    article = corpus["a"]
    assert article.title == "The harbour reopened on Tuesday after a storm."
    assert article.text.startswith("The harbour reopened on Tuesday")
    assert (article.title_start, article.title_end) == (None, None)


def test_headline_line_span_points_into_the_file(make_corpus):
    corpus = make_corpus({"a.txt": "\n  Port strike ends\n\nDockers voted on Monday to end the strike.\n"})
    article = corpus["a"]
    assert article.title == "Port strike ends"
    assert article.raw[article.title_start:article.title_end] == "Port strike ends"
