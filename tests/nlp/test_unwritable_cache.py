"""A parse cache that cannot be written costs speed, never the run: one warning, and reading still works.

Tests may run as root, where chmod does not stop writes. The cache folder is then made unwritable in
one of two real ways: a cache path whose parent is a regular FILE (mkdir fails with ENOTDIR, for
real, as any user), and, for "read-only but already filled", chmod 0o555 when not root, or, as
root, DocBin.to_disk monkeypatched to raise EROFS (the test says which in its output).
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pandas as pd

from analysis import nlp
from analysis.cli import main
from analysis.corpus import load_corpus

ARTICLES = {
    "a.txt": "Harbour news\n\nThe harbour master in Constanta said on Monday that tankers were waiting.\n",
    "b.txt": "Rail news\n\nEngineers in Gdansk said the new bridge would open in June.\n",
    "c.txt": "Court news\n\nA judge in Rotterdam ruled on Friday that the cargo could be released.\n",
}
WARNING = "cannot be written"


def _file_parent(tmp_path: Path) -> Path:
    """A cache folder that cannot be created: its parent is a regular file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a regular file, not a folder\n", encoding="utf-8")
    return blocker / "cache"


def test_cache_under_a_regular_file_warns_once_and_parses_everything(make_corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(_file_parent(tmp_path)))
    corpus = make_corpus(ARTICLES)
    pairs = list(nlp.iter_docs(corpus))
    assert [a.doc_id for a, _ in pairs] == ["a", "b", "c"]
    assert all(doc.text == article.text for article, doc in pairs)
    assert nlp.annotate(corpus) == {"parsed": 3, "cached": 0}
    err = capsys.readouterr().err
    assert err.count(WARNING) == 1, err
    assert "blocker" in err


def _make_read_only(root: Path, monkeypatch) -> str:
    """Make the filled cache at ``root`` unwritable; returns how (chmod, or a patched writer as root)."""
    if os.geteuid() != 0:
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            folder.chmod(0o555)
        return "chmod 0o555"
    from spacy.tokens import DocBin

    def refuse(self, path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))
    monkeypatch.setattr(DocBin, "to_disk", refuse)
    return "root: DocBin.to_disk raises EROFS"


def test_read_only_filled_cache_is_read_and_new_parses_only_warn(make_corpus, tmp_path, monkeypatch, capsys):
    root = tmp_path / "cache"
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(root))
    folder = make_corpus(ARTICLES, load=False)
    assert nlp.annotate(load_corpus(folder)) == {"parsed": 3, "cached": 0}
    how = _make_read_only(root, monkeypatch)
    try:
        (folder / "d.txt").write_text("Mine news\n\nMiners in Katowice said on Tuesday that the strike ended.\n",
                                      encoding="utf-8")
        (folder / "e.txt").write_text("Fish news\n\nThe fleet in Bergen said catches rose in May.\n", encoding="utf-8")
        stats: dict = {}
        docs = {a.doc_id: d.text == a.text for a, d in nlp.iter_docs(load_corpus(folder), stats=stats)}
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir():
                path.chmod(stat.S_IRWXU)
    print(f"made read-only by: {how}")
    assert stats == {"parsed": 2, "cached": 3}
    assert docs == dict.fromkeys("abcde", True)
    assert capsys.readouterr().err.count(WARNING) == 1


def test_a_command_with_an_unwritable_cache_succeeds_with_one_warning(make_corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(_file_parent(tmp_path)))
    texts = {name: text.replace("news", "report") for name, text in ARTICLES.items()}  # a corpus no memo holds
    folder = make_corpus(texts, load=False)
    out = tmp_path / "entities.csv"
    assert main(["entities", "--corpus", str(folder), "--out", str(out)]) == 0
    rows = pd.read_csv(out)
    assert set(rows.doc_id) == {"a", "b", "c"}
    assert {"Constanta", "Gdansk", "Rotterdam"} <= set(rows.text)
    err = capsys.readouterr().err
    assert sum(WARNING in line for line in err.splitlines()) == 1, err
