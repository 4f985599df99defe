"""The tables built on the mentions: frequency, aliases report, co-occurrence, entity_at, resolve_name,
the CLI, the rendered article, and empty tables (and figures) for a corpus without names."""
from __future__ import annotations

import argparse

from analysis import entities
from analysis.plots import entities as entity_plots


def test_frequency_aliases_and_cooccurrence_tables(sample_corpus, sample_mentions):
    freq = entities.frequency(sample_corpus, by="entity")
    assert list(freq.columns) == ["entity_id", "canonical", "label", "mentions", "articles", "surface_forms"]
    kirby = freq[freq["canonical"] == "John Kirby"].iloc[0]
    assert kirby["articles"] == 4 and kirby["label"] == "PERSON"
    assert freq["mentions"].sum() == len(sample_mentions)
    by_label = entities.frequency(sample_corpus, by="label")
    assert by_label["mentions"].sum() == len(sample_mentions)
    by_article = entities.frequency(sample_corpus, by="article")
    assert by_article["doc_id"].tolist() == sample_corpus.doc_ids
    report = entities.aliases_report(sample_corpus)
    row = report[(report["surface"] == "Nationwide Safety Council")].iloc[0]
    assert row["canonical"] == "National Security Council" and row["method"].startswith("fuzzy(")
    assert set(report.loc[report["surface"] == "Kirby", "method"]) <= {"same_article_fullname", "corpus_fullname"}
    assert "acronym" in set(report["method"]) or "alias_table" in set(report.loc[report["surface"] == "JCPOA", "method"])
    co = entities.cooccurrence(sample_corpus)
    pair = co[(co["canonical_a"].isin(["Iran", "Russia"])) & (co["canonical_b"].isin(["Iran", "Russia"]))]
    assert len(pair) == 1 and pair["sentences"].item() >= 10
    assert (co["entity_a"] < co["entity_b"]).all()


def test_entity_at_and_resolve_name(sample_corpus, sample_mentions):
    doc_id = "003_0d55d710c7bf9c8f"
    raw = sample_corpus[doc_id].raw
    start = raw.index("James Cleverley")
    hit = entities.entity_at(sample_mentions, doc_id, start, start + len("James Cleverley"))
    assert hit["canonical"] == "James Cleverly" and hit["label"] == "PERSON"
    assert entities.entity_at(sample_mentions, doc_id, 0, 3) is None
    assert entities.resolve_name(sample_corpus, "Kirby", doc_id="001_28ca36ce2e4e94c5")["canonical"] == "John Kirby"
    assert entities.resolve_name(sample_corpus, "spokesman Ned Price's")["canonical"] == "Ned Price"
    assert entities.resolve_name(sample_corpus, "the Revolutionary Guards")["canonical"] == \
        "Islamic Revolutionary Guard Corps"
    assert entities.resolve_name(sample_corpus, "Zzyzx Qwerty") is None


def test_cli_writes_mentions(sample_corpus, tmp_path):
    args = argparse.Namespace(fold_metonyms=False, frequency=str(tmp_path / "f.csv"), aliases=None)
    from analysis.cli import entities_cmd
    frame = entities_cmd.run(sample_corpus, args)
    assert list(frame.columns) == entities.COLUMNS
    assert (tmp_path / "f.csv").exists()


def test_render_escapes_article_text(make_corpus):
    corpus = make_corpus({"x.txt": "Headline\n\nJohn Kirby said <script>alert(1)</script> in Kyiv. Kirby left.\n"})
    html = entities.render_html(corpus, "x")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Kyiv" in html and "PERSON" in html


def test_a_corpus_without_names_gives_empty_tables(make_corpus):
    corpus = make_corpus({"e.txt": "nothing here\n\nthe cat sat on the mat and it was fine.\n"})
    m = entities.mentions(corpus)
    assert m.empty and list(m.columns) == entities.COLUMNS
    assert entities.frequency(corpus).empty and entities.cooccurrence(corpus).empty
    assert entities.aliases_report(corpus).empty
    assert entities.frequency(corpus, by="article")["entities"].tolist() == [0]
    assert entity_plots.plot_top_entities(entities.frequency(corpus)) is None
    assert entity_plots.plot_entity_heatmap(m, corpus.doc_ids) is None
    assert entities.resolve_name(corpus, "Nobody Known") is None
