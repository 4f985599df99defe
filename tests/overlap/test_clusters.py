"""overlap.duplicate_clusters and the aligner around it: a story copied by 150 outlets among 100 other articles."""
from __future__ import annotations

import argparse

import pandas as pd
import pytest

from analysis import load_corpus, overlap
from analysis.cli import overlap_cmd
from analysis.corpus import Article
from analysis.overlap.minhash import find_groups
from analysis.overlap.passages import _prepare

from .cases import COPIED, FILLER_A, FILLER_B, FILLER_C
from .mass import article, mass_corpus

import random


@pytest.fixture(scope="module")
def mass(tmp_path_factory):
    """The 150-copy corpus, plus one article that quotes two paragraphs of the story inside its own text."""
    files, facts = mass_corpus(copies=150, others=100)
    story_body = files["agency.txt"].split("\n\n")[2:-1]
    rng = random.Random(7)
    own = article(rng, paragraphs=6)
    files["feature.txt"] = "\n\n".join(["A feature", "2024-03-09", *own[:3], story_body[1], story_body[2],
                                        *own[3:]]) + "\n"
    folder = tmp_path_factory.mktemp("mass")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, facts, overlap.passages(corpus)


def test_the_mass_copied_story_is_one_cluster_with_its_source(mass):
    corpus, facts, _ = mass
    clusters = overlap.duplicate_clusters(corpus)
    assert clusters["cluster"].nunique() == 1
    assert sorted(clusters["doc_id"]) == sorted(facts["story"])          # 150 copies + the original
    assert set(clusters["size"]) == {151}
    assert set(clusters["earliest"]) == {"agency"} and set(clusters["credited_source"]) == {"Reuters"}
    rep = clusters[clusters["is_representative"]]
    assert rep["doc_id"].tolist() == ["agency"]
    # copies the loader set aside as the same text are members too, by name
    assert sorted(clusters.loc[~clusters["loaded"], "doc_id"]) == sorted(facts["same"])
    assert (clusters.loc[~clusters["loaded"], "match"] == "same text").all()
    near = clusters[clusters["match"] == "near duplicate"]
    assert near["similarity"].between(overlap.DEFAULTS.cluster_min_jaccard, 1.0).all()
    assert not set(facts["others"]) & set(clusters["doc_id"]) and "feature" not in set(clusters["doc_id"])
    overview = overlap.cluster_overview(clusters)
    assert overview[["size", "representative", "earliest", "earliest_date", "credited_source"]].values.tolist() == [
        [151, "agency", "agency", "2024-03-01", "Reuters"]]


def test_every_loaded_copy_has_a_passage_with_the_source_with_exact_offsets(mass):
    # fails before copy clusters: the story's shingles are in more than 100 articles, so the
    # shingle index dropped them and most copies had no passage at all
    corpus, facts, passages = mass
    copies = set(facts["story"]) - set(facts["same"]) - {"agency"}
    with_source = passages[(passages["doc_a"] == "agency") | (passages["doc_b"] == "agency")]
    linked = set(with_source["doc_a"]) | set(with_source["doc_b"])
    assert copies <= linked
    for row in with_source.itertuples():
        assert corpus[row.doc_a].raw[row.a_start:row.a_end] == row.text_a
        assert corpus[row.doc_b].raw[row.b_start:row.b_end] == row.text_b
    # members are aligned with the representative only, not with each other
    members = set(facts["story"])
    inside = passages[passages["doc_a"].isin(members) & passages["doc_b"].isin(members)]
    assert ((inside["doc_a"] == "agency") | (inside["doc_b"] == "agency")).all()
    assert not set(facts["others"]) & (set(passages["doc_a"]) | set(passages["doc_b"]))


def test_a_story_copied_in_mass_does_not_hide_its_other_reuse(mass):
    # fails before: the two story paragraphs inside the feature shared only shingles found in >100 articles
    corpus, _, passages = mass
    feature = passages[(passages["doc_a"] == "feature") | (passages["doc_b"] == "feature")]
    assert set(feature["doc_a"]) | set(feature["doc_b"]) == {"agency", "feature"}
    assert len(feature) >= 1


def test_the_reuse_tables_name_the_cluster(mass):
    corpus, facts, _ = mass
    summary = overlap.reuse_summary(corpus).set_index("doc_id")
    assert (summary.loc[[d for d in facts["story"] if d not in facts["same"]], "cluster"] == 1).all()
    assert summary.loc[facts["others"] + ["feature"], "cluster"].isna().all()
    assert summary.at["agency", "partners"].split(", ")[0] != "agency"
    assert "agency (" in summary.at["copy001", "likely_sources"]
    pairs = overlap.reuse_pairs(corpus).set_index(["doc_a", "doc_b"])
    assert pairs.at[("copy001", "copy002"), "cluster"] == 1
    assert pd.isna(pairs.at[("agency", "other000"), "cluster"])


def _near_copies(make_corpus, n: int, extra: dict | None = None):
    """``n`` copies of one short story (each with its own closing line) plus unrelated notes."""
    story = f"{COPIED} {FILLER_A} {FILLER_B}"
    files = {f"c{k}.txt": f"Copy {k}\n\n{story}\n\nPrinted by outlet number {k} of the group.\n" for k in range(n)}
    files["note.txt"] = f"Note\n\n{FILLER_C}\n"
    files.update(extra or {})
    return make_corpus(files)


def test_small_clusters_are_still_aligned_pair_by_pair(make_corpus):
    corpus = _near_copies(make_corpus, 3)
    clusters = overlap.duplicate_clusters(corpus)
    assert sorted(clusters["doc_id"]) == ["c0", "c1", "c2"]
    pairs = overlap.reuse_pairs(corpus).set_index(["doc_a", "doc_b"])
    for pair in [("c0", "c1"), ("c0", "c2"), ("c1", "c2")]:
        assert pairs.at[pair, "passages"] >= 1 and pairs.at[pair, "cluster"] == 1


def test_members_of_a_large_cluster_are_copied_in_the_pair_verdicts(make_corpus):
    corpus = _near_copies(make_corpus, 4)
    settings = overlap.Settings(cluster_pairwise_max=2)
    verdicts = overlap.pair_verdicts(corpus, pd.DataFrame(columns=["group", "doc_id"]),
                                     settings=settings).set_index(["doc_a", "doc_b"])
    rep = overlap.duplicate_clusters(corpus, settings=settings).query("is_representative")["doc_id"].iloc[0]
    others = sorted({"c0", "c1", "c2", "c3"} - {rep})
    assert verdicts.at[(others[0], others[1]), "passages"] == 0
    assert verdicts.at[(others[0], others[1]), "verdict"] == "copied"
    assert f"representative {rep}" in verdicts.at[(others[0], others[1]), "why"]
    assert verdicts.at[tuple(sorted((rep, others[0]))), "passages"] >= 1
    assert verdicts.at[("c0", "note"), "verdict"] != "copied"


def test_an_exact_copy_the_loader_set_aside_is_a_member(make_corpus):
    story = f"{COPIED} {FILLER_A}"
    corpus = make_corpus({"a.txt": f"A\n\n2024-01-02\n\n{story}\n\nSource: AP\n",
                          "b.txt": f"B\n\n2024-01-01\n\n{story}\n",
                          "n.txt": f"N\n\n{FILLER_C}\n"})
    assert corpus.rejected_frame()["reason"].tolist() == ["duplicate"]
    clusters = overlap.duplicate_clusters(corpus)
    assert clusters[["doc_id", "is_representative", "loaded", "match", "similarity"]].values.tolist() == [
        ["a", True, True, "representative", 1.0], ["b", False, False, "same text", 1.0]]
    assert set(clusters["credited_source"]) == {"AP"}


def test_identical_articles_given_directly_are_one_cluster_by_the_exact_pass():
    import numpy as np
    text = "Short text."          # too short for the near-duplicate pass: the exact pass groups it
    arts = [Article(d, d, t, t, np.arange(len(t))) for d, t in
            [("x", text), ("y", " short   TEXT. "), ("z", FILLER_C)]]
    articles, streams, ctx = _prepare(arts)
    groups = find_groups(articles, streams, ctx.lexicon, overlap.DEFAULTS)
    assert [(g["members"], g["match"]) for g in groups] == [([0, 1], ["representative", "same text"])]


def test_no_cluster_among_distinct_articles(make_corpus):
    rng = random.Random(3)
    corpus = make_corpus({f"d{k}.txt": f"D {k}\n\n" + "\n\n".join(article(rng)) + "\n" for k in range(12)})
    clusters = overlap.duplicate_clusters(corpus)
    assert clusters.empty and list(clusters.columns) == overlap.CLUSTER_COLUMNS
    assert overlap.cluster_overview(clusters).empty


def test_cli_writes_the_clusters(make_corpus, tmp_path):
    corpus = _near_copies(make_corpus, 2)
    target = tmp_path / "clusters.csv"
    overlap_cmd.run(corpus, argparse.Namespace(summary=None, quotes=None, clusters=str(target)))
    table = pd.read_csv(target)
    assert sorted(table["doc_id"]) == ["c0", "c1"] and set(table["size"]) == {2}
