"""config.resolve_corpus: the corpus path a notebook or command was given, from any working directory."""
from __future__ import annotations

from pathlib import Path

from analysis import config


def test_none_and_empty_mean_the_sample_folder():
    assert config.resolve_corpus(None) == config.ROOT / "data" / "raw"
    assert config.resolve_corpus("") == config.ROOT / "data" / "raw"


def test_relative_path_that_exists_from_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "my_corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    assert config.resolve_corpus("my_corpus") == tmp_path.resolve() / "my_corpus"
    assert config.resolve_corpus(Path("my_corpus")) == tmp_path.resolve() / "my_corpus"


def test_relative_path_is_resolved_against_the_project_root_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no data/raw here: the project's own folder is meant
    resolved = config.resolve_corpus("data/raw")
    assert resolved == config.ROOT / "data" / "raw"
    assert resolved.is_absolute() and resolved.is_dir()
    monkeypatch.chdir(config.ROOT / "notebooks")  # where nbval runs
    assert config.resolve_corpus("data/raw") == config.ROOT / "data" / "raw"


def test_home_directory_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "news").mkdir()
    assert config.resolve_corpus("~/news") == tmp_path.resolve() / "news"


def test_absolute_path_is_kept_even_when_missing(tmp_path):
    assert config.resolve_corpus(tmp_path / "nowhere") == tmp_path.resolve() / "nowhere"
