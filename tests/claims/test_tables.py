"""The corpus tables: columns, denials, the command line, entity links."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import (CLAIM_COLUMNS, DENIAL_COLUMNS, KINDS, UNRESOLVED, claims, denials, speaker_article_matrix,
                             speaker_summary)

from .cases import HARD_CASES


def test_columns_kinds_and_stances(sample_claims):
    assert list(sample_claims.columns) == CLAIM_COLUMNS
    assert set(sample_claims["kind"]) <= set(KINDS) == {"direct", "partial", "mixed", "indirect", "according_to", "term"}
    assert set(sample_claims["stance"]) <= {"assert", "deny", "believe", "call"}
    assert set(sample_claims["kind"]) == {"direct", "partial", "mixed", "indirect", "according_to", "term"}
    assert sample_claims["confidence"].between(0, 1).all()


def test_denials_pair_with_the_claims_they_answer(sample_corpus, sample_claims):
    table = denials(sample_corpus, sample_claims)
    korea = table[table["denier"] == "North Korea"]
    assert len(korea) == 1 and korea.iloc[0]["claimant"] == "White House" and korea.iloc[0]["match"] == "anaphora"
    sale = table[table["denial"] == "selling the munitions"].iloc[0]
    assert (sale["claim"], sale["claimant"]) == ("selling drones to Russia", "US, Britain and France")   # the charge


def test_cli_writes_claims_groups_and_denials(tmp_path):
    from analysis.cli import main
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(HARD_CASES["f_apposition.txt"], encoding="utf-8")
    out, groups = tmp_path / "claims.csv", tmp_path / "groups.csv"
    assert main(["claims", "--corpus", str(folder), "--out", str(out), "--groups", str(groups)]) == 0
    frame = pd.read_csv(out)
    assert list(frame.columns) == CLAIM_COLUMNS and len(frame) == 2
    assert groups.exists()


def test_speakers_link_to_entities_when_present(sample_corpus):
    pytest.importorskip("analysis.entities")
    frame = claims(sample_corpus)
    kirby = frame[frame["speaker"].fillna("").str.contains("Kirby")]
    assert len(kirby) >= 10
    assert kirby["speaker_entity_id"].notna().mean() >= 0.9
    assert kirby["speaker_entity_id"].nunique() == 1


def test_a_corpus_without_claims_gives_empty_tables_with_the_documented_columns(make_corpus):
    corpus = make_corpus({"calm.txt": "Weather\n\nThe sun rose over the hills and the river ran down to the sea.\n"})
    frame = claims(corpus, use_entities=False)
    assert frame.empty and list(frame.columns) == CLAIM_COLUMNS
    table = denials(corpus, frame)
    assert table.empty and list(table.columns) == DENIAL_COLUMNS
    assert speaker_summary(frame).empty and speaker_article_matrix(frame).empty


def test_speaker_summary_counts_words_quotes_and_denials():
    frame = pd.DataFrame({
        "doc_id": ["a", "a", "b", "b"], "kind": ["direct", "indirect", "partial", "direct"],
        "quote": ["We will win this.", "the talks failed", "a total failure", "No comment."],
        "speaker": ["Ann Lee", "Ann Lee", "Ann Lee", None], "stance": ["assert", "deny", "assert", "assert"]})
    summary = speaker_summary(frame)
    assert summary.values.tolist() == [["Ann Lee", 2, 7, 3, 1, 2], [UNRESOLVED, 1, 2, 1, 0, 1]]
    matrix = speaker_article_matrix(frame)
    assert matrix.loc["Ann Lee"].tolist() == [2, 1, 3]
