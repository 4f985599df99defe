"""The memo of analysis results: reused across processes, recomputed when any input changes."""
from __future__ import annotations

import hashlib
import math
import os
import pickle
import shutil
import subprocess
import sys
from collections import Counter

import numpy as np
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
    assert len(list((table_dir / "test.table").glob("*.arrow"))) == 1
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
    stored = next((table_dir / "test.corrupt").glob("*.arrow"))
    stored.write_bytes(b"not an arrow file")
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
    assert len(list((table_dir / "test.prune").glob("*.arrow"))) == cache.KEEP


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


# ---------------------------------------------------------------------------
# The disk layer holds data, never code, and serves only files that verify
# ---------------------------------------------------------------------------

class _Payload:
    """Unpickling this runs ``touch <marker>``."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _stored(table_dir, name):
    """The one stored file of result ``name``."""
    [path] = (table_dir / name).glob("*.arrow")
    return path


def _old_pickle_path(name, key):
    """Where the pickle-based cache read the result of ``name`` for ``key``."""
    digest = hashlib.sha1(f"{name}\0{key!r}\0{cache.version()}".encode("utf-8")).hexdigest()
    return config.cache_dir() / "tables" / name / f"{digest}.pkl"


def test_a_planted_pickle_is_never_executed(table_dir, tmp_path):
    marker = tmp_path / "pwned"
    calls, compute = _counter()
    cache.memo("test.planted", "k", compute)
    payload = pickle.dumps(_Payload(marker))
    old = _old_pickle_path("test.planted", "k")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(payload)  # where the pickle cache looked
    cache._path("test.planted", "k", cache.version()).write_bytes(payload)  # where the cache looks now
    cache.clear_memory()  # as in a new kernel
    assert cache.memo("test.planted", "k", compute).loc[0, "n"] == 2, "a planted file must be recomputed"
    assert not marker.exists(), "a planted pickle was executed"
    assert calls == [1, 1]
    assert not old.exists(), "files of the pickle format are deleted unread"
    cache.clear_memory()
    assert cache.memo("test.planted", "k", compute).loc[0, "n"] == 2, "the overwritten file verifies again"
    assert calls == [1, 1]


def test_a_file_of_another_key_is_recomputed_not_served(table_dir):
    def compute(word):
        return lambda: pd.DataFrame({"word": [word]})
    cache.memo("test.swap", "a", compute("apple"))
    cache.memo("test.swap", "b", compute("banana"))
    version = cache.version()
    path_a, path_b = cache._path("test.swap", "a", version), cache._path("test.swap", "b", version)
    shutil.copyfile(path_a, path_b)  # a valid file, written for key "a"
    cache.clear_memory()
    served = []
    again = cache.memo("test.swap", "b", lambda: served.append(1) or pd.DataFrame({"word": ["banana"]}))
    assert again["word"].tolist() == ["banana"]
    assert served == [1], "another key's file must be recomputed"
    cache.clear_memory()
    assert cache.memo("test.swap", "b", compute("wrong"))["word"].tolist() == ["banana"], "and overwritten"


CHANGED_BYTE = {  # a value, a byte string inside its stored file, and what that byte string becomes
    "table cell": (lambda: pd.DataFrame({"text": ["the minister denied the report"]}), b"denied", b"Denied"),
    "count in the header": (lambda: {"000_article": 123456789}, b"123456789", b"123456780"),
}


@pytest.mark.parametrize("make, inside, changed", CHANGED_BYTE.values(), ids=CHANGED_BYTE.keys())
def test_a_file_with_a_changed_byte_is_recomputed(table_dir, make, inside, changed):
    calls = []
    cache.memo("test.flip", "k", lambda: calls.append(1) or make())
    path = _stored(table_dir, "test.flip")
    data = path.read_bytes()
    assert inside in data
    path.write_bytes(data.replace(inside, changed))  # every copy (an Arrow file holds its schema twice)
    cache.clear_memory()
    _assert_same(make(), cache.memo("test.flip", "k", lambda: calls.append(1) or make()))
    assert calls == [1, 1], "a file whose data does not match its digest must be recomputed"


@pytest.mark.parametrize("cut", [0.5, 0.95, 8])
def test_a_truncated_file_is_recomputed(table_dir, cut):
    calls, compute = _counter()
    cache.memo("test.truncated", "k", compute)
    path = _stored(table_dir, "test.truncated")
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * cut)] if cut < 1 else data[:cut])
    cache.clear_memory()
    assert cache.memo("test.truncated", "k", compute).loc[0, "n"] == 2
    assert calls == [1, 1]


def _assert_same(a, b):
    """``b`` is exactly ``a``: same types all the way down, frames equal with dtypes, index and column order."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_dtype=True, check_exact=True, check_index_type=True,
                                      check_column_type=True)
        for column in range(a.shape[1]):
            if a.dtypes.iloc[column] == object:
                _assert_same(list(a.iloc[:, column]), list(b.iloc[:, column]))
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _assert_same(x, y)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _assert_same(a[k], b[k])
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b)
    else:
        assert a == b


def _sanctions_like():
    return pd.DataFrame({
        "doc_id": pd.Series(["a", "b", "c"], dtype="str"),
        "start": np.array([0, 10, 20], dtype="int64"),
        "measures": [["asset freeze", "travel ban"], [], ["export ban"]],
        "office": ["Treasury", None, "State Department"],
        "date": [None, None, None],
        "score": [0.5, np.nan, 1.0],
        "in_quote": [True, False, True],
        "speaker_start": pd.array([4, None, 7], dtype="Int64"),
        "small": np.array([1, 2, 3], dtype="int8"),
    })


ROUND_TRIPS = {
    "list cells, None, NaN, ints, bools, floats, strings": _sanctions_like,
    "mixed object column": lambda: pd.DataFrame({"o": [1, "a", 2.5, None, np.nan, True, [1, "x"], {"k": (1, 2)},
                                                       np.int64(3), float("inf")]}),
    "str column with missing": lambda: pd.DataFrame({"s": pd.Series(["x", None, "z"], dtype="str")}),
    "empty frame with columns": lambda: pd.DataFrame(columns=["doc_id", "start", "measures"]),
    "empty typed frame": lambda: _sanctions_like().iloc[0:0],
    "filtered rows keep their index": lambda: _sanctions_like().iloc[[2, 0]],
    "named string index": lambda: pd.DataFrame({"n": [1, 2]}, index=pd.Index(["x", "y"], name="who")),
    "tuple of frame, list and dict": lambda: (_sanctions_like(), [{"doc_a": "a", "_text_a": ("x", "y")}],
                                              {"candidates": 3, "note": None}),
    "passages result": lambda: ([{"doc_a": "a", "a_start": 1, "in_quote": False, "_text_a": ("w", 2)}],
                                Counter({("a", "b", "short"): 2}), 10),
    "dict of str to int": lambda: {"a": 3, "b": 0, "ç": 12},
    "dict of dicts": lambda: {"d1": {"spun": True, "subs": ["x ×2"], "names": "", "n_names": 0}},
    "string and numbers": lambda: ("text", 1, 2.5, -0.0, float("nan"), None, True),
}


@pytest.mark.parametrize("make", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_stored_values_come_back_exactly(table_dir, make):
    calls = []
    first = cache.memo("test.roundtrip", "k", lambda: calls.append(1) or make())
    path = _stored(table_dir, "test.roundtrip")
    assert path.read_bytes()[:6] == b"ARROW1", "results are stored as Arrow IPC files, not pickles"
    cache.clear_memory()
    again = cache.memo("test.roundtrip", "k", lambda: calls.append(1) or make())
    assert calls == [1], "a stored value must be served from disk"
    _assert_same(make(), again)
    _assert_same(first, again)


def test_an_unknown_type_stays_in_memory_and_is_never_pickled(table_dir, capsys):
    class Result:
        pass
    calls = []
    value = cache.memo("test.unknown", "k", lambda: calls.append(1) or Result())
    assert isinstance(value, Result)
    assert "test.unknown kept in memory only" in capsys.readouterr().err
    assert not [p for p in table_dir.rglob("*") if p.is_file()], "nothing is written for a type the codec does not know"
    assert cache.memo("test.unknown", "k", lambda: calls.append(1) or Result()) is value
    cache.clear_memory()
    cache.memo("test.unknown", "k", lambda: calls.append(1) or Result())
    assert calls == [1, 1]


def test_a_column_that_would_not_come_back_exactly_is_not_stored(table_dir, capsys):
    frame = pd.DataFrame({"kind": pd.Categorical(["quote", "claim", "quote"])})
    calls = []
    pd.testing.assert_frame_equal(cache.memo("test.inexact", "k", lambda: calls.append(1) or frame), frame)
    assert "test.inexact kept in memory only" in capsys.readouterr().err
    assert not [p for p in table_dir.rglob("*") if p.is_file()]


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv(cache.DISK_ENV, raising=False)
    cache.clear_memory()
    calls, compute = _counter()
    assert cache.memo("test.unwritable", "k", compute).loc[0, "n"] == 1
    assert "analysis.cache: could not store" in capsys.readouterr().err
    cache.clear_memory()


def test_a_provided_value_is_stored_under_the_callers_key(table_dir):
    calls, compute = _counter()
    given = pd.DataFrame({"n": [7]})
    with cache.provide("test.provided", given):
        served = cache.memo("test.provided", ("k", 1), compute)
    assert calls == [] and served.at[0, "n"] == 7
    cache.clear_memory()  # as in a notebook kernel
    assert cache.memo("test.provided", ("k", 1), compute).at[0, "n"] == 7
    assert calls == [], "the provided value was stored on disk under the key"


def test_stored_only_serves_stored_results_and_refuses_to_compute(table_dir):
    calls, compute = _counter()
    with pytest.raises(cache.NotStored):
        with cache.stored_only():
            cache.memo("test.stored", "k", compute)
    assert calls == []
    cache.memo("test.stored", "k", compute)
    cache.clear_memory()
    with cache.stored_only():
        assert cache.memo("test.stored", "k", compute).at[0, "n"] == 1
    assert calls == [1]


def test_where_the_work_runs_does_not_change_the_cache_version(table_dir, monkeypatch):
    before = cache.version()
    monkeypatch.setenv("ANALYSIS_SCHEDULER", "tcp://192.0.2.1:8786")
    monkeypatch.setenv("ANALYSIS_WORKERS", "3")
    assert cache.version() == before
