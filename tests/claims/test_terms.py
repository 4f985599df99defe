"""Titles, nicknames and scare quotes are kind ``term`` (issue 13, cause 7): texts written here, expectations by hand."""
from __future__ import annotations

from analysis.claims import claims, speaker_summary


def _rows(make_corpus, body: str):
    corpus = make_corpus({"a.txt": f"Title\n\n{body}\n"})
    frame = claims(corpus, use_entities=False)
    return frame, [list(r) for r in frame[["kind", "quote", "speaker"]].itertuples(index=False)]


def test_a_capitalised_title_after_a_possessive_or_preposition_is_a_term(make_corpus):
    frame, rows = _rows(make_corpus, "Senator Ann Reed told the BBC's “Morning Report” that the tax was unfair. "
                                     "On “Face the Nation,” Mayor Tom Hale said the port would stay open.")
    assert [r for r in rows if r[0] == "term"] == [["term", "Morning Report", None], ["term", "Face the Nation", None]]
    assert [r[0] for r in rows if r[0] != "term"] == ["indirect", "indirect"]


def test_a_naming_verb_gives_a_term_with_its_speaker(make_corpus):
    frame, rows = _rows(make_corpus, "Mayor Tom Hale dubbed the reporters “the dishonest media” on Monday.")
    assert rows == [["term", "the dishonest media", "Tom Hale"]]


def test_a_short_quote_modifying_the_next_noun_is_a_term(make_corpus):
    frame, rows = _rows(make_corpus, "The clinic sold “miracle” weight loss pills for years, Mayor Tom Hale said.")
    assert ["term", "miracle", None] in rows
    assert not [r for r in rows if r[0] in ("direct", "partial")]


def test_terms_are_not_counted_as_quotes_or_claims(make_corpus):
    frame, rows = _rows(make_corpus, "Senator Ann Reed told the BBC's “Morning Report” that the tax was "
                                     "“a disgrace to the town.”")
    assert sorted(r[0] for r in rows) == ["mixed", "term"]
    summary = speaker_summary(frame)
    assert summary[["speaker", "quotes", "claims"]].values.tolist() == [["Ann Reed", 1, 1]]


def test_a_shouted_word_or_a_quote_said_is_not_a_title(make_corpus):
    frame, rows = _rows(make_corpus, "“Peace Through Strength,” Senator Ann Reed said at the rally.")
    assert rows == [["direct", "Peace Through Strength", "Ann Reed"]]


def test_a_long_title_is_a_term_even_where_a_quote_would_be_direct(make_corpus):
    # a title of four words, and one followed by the speaker's tag, are named, not quoted
    frame, rows = _rows(make_corpus, "Mayor Tom Hale spoke on the BBC's “State of the Union.” On Tuesday's episode "
                                     "of “The Harbour Town Morning Show,” the mayor said she wanted the port open.")
    assert [r[1] for r in rows if r[0] == "term"] == ["State of the Union.", "The Harbour Town Morning Show"]
    assert not [r for r in rows if r[0] in ("direct", "partial")]
