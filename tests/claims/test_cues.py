"""Cue words and their stance (data/claims_cues.yaml), and the lexicon loader."""
from __future__ import annotations

import pytest

from analysis import claims
from analysis.claims import find_cues, load_lexicon
from analysis.claims.quotes import read_paragraphs
from analysis.nlp import iter_docs

from .cases import one


def test_collective_speakers_and_stances(hard):
    corpus, frame = hard
    rows = frame[frame["doc_id"] == "h_collective"].set_index("speaker")
    assert rows.loc["White House", "kind"] == "indirect"
    assert "the talks had failed" in rows.loc["White House", "quote"]
    assert rows.loc["Iran and Russia", "stance"] == "deny"
    assert rows.loc["Amy Ward", "stance"] == "call"
    assert rows.loc["Ben Cole", "stance"] == "believe"


def test_according_to(hard):
    row = one(hard, "j_according", "ten people were arrested")
    assert row["kind"] == "according_to" and row["speaker"] == "government"


def test_lexicon_edited_in_a_running_process_is_seen_at_once(tmp_path):
    cues, speakers = tmp_path / "cues.yaml", tmp_path / "speakers.yaml"
    cues.write_text("verbs:\n  assert: [say]\n", encoding="utf-8")
    speakers.write_text("pronouns:\n  male: [he]\n", encoding="utf-8")
    classes = tmp_path / "no-classes.yaml"   # no verb classes: only the cue file's words
    assert load_lexicon(cues, speakers, classes).stance == {"say": "assert"}
    cues.write_text("verbs:\n  assert: [say]\n  deny: [deny, refute]\n", encoding="utf-8")
    lexicon = load_lexicon(cues, speakers, classes)
    assert lexicon.stance == {"say": "assert", "deny": "deny", "refute": "deny"}
    assert lexicon.pronoun_gender == {"he": "male"}


def test_unknown_stance_is_an_error(tmp_path):
    cues = tmp_path / "cues.yaml"
    cues.write_text("verbs:\n  shout: [yell]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown stance 'shout'"):
        load_lexicon(cues, tmp_path / "missing.yaml")


def test_find_cues_skips_quoted_and_negated_words(make_corpus):
    corpus = make_corpus({"a.txt": "Talks\n\n“Nobody said that,” Ann Lee told reporters. She did not deny it.\n"})
    _, doc = next(iter_docs(corpus))
    _, segments, _ = read_paragraphs(doc.text)
    cues = find_cues(doc, segments, load_lexicon())
    assert [(c.word, c.stance, c.kind) for c in cues] == [("told", "assert", "verb")]


def test_in_keeping_or_accordance_with_is_not_an_according_to_cue(make_corpus):
    # "in keeping with" and "in accordance with" mean "in line with", not "according to": they name no source
    corpus = make_corpus({"k_keeping.txt": "Fair\n\nIn keeping with tradition, the mayor opened the fair on "
                                          "Sunday, and the prices rose in accordance with the city rules.\n"})
    frame = claims.claims(corpus)
    assert not (frame["kind"] == "according_to").any()
    assert not frame["speaker"].isin(["tradition", "the city rules", "city rules"]).any()
