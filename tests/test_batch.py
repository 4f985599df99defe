"""The one-pass precompute (analysis.batch): the tables it stores are the tables' own, locally and on Dask.

The corpus is generated in the test from hand-written sentences: articles that quote people, report
sanctions, and copy a paragraph from each other. Each run fills its own cache folder; the tables are then
read back (stored results only) and compared with the tables' public functions computed in another folder.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import cache, claims, entities, nlp, overlap, quotes, sanctions
from analysis.batch import precompute

PEOPLE = ["Marta Lindqvist", "Tomas Brennick", "Ilse Vandermeer", "Oren Hallward"]
FIRMS = ["Brannock Shipping", "Calder Mining Group", "Velta Trading"]
QUOTES = ["We will not accept these terms", "The harbour needs investment now", "Our members voted against the plan",
          "Nobody consulted the fishermen", "This is a fair offer", "The ships will sail on time"]
TOPICS = ["grain harvest", "choir concert", "bridge repair", "library budget", "school holidays", "tram timetable",
          "museum roof", "water supply", "cycling race"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday"]
SHARED = ("The port authority said the new terminal would handle four hundred thousand containers a year once "
          "the second quay opens, and that the dredging of the channel would finish before the winter storms.")


def _article(i: int) -> str:
    """Article ``i``: a quote, a reported statement, a sanction, a line on its own topic; every third one
    also carries the same paragraph on the port (so 000, 003 and 006 share it)."""
    person, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 1) % len(PEOPLE)]
    body = [f"“{QUOTES[i % len(QUOTES)]},” {person} said on {DAYS[i]}.",
            f"{other} told reporters that the {TOPICS[i]} talks would resume in {3 + i} weeks.",
            f"The Treasury imposed sanctions on {FIRMS[i % len(FIRMS)]} on {DAYS[(i + 2) % 9]}, freezing its assets.",
            f"Residents were asked about the {TOPICS[(i + 4) % 9]} at a meeting that lasted {i + 2} hours."]
    if i % 3 == 0:
        body.insert(2, SHARED)
    return f"{TOPICS[i].capitalize()} news, report {i}\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def generated(make_corpus):
    return make_corpus({f"{i:03d}_article.txt": _article(i) for i in range(9)})


def _tables(corpus) -> dict:
    return {"mentions": entities.mentions(corpus), "claims": claims.claims(corpus),
            "sanctions": sanctions.sanctions(corpus), "sentences": pd.Series(nlp.sentence_counts(corpus)),
            "passages": overlap.passages(corpus, details=True), "denials": claims.denials(corpus),
            "quote_groups": quotes.quote_groups(corpus), "consolidated": sanctions.consolidated(corpus),
            "clusters": overlap.duplicate_clusters(corpus)}


def _compare(corpus, tmp_path, monkeypatch, **options) -> None:
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "batch"))
    cache.clear_memory()
    stages = precompute(corpus, quiet=True, **options)
    assert {"articles", "entities", "tables"} <= set(stages)
    cache.clear_memory()
    with cache.stored_only():  # every table was stored by the one pass: nothing is computed here
        batch = _tables(corpus)
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "plain"))
    cache.clear_memory()
    plain = _tables(corpus)
    for name, table in plain.items():
        if isinstance(table, pd.Series):
            pd.testing.assert_series_equal(batch[name], table)
        else:
            pd.testing.assert_frame_equal(batch[name], table, check_exact=True)
    found = batch["claims"]
    said = found[found["quote"].str.startswith("We will not accept these terms")]
    assert set(zip(said["doc_id"], said["speaker"])) == {("000_article", "Marta Lindqvist"),
                                                          ("006_article", "Ilse Vandermeer")}
    assert set(batch["sanctions"]["target"]) >= {"Brannock Shipping", "Calder Mining Group"}
    assert set(zip(batch["passages"]["doc_a"], batch["passages"]["doc_b"])) >= {
        ("000_article", "003_article"), ("000_article", "006_article"), ("003_article", "006_article")}
    assert sorted(batch["sentences"].index) == [f"{i:03d}_article" for i in range(9)]


def test_one_pass_on_local_workers_stores_the_tables_own_results(generated, tmp_path, monkeypatch):
    _compare(generated, tmp_path, monkeypatch, workers=2)


def test_one_pass_on_a_dask_cluster_gives_the_same_tables(generated, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        _compare(generated, tmp_path, monkeypatch, scheduler=cluster.scheduler_address)
    parts = sorted(p.relative_to(tmp_path / "batch" / "batch").parts[1:]
                   for p in (tmp_path / "batch" / "batch").rglob("*.parquet"))
    assert ("claims", "part-00000.parquet") in parts and ("sanctions", "part-00000.parquet") in parts


def test_a_warm_cache_skips_the_pass(generated, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "warm"))
    cache.clear_memory()
    precompute(generated, quiet=True, workers=1)
    cache.clear_memory()
    assert list(precompute(generated, quiet=True, workers=1)) == ["probe"]
