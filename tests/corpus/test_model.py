"""Article and Corpus: the sample in order, the offset map, and the overview table."""
from __future__ import annotations

import pytest

from analysis import config

SAMPLE_IDS = ["000_7a1e7394c9004f4f", "001_28ca36ce2e4e94c5", "002_a9082c3e95b1b9c8",
              "003_0d55d710c7bf9c8f", "004_5ba1a730b4e5b811"]
OVERVIEW_COLUMNS = ["doc_id", "title", "source", "author", "date", "dateline", "url", "chars", "words",
                    "paragraphs", "boilerplate_removed", "boilerplate_chars", "path"]


def test_sample_loads_all_five_in_order(sample_corpus):
    assert sample_corpus.doc_ids == SAMPLE_IDS
    assert sample_corpus.rejected_frame().empty


def test_sample_files_are_verbatim_copies(sample_corpus):
    for article in sample_corpus:
        assert article.raw == (config.RAW / f"{article.doc_id}.txt").read_text(encoding="utf-8")


def test_offset_map_round_trips_every_character(sample_corpus):
    for article in sample_corpus:
        assert len(article.offsets) == len(article.text)
        for i, ch in enumerate(article.text):
            raw_ch = article.raw[article.to_raw(i)]
            if ch in "\n ":  # paragraph separators and normalised spaces map to whitespace
                assert raw_ch.isspace()
            else:
                assert raw_ch == ch
        # offsets only move forward
        assert all(a <= b for a, b in zip(article.offsets, article.offsets[1:]))


def test_raw_span_points_at_the_same_words(sample_corpus):
    article = sample_corpus["001_28ca36ce2e4e94c5"]
    phrase = "State Department spokesman Ned Price"
    start = article.text.index(phrase)
    rs, re_ = article.raw_span(start, start + len(phrase))
    assert article.raw[rs:re_] == phrase


def test_to_frame_columns_and_counts(sample_corpus):
    frame = sample_corpus.to_frame()
    assert list(frame.doc_id) == SAMPLE_IDS
    assert {"doc_id", "title", "source", "author", "date", "words", "boilerplate_removed"} <= set(frame.columns)
    assert frame.set_index("doc_id").loc["004_5ba1a730b4e5b811", "boilerplate_removed"] >= 5
    assert (frame.words > 300).all()


def test_to_frame_counts_words_paragraphs_and_cuts(make_corpus):
    corpus = make_corpus({"b.txt": "Second story\n\nOne two three.\nFour, five's six.\n5 Reads\n",
                          "a.txt": "First story\n\nJust one paragraph here.\n"})
    frame = corpus.to_frame()
    assert list(frame.columns) == OVERVIEW_COLUMNS
    assert frame.doc_id.tolist() == ["a", "b"]
    assert frame.words.tolist() == [4, 6]
    assert frame.paragraphs.tolist() == [1, 2]
    assert frame.chars.tolist() == [len("Just one paragraph here."), len("One two three.\n\nFour, five's six.")]
    assert frame.boilerplate_removed.tolist() == [0, 1]
    assert frame.boilerplate_chars.tolist() == [0, len("5 Reads")]


def test_sentence_column_comes_from_the_counts_given(make_corpus):
    """The corpus layer does not parse: the caller passes ``{doc_id: sentences}`` (``nlp.sentence_counts``)."""
    corpus = make_corpus({"a.txt": "First story\n\nOne. Two.\n", "b.txt": "Second story\n\nThree.\n"})
    frame = corpus.to_frame(sentences={"a": 2})
    assert list(frame.columns) == OVERVIEW_COLUMNS[:9] + ["sentences"] + OVERVIEW_COLUMNS[9:]
    assert frame.sentences.tolist() == [2, 0]
    assert str(frame.sentences.dtype) == "int64"
    with pytest.raises(TypeError, match="sentence_counts"):
        corpus.to_frame(sentences=True)


def test_empty_tables_keep_their_columns(make_corpus):
    corpus = make_corpus({"a.txt": "Headline\n\nA plain article with nothing to cut.\n"})
    assert list(corpus.removals().columns) == ["doc_id", "start", "end", "rule", "text"]
    assert corpus.removals().empty
    assert list(corpus.rejected_frame().columns) == ["path", "doc_id", "reason", "detail"]
    assert corpus.rejected_frame().empty
