"""``python -m analysis cache prune``: parses of other pipeline keys and files unused for N days go; the rest stays."""
from __future__ import annotations

import os
import time
from pathlib import Path

from analysis import nlp
from analysis.cli import main

DAY = 86400


def _file(path: Path, size: int, age_days: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = time.time() - age_days * DAY
    os.utime(path, (when, when))
    return path


def _build(root: Path, key: str) -> dict[str, Path]:
    return {
        "current": _file(root / "docs" / key / "recent.spacy", 100),
        "current_old": _file(root / "docs" / key / "old.spacy", 200, age_days=40),
        "other_key": _file(root / "docs" / "en_core_web_sm-3.7.0-spacy3.7.2-patternsabc" / "x.spacy", 300),
        "other_key2": _file(root / "docs" / "en_core_web_sm-3.8.0-spacy3.8.18-patternsdef" / "y.spacy", 400, 2),
        "table": _file(root / "tables" / "entities.mentions" / "new.pkl", 500, age_days=1),
        "table_old": _file(root / "tables" / "claims.claims" / "old.pkl", 600, age_days=45),
    }


def test_cache_prune_removes_other_keys_and_unused_files(tmp_path, monkeypatch, capsys):
    root = tmp_path / "cache"
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(root))
    key = nlp.pipeline_key(nlp.load_pipeline())
    files = _build(root, key)
    assert main(["cache", "prune", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert files["current"].exists() and files["table"].exists()
    for name in ("current_old", "other_key", "other_key2", "table_old"):
        assert not files[name].exists(), name
    assert not files["other_key"].parent.exists() and not files["table_old"].parent.exists()
    assert sorted(p.name for p in (root / "docs").iterdir()) == [key]
    assert "patternsabc" in out and "old.pkl" in out
    assert "removed 4 entries, 1,500 bytes" in out


def test_cache_prune_dry_run_removes_nothing(tmp_path, monkeypatch, capsys):
    root = tmp_path / "cache"
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(root))
    key = nlp.pipeline_key(nlp.load_pipeline())
    files = _build(root, key)
    assert main(["cache", "prune", "--dry-run"]) == 0
    assert all(path.exists() for path in files.values())
    assert "would remove 4 entries, 1,500 bytes" in capsys.readouterr().out


def test_a_cache_read_keeps_its_parse_from_being_pruned(make_corpus, tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(root))
    corpus = make_corpus({"a.txt": "Dock news\n\nDockers in Antwerp said on Monday that work resumed.\n"})
    nlp.annotate(corpus)
    key = nlp.pipeline_key(nlp.load_pipeline())
    path = nlp.cache_path(corpus["a"], key)
    old = time.time() - 60 * DAY
    os.utime(path, (old, old))
    assert nlp.annotate(corpus) == {"parsed": 0, "cached": 1}
    assert nlp.prune_cache(key, days=30) == []
    assert path.exists()
