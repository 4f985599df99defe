"""overlap.summary: churn and direction per article and pair, entity overlap, matrices, pair verdicts, CLI."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import overlap, quotes

from .cases import COPIED, D000, D001, D003, D004, FILLER_A, FILLER_B, FILLER_C


@pytest.fixture(scope="module")
def sample_summary(sample_corpus):
    return overlap.reuse_summary(sample_corpus).set_index("doc_id")


@pytest.fixture(scope="module")
def sample_quotes(sample_corpus):
    return quotes.quote_groups(sample_corpus)


def test_004_is_the_copier_and_churn_is_a_share(sample_summary):
    assert D001 in sample_summary.at[D004, "likely_sources"]
    assert D004 in sample_summary.at[D001, "copied_by"]
    assert "credits Reuters" in sample_summary.at[D001, "likely_sources"]
    assert ((sample_summary["churn_pct"] >= 0) & (sample_summary["churn_pct"] <= 100)).all()
    assert sample_summary.at[D004, "churn_pct"] > 0
    assert sample_summary.at["002_a9082c3e95b1b9c8", "churn_pct"] == 0


def test_shared_kirby_quote_in_000_and_001_is_found(sample_corpus, sample_quotes):
    groups = {g: set(m["doc_id"]) for g, m in sample_quotes.groupby("group")}
    diplomacy = [g for g, m in sample_quotes.groupby("group")
                 if m["shared_text"].str.contains("focused on", regex=False).all()]
    assert len(diplomacy) == 1 and groups[diplomacy[0]] == {D000, D001}
    spun = [g for g, docs in groups.items() if docs == {D001, D004}]
    assert len(spun) == 1
    rows = sample_quotes[sample_quotes.group == spun[0]].set_index("doc_id")
    assert rows.at[D004, "match"] == "spun"
    assert "straight engaged" in rows.at[D004, "shared_text"]
    for row in sample_quotes.itertuples():
        assert sample_corpus[row.doc_id].raw[row.start:row.end]  # offsets inside the file


def test_matrices_and_pair_verdicts_on_the_sample(sample_corpus, sample_quotes):
    ids = sample_corpus.doc_ids
    for level in overlap.LEVELS:
        table = overlap.matrix(sample_corpus, level, quote_groups=sample_quotes)
        assert list(table.index) == ids and list(table.columns) == ids
        assert np.isnan(np.diag(table.to_numpy(dtype=float))).all()
    passage = overlap.matrix(sample_corpus, "passage")
    assert passage.at[D004, D001] > 0 and passage.at[D000, D003] == 0
    entity = overlap.matrix(sample_corpus, "entity")
    assert (entity.fillna(0) == entity.fillna(0).T).all().all()
    verdicts = overlap.pair_verdicts(sample_corpus, sample_quotes).set_index(["doc_a", "doc_b"])
    assert len(verdicts) == 10
    assert verdicts.at[(D001, D004), "verdict"] == "copied (spun)"
    assert verdicts.at[(D000, D001), "verdict"] == "shared quotes"
    assert verdicts["why"].str.len().gt(0).all()


def test_with_overlap_raises_on_unknown_level(sample_corpus):
    with pytest.raises(ValueError, match="level"):
        overlap.matrix(sample_corpus, "sentence")


def test_quote_matrix_needs_the_quote_groups(sample_corpus):
    with pytest.raises(ValueError, match="quote_groups"):
        overlap.matrix(sample_corpus, "quote")


def test_unrelated_articles_give_empty_tables_with_documented_columns(make_corpus):
    corpus = make_corpus({"a.txt": f"One\n\n{FILLER_A}\n", "b.txt": f"Two\n\n{FILLER_B}\n",
                          "c.txt": f"Three\n\n{FILLER_C}\n"})
    frame = overlap.passages(corpus)
    assert frame.empty and list(frame.columns) == overlap.PASSAGE_COLUMNS
    groups = quotes.quote_groups(corpus)
    assert list(groups.columns) == quotes.QUOTE_COLUMNS
    verdicts = overlap.pair_verdicts(corpus, groups)
    assert set(verdicts["verdict"]) == {"no overlap"}
    summary = overlap.reuse_summary(corpus)
    assert (summary["churn_pct"] == 0).all() and not summary["spun"].any()


def test_earlier_article_is_the_source_and_short_wire_story_is_found(make_corpus):
    wire = f"Wire\n\n12 March 2024\n\n{COPIED}\n"
    long_text = f"Feature\n\n14 March 2024\n\n{FILLER_A}\n\n{FILLER_B}\n\n{COPIED}\n\n{FILLER_C}\n"
    corpus = make_corpus({"feature.txt": long_text, "wire.txt": wire})
    pairs = overlap.reuse_pairs(corpus).iloc[0]
    assert (pairs["source"], pairs["copier"], pairs["basis"]) == ("wire", "feature", "date")
    assert pairs["containment_b"] > 0.9 > 0.5 > pairs["containment_a"]
    # no dates: the article more fully contained in the other is the source
    undated = make_corpus({"feature.txt": long_text.replace("14 March 2024\n\n", ""),
                           "wire.txt": wire.replace("12 March 2024\n\n", "")})
    assert overlap.reuse_pairs(undated).iloc[0][["source", "basis"]].tolist() == ["wire", "containment"]


def test_copy_graph_points_from_source_to_copier(make_corpus):
    corpus = make_corpus({"feature.txt": f"Feature\n\n14 March 2024\n\n{FILLER_A}\n\n{COPIED}\n",
                          "wire.txt": f"Wire\n\n12 March 2024\n\n{COPIED}\n", "other.txt": f"Other\n\n{FILLER_C}\n"})
    graph = overlap.copy_graph(corpus)
    assert sorted(graph.nodes) == ["feature", "other", "wire"]
    assert [(u, v, d["basis"]) for u, v, d in graph.edges(data=True)] == [("wire", "feature", "date")]


def test_cli_writes_passages_summary_and_quotes(sample_corpus, tmp_path):
    from analysis.cli import main
    out, summary, groups = tmp_path / "passages.csv", tmp_path / "summary.csv", tmp_path / "quotes.csv"
    assert main(["overlap", "--out", str(out), "--summary", str(summary), "--quotes", str(groups)]) == 0
    passages = pd.read_csv(out)
    assert list(passages.columns) == overlap.PASSAGE_COLUMNS and len(passages) >= 1
    table = pd.read_csv(summary)
    assert list(table.columns) == overlap.SUMMARY_COLUMNS
    assert table.set_index("doc_id").at[D004, "spun"]
    written = pd.read_csv(groups)
    assert list(written.columns) == quotes.QUOTE_COLUMNS and written["group"].nunique() == 2


def test_evidence_only_tables_list_just_the_pairs_with_something_in_common(make_corpus):
    corpus = make_corpus({"feature.txt": f"Feature\n\n14 March 2024\n\n{FILLER_A}\n\n{COPIED}\n",
                          "wire.txt": f"Wire\n\n12 March 2024\n\n{COPIED}\n", "other.txt": f"Other\n\n{FILLER_C}\n",
                          "club.txt": f"Club\n\n{FILLER_B}\n"})
    assert overlap.pair_count(corpus) == 6
    every = overlap.reuse_pairs(corpus)
    assert len(every) == 6 and list(every.columns) == overlap.PAIR_COLUMNS
    found = overlap.reuse_pairs(corpus, evidence_only=True)
    assert list(found.columns) == overlap.PAIR_COLUMNS
    assert found[["doc_a", "doc_b", "source", "copier"]].values.tolist() == [["feature", "wire", "wire", "feature"]]
    verdicts = overlap.pair_verdicts(corpus, quotes.quote_groups(corpus), evidence_only=True)
    assert verdicts[["doc_a", "doc_b", "verdict"]].values.tolist() == [["feature", "wire", "copied"]]
    full = overlap.pair_verdicts(corpus, quotes.quote_groups(corpus))
    assert len(full) == 6 and (full["verdict"] == "no overlap").sum() == 5
    pd.testing.assert_frame_equal(full[full["verdict"] != "no overlap"].reset_index(drop=True), verdicts)
    pd.testing.assert_frame_equal(every[every["passages"] > 0].reset_index(drop=True), found)


def test_evidence_only_verdicts_on_the_sample_keep_copies_and_shared_quotes(sample_corpus, sample_quotes):
    full = overlap.pair_verdicts(sample_corpus, sample_quotes)
    found = overlap.pair_verdicts(sample_corpus, sample_quotes, evidence_only=True).set_index(["doc_a", "doc_b"])
    assert found.at[(D001, D004), "verdict"] == "copied (spun)"
    assert found.at[(D000, D001), "verdict"] == "shared quotes"
    assert "no overlap" not in set(found["verdict"])
    assert len(found) == (full["verdict"] != "no overlap").sum()
    entities = overlap.entity_overlap(sample_corpus, evidence_only=True)
    assert (entities["shared"] > 0).all()
    assert len(entities) == (overlap.entity_overlap(sample_corpus)["shared"] > 0).sum()
