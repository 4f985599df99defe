"""The memo of analysis results: reused across processes, recomputed when any input changes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import cache, config, entities, load_corpus
from analysis.corpus import corpus_fingerprint


@pytest.fixture
def table_dir(tmp_path, monkeypatch):
    """A fresh cache folder and an empty in-process memo for one test."""
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISK_ENV, raising=False)
    cache.clear_memory()
    yield tmp_path / "cache" / "tables"
    cache.clear_memory()


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"n": [len(calls)]})
    return calls, compute


def test_result_is_stored_on_disk_and_reused(table_dir):
    calls, compute = _counter()
    first = cache.memo("test.table", ("k", 1), compute)
    assert calls == [1]
    assert len(list((table_dir / "test.table").glob("*.pkl"))) == 1
    cache.clear_memory()  # as in a new kernel
    again = cache.memo("test.table", ("k", 1), compute)
    assert calls == [1], "a stored result must not be recomputed"
    pd.testing.assert_frame_equal(first, again)
    cache.memo("test.table", ("k", 2), compute)
    assert calls == [1, 1], "another key is another result"


def test_returned_frames_are_copies(table_dir):
    _, compute = _counter()
    frame = cache.memo("test.copy", "k", compute)
    frame.loc[0, "n"] = 99
    assert cache.memo("test.copy", "k", compute).loc[0, "n"] == 1


def test_a_changed_data_file_invalidates(table_dir, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(config.DATA, data, ignore=shutil.ignore_patterns("raw", "processed"))
    monkeypatch.setattr(config, "DATA", data)
    calls, compute = _counter()
    cache.memo("test.data", "k", compute)
    before = cache.version()
    with (data / "aliases.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert cache.version() != before
    cache.memo("test.data", "k", compute)
    assert calls == [1, 1], "an edited data file must give a fresh result"
    (data / "lists" / "ofac_sdn_2022-10-26.csv.gz").write_bytes(b"")
    cache.memo("test.data", "k", compute)
    assert calls == [1, 1, 1], "an edited list file must give a fresh result"


def test_corrupt_file_is_recomputed(table_dir):
    calls, compute = _counter()
    cache.memo("test.corrupt", "k", compute)
    stored = next((table_dir / "test.corrupt").glob("*.pkl"))
    stored.write_bytes(b"not a pickle")
    cache.clear_memory()
    assert cache.memo("test.corrupt", "k", compute).loc[0, "n"] == 2
    assert calls == [1, 1]


def test_disk_layer_can_be_switched_off(table_dir, monkeypatch):
    monkeypatch.setenv(cache.DISK_ENV, "0")
    calls, compute = _counter()
    cache.memo("test.off", "k", compute)
    cache.clear_memory()
    cache.memo("test.off", "k", compute)
    assert calls == [1, 1]
    assert not table_dir.exists()


def test_old_results_are_pruned(table_dir):
    _, compute = _counter()
    for k in range(cache.KEEP + 3):
        cache.memo("test.prune", k, compute)
    assert len(list((table_dir / "test.prune").glob("*.pkl"))) == cache.KEEP


def test_fingerprint_is_the_same_in_another_process():
    """Python's str hash differs per process; the fingerprint must not, or the disk cache never hits."""
    here = corpus_fingerprint(load_corpus(config.RAW))
    code = "from analysis import config, load_corpus; from analysis.corpus import corpus_fingerprint; " \
           "print(corpus_fingerprint(load_corpus(config.RAW)))"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert there.stdout.strip() == here
    assert len(here) == 40


def test_fingerprint_changes_with_text_and_metadata(make_corpus):
    files = {"a.txt": "Title A\n\nBody of the first article.\n", "b.txt": "Title B\n\nAnother body here.\n"}
    base = corpus_fingerprint(make_corpus(files))
    assert corpus_fingerprint(make_corpus(files)) == base
    assert corpus_fingerprint(make_corpus({**files, "b.txt": "Title B\n\nAnother body there.\n"})) != base
    assert corpus_fingerprint(make_corpus({**files, "b.txt": "Title C\n\nAnother body here.\n"})) != base


def test_mentions_come_from_disk_in_a_new_process(table_dir, sample_corpus, monkeypatch):
    first = entities.mentions(sample_corpus)
    cache.clear_memory()

    def fail(*args, **kwargs):
        raise AssertionError("mentions were recomputed although nothing changed")
    from analysis.entities import tables as entity_tables
    monkeypatch.setattr(entity_tables, "_build", fail)
    pd.testing.assert_frame_equal(entities.mentions(sample_corpus), first)
    assert (table_dir / "entities.mentions").is_dir()


def test_a_setting_and_the_file_it_names_invalidate(table_dir, tmp_path, monkeypatch):
    table = tmp_path / "aliases.yaml"
    table.write_text("entities: []\n", encoding="utf-8")
    monkeypatch.delenv(entities.ALIASES_ENV, raising=False)
    before = cache.version()
    monkeypatch.setenv(entities.ALIASES_ENV, str(table))
    with_table = cache.version()
    assert with_table != before
    table.write_text("entities: []\n# edited\n", encoding="utf-8")
    assert cache.version() != with_table
