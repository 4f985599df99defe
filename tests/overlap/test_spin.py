"""overlap.spin: which article of a copied pair is spun (spinner words, broken names)."""
from __future__ import annotations

import pytest

from analysis import overlap

from .cases import D001, D004, FILLER_A, FILLER_C


@pytest.fixture(scope="module")
def sample_summary(sample_corpus):
    return overlap.reuse_summary(sample_corpus).set_index("doc_id")


def test_only_004_is_flagged_spun_with_the_substituted_words(sample_summary):
    assert sample_summary["spun"].to_dict() == {d: d == D004 for d in sample_summary.index}
    evidence = sample_summary.at[D004, "spun_evidence"]
    for word in ("straight", "bottom"):
        assert word in evidence
    assert "White Home (for White House" in sample_summary.at[D004, "broken_names"]
    assert "Nationwide Safety Council (for National Security Council" in sample_summary.at[D004, "broken_names"]
    assert sample_summary.at[D001, "spun_evidence"] == ""


def test_lexicon_synonyms_and_broken_names_flag_the_spun_copy(make_corpus):
    original = ("The Foreign Office said the national security review showed the army was directly involved on "
                "the ground near the border, and officials told reporters the war had entered a new phase.")
    spun = ("The Overseas Workplace said the nationwide safety review showed the navy was straight involved on "
            "the bottom near the border, and officials informed reporters the warfare had entered a new phase.")
    corpus = make_corpus({
        "orig.txt": f"Border report\n\n{original}\n\n{FILLER_A}\n\nThe Foreign Office declined to comment.\n",
        "spun.txt": f"Border report again\n\n{FILLER_C}\n\n{spun}\n",
    })
    frame = overlap.passages(corpus)
    assert len(frame) == 1 and frame.iloc[0].kind == "spun"
    summary = overlap.reuse_summary(corpus).set_index("doc_id")
    assert summary["spun"].to_dict() == {"orig": False, "spun": True}
    assert "straight (for directly" in summary.at["spun", "spun_evidence"]
    assert "orig (spun)" in summary.at["spun", "likely_sources"]


def test_broken_names_restores_the_original_name(make_corpus):
    corpus = make_corpus({
        "a.txt": "One\n\nThe National Security Board said talks would resume on Monday.\n",
        "b.txt": "Two\n\nThe Nationwide Safety Board said talks would resume next week.\n",
    })
    names = overlap.broken_names(corpus)
    assert list(names.columns) == overlap.BROKEN_NAME_COLUMNS
    assert names[["doc_id", "broken", "original", "found_in"]].values.tolist() == [
        ["b", "The Nationwide Safety Board", "The National Security Board", "a"]]
    row = names.iloc[0]
    assert corpus["b"].raw[row.start:row.end] == "The Nationwide Safety Board"
