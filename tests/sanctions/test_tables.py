"""The corpus tables: the sample against its hand-made key, offsets, dates, empty corpora and an edited lexicon."""
from __future__ import annotations

import shutil

import pandas as pd

from analysis import cache, config, load_corpus, nlp
from analysis import sanctions as S
from analysis.sanctions.lexicon import lexicon_files

from .cases import NOT_TARGETS, SAMPLE_KEY, UK_TARGETS, article, of


def test_sample_uk_targets_with_authority_measures_status(rows):
    for name, (kind, title, measures, _, _) in UK_TARGETS.items():
        hit = rows[rows["target"] == name]
        assert len(hit) == 1, name
        row = hit.iloc[0]
        assert row["doc_id"].startswith("000_")
        assert row["authority"] == "United Kingdom"
        assert row["target_type"] == kind
        assert row["title"] == title
        assert set(row["measures"]) == measures
        assert row["status"] == "imposed"


def test_sample_offsets_point_into_the_original_file(rows, sample_corpus):
    for row in rows.itertuples():
        raw = sample_corpus[row.doc_id].raw
        assert raw[row.start:row.end] == row.target
        assert row.target in " ".join(raw[row.sentence_start:row.sentence_end].split())


def test_sample_no_unsanctioned_person_or_org_is_a_target(rows):
    named = rows[rows["target_type"].isin(["person", "organization"])]
    assert set(named["target"]) == set(UK_TARGETS)
    for name in NOT_TARGETS:
        assert not rows["target"].str.contains(name, regex=False).any(), name


def test_sample_considered_threatened_and_groups(rows):
    got = {(r.doc_id[:3], r.target, r.target_type, r.authority, r.status) for r in rows.itertuples()}
    assert ("000", "Tehran", "country", "United States", "considered") in got
    assert ("000", "Iranian officials and companies", "group", "United Kingdom", "imposed") in got
    assert ("002", "everyone involved in these transfers", "group", "United States", "threatened") in got
    assert ("003", "Iranian firms and entities", "group", "United States", "imposed") in got
    assert ("004", "three commanders within the IRGC", "group", "United States", "imposed") in got
    assert ("004", "Iranian entities and officers", "group", "United States", "imposed") in got


def test_sample_rows_equal_the_hand_made_key(rows):
    got = {(r.doc_id[:3], r.target, r.target_type, r.authority, r.status) for r in rows.itertuples()}
    assert got == SAMPLE_KEY
    assert len(rows) == len(SAMPLE_KEY)


def test_date_needs_an_article_date(small):
    corpus, frame = small
    assert corpus["no_date"].date is None
    got = of(frame, "no_date")
    assert got["target"].tolist() == ["Ali Akbar Ahmadian"]
    assert got["date"].tolist() == [None]
    assert S.resolve_date("Thursday", "2022-10-20") == "2022-10-20"
    assert S.resolve_date("on Wednesday", "2022-10-20") == "2022-10-19"
    assert S.resolve_date("yesterday", "2022-10-20") == "2022-10-19"
    assert S.resolve_date("Thursday", None) is None


# ---------------------------------------------------------------------------
# The per-Doc extractor, empty corpora
# ---------------------------------------------------------------------------

def test_extract_sanctions_reads_one_doc_with_offsets_into_its_text():
    text = "Britain on Tuesday imposed travel bans on Oskar Brenn and Arvik Shipping Lines."
    doc = nlp.load_pipeline()(text)
    got = S.extract_sanctions(doc, date="2022-10-20")
    assert [(r["target"], r["authority"], r["status"], r["measures"], r["date"]) for r in got] == [
        ("Oskar Brenn", "United Kingdom", "imposed", ["travel ban"], "2022-10-18"),
        ("Arvik Shipping Lines", "United Kingdom", "imposed", ["travel ban"], "2022-10-18")]
    assert [text[r["start"]:r["end"]] for r in got] == ["Oskar Brenn", "Arvik Shipping Lines"]
    assert {(r["sentence_start"], r["sentence_end"]) for r in got} == {(0, len(text))}
    assert all(list(r) == S.ROW_KEYS for r in got)
    assert S.extract_sanctions(doc)[0]["date"] is None          # no article date: "Tuesday" stays unresolved


def test_a_corpus_without_sanctions_gives_empty_tables_with_the_documented_columns(tmp_path):
    (tmp_path / "quiet.txt").write_text(article("quiet", "The council approved a new budget for the city's "
                                                         "parks on Monday."), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    rows = S.sanctions(corpus)
    assert rows.empty and list(rows.columns) == [
        "doc_id", "start", "end", "sentence", "authority", "office", "target", "target_type", "title",
        "position", "measures", "status", "date", "reason", "canonical", "trigger", "sentence_start", "sentence_end",
        "announced", "confidence"]
    targets = S.consolidated(corpus, rows=rows)
    assert targets.empty and list(targets.columns) == [
        "target", "target_type", "titles", "positions", "authorities", "offices", "measures", "statuses",
        "reasons", "first_date", "sources", "doc_ids", "mentions", "key", "evidence"]
    assert list(S.consolidated(corpus).columns) == list(targets.columns)


# ---------------------------------------------------------------------------
# An edited lexicon in a running process
# ---------------------------------------------------------------------------

PORT_BAN = "Britain on Monday imposed a port ban on Arvik Shipping Lines."


def _add_port_ban(folder):
    measures = folder / "sanctions_measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("measures:\n", "measures:\n  port ban:\n    - port ban\n", 1), encoding="utf-8")


def test_load_lexicon_sees_a_file_edited_after_the_first_load(tmp_path):
    for path in lexicon_files():
        shutil.copy(path, tmp_path / path.name)
    before = S.load_lexicon(tmp_path)
    assert "port ban" not in before.measures
    assert S.load_lexicon(tmp_path) is before                    # unchanged files: the same object
    _add_port_ban(tmp_path)
    after = S.load_lexicon(tmp_path)
    assert after.measures["port ban"] == ["port ban"]
    assert after.key != before.key


def test_the_table_follows_an_edited_data_file(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for path in config.DATA.iterdir():
        if path.is_file():
            shutil.copy(path, data / path.name)
    monkeypatch.setattr(config, "DATA", data)
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "port.txt").write_text(article("port", PORT_BAN), encoding="utf-8")
    corpus = load_corpus(texts)
    keys = []
    memo = cache.memo

    def spy(name, key, compute, **kwargs):
        if name == "sanctions.sanctions":
            keys.append(key)
        return memo(name, key, compute, **kwargs)
    monkeypatch.setattr(cache, "memo", spy)
    assert S.sanctions(corpus).empty                             # "port ban" is no measure yet
    _add_port_ban(data)
    after = S.sanctions(corpus)
    assert after[["target", "authority", "measures"]].values.tolist() == [
        ["Arvik Shipping Lines", "United Kingdom", ["port ban"]]]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert isinstance(after, pd.DataFrame)
