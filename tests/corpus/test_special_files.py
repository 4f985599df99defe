"""Special files and links: FIFOs never opened, hidden files, links out of the folder, loops, all listed.

Each test builds its folder here (``os.mkfifo``, ``os.symlink``) and checks that the good
articles load and that every entry not read is in ``rejected_frame()`` with its reason.
A FIFO read by mistake would block for ever, so those loads run in a thread that the
test unblocks (by opening the FIFO for writing) if it is still waiting.
"""
from __future__ import annotations

import os
import threading

import pytest

from analysis import CorpusError, load_corpus
from analysis.cli import build_parser

GOOD = "A headline about ports\n\nThe port authority said on Monday that traffic rose by a tenth.\n"
OTHER = "Grain deal extended\n\nThe ministry said on Friday that grain exports would continue.\n"
OUTSIDE = "Outside story\n\nThis file lives outside the corpus folder and is read only when asked.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks (POSIX)")


def _load_without_hanging(path, fifos, **kwargs):
    """``load_corpus(path)`` or the exception it raised; fails the test if it blocked on a FIFO."""
    outcome: dict = {}

    def run():
        try:
            outcome["corpus"] = load_corpus(path, **kwargs)
        except Exception as err:  # noqa: BLE001 - handed back to the test
            outcome["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    blocked = thread.is_alive()
    if blocked:  # release the reader: open each FIFO for writing, then close it (end of file)
        for fifo in fifos:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(30)
    assert not blocked, "load_corpus blocked reading a FIFO"
    return outcome.get("corpus"), outcome.get("error")


def _corpus_folder(tmp_path, files: dict[str, str]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _reasons(corpus) -> dict[str, str]:
    return dict(corpus.rejected_frame()[["path", "reason"]].values.tolist())


@pytest.mark.parametrize("name", ["pipe", "pipe.txt", "pipe.jsonl", "pipe.csv"])
def test_a_fifo_as_the_corpus_path_is_refused_naming_it(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    corpus, error = _load_without_hanging(fifo, [fifo])
    assert corpus is None
    assert isinstance(error, CorpusError)
    assert "FIFO" in str(error) and str(fifo) in str(error)


def test_a_fifo_inside_the_corpus_is_listed_and_never_opened(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    os.mkfifo(folder / "feed.txt")
    corpus, error = _load_without_hanging(folder, [folder / "feed.txt"])
    assert error is None
    assert corpus.doc_ids == ["good"]
    rejected = corpus.rejected_frame().set_index("path")
    assert rejected.loc["feed.txt", "reason"] == "special_file"
    assert "FIFO" in rejected.loc["feed.txt", "detail"]


def test_hidden_files_and_folders_are_listed(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD, ".draft.txt": OTHER, ".git/objects/ab": "blob",
                                       ".git/config": "[core]"})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good"]
    assert _reasons(corpus) == {".draft.txt": "hidden", ".git": "hidden"}  # a hidden folder is one entry


def test_links_outside_the_folder_are_listed_and_followed_only_when_asked(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "out.txt").write_text(OUTSIDE, encoding="utf-8")
    (elsewhere / "sub" / "deep.txt").write_text(OTHER, encoding="utf-8")
    os.symlink(elsewhere / "out.txt", folder / "linked.txt")
    os.symlink(elsewhere / "sub", folder / "linked_dir")

    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good"]
    assert _reasons(corpus) == {"linked.txt": "symlink_outside", "linked_dir": "symlink_outside"}
    detail = corpus.rejected_frame().set_index("path").loc["linked.txt", "detail"]
    assert "out.txt" in detail and "follow_links" in detail

    followed = load_corpus(folder, follow_links=True)
    assert followed.doc_ids == ["good", "linked", "linked_dir/deep"]
    assert followed["linked"].raw == OUTSIDE
    assert followed.rejected_frame().empty


def test_links_inside_the_folder_are_read_once(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD, "news/other.txt": OTHER})
    os.symlink(folder / "good.txt", folder / "again.txt")  # absolute link
    os.symlink("news", folder / "mirror")  # relative link to a folder inside
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good", "news/other"]
    rejected = corpus.rejected_frame().set_index("path")
    assert rejected.reason.to_dict() == {"again.txt": "duplicate", "mirror": "duplicate"}
    assert "good.txt" in rejected.loc["again.txt", "detail"] and "link" in rejected.loc["again.txt", "detail"]
    assert "news" in rejected.loc["mirror", "detail"]


def test_link_loops_and_broken_links_are_listed(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    os.symlink("missing.txt", folder / "broken.txt")
    os.symlink(".", folder / "self")  # a link to the folder it sits in
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good"]
    assert _reasons(corpus) == {"loop_a.txt": "symlink_loop", "loop_b.txt": "symlink_loop",
                                "broken.txt": "broken_link", "self": "symlink_loop"}


def test_followed_links_that_loop_back_are_walked_once(tmp_path):
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "out.txt").write_text(OUTSIDE, encoding="utf-8")
    os.symlink(elsewhere, elsewhere / "again")  # elsewhere/again -> elsewhere
    os.symlink(elsewhere, folder / "ext")
    corpus = load_corpus(folder, follow_links=True)
    assert corpus.doc_ids == ["ext/out", "good"]
    assert _reasons(corpus) == {"ext/again": "symlink_loop"}


def test_a_linked_corpus_path_is_read(tmp_path):
    """The path the user names may itself be a link: that one is followed."""
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    os.symlink(folder, tmp_path / "alias")
    assert load_corpus(tmp_path / "alias").doc_ids == ["good"]


def test_every_corpus_command_takes_follow_links():
    parser = build_parser()
    for command in ("corpus", "entities", "overlap", "claims", "sanctions", "annotate"):
        assert parser.parse_args([command, "--follow-links"]).follow_links is True
        assert parser.parse_args([command]).follow_links is False


def test_a_very_deep_folder_tree_is_walked(tmp_path):
    """Deeper than Python's recursion limit (1000): every level is walked, nothing crashes."""
    folder = _corpus_folder(tmp_path, {"good.txt": GOOD})
    levels = [folder]
    try:
        for _ in range(1100):
            levels.append(levels[-1] / "d")
            levels[-1].mkdir()
        (levels[-1] / "deep.txt").write_text(OTHER, encoding="utf-8")
        corpus = load_corpus(folder)
        assert corpus.doc_ids == ["/".join(["d"] * 1100) + "/deep", "good"]
    finally:  # remove the tree bottom up (shutil.rmtree recurses and would fail on it)
        (levels[-1] / "deep.txt").unlink(missing_ok=True)
        for level in reversed(levels[1:]):
            level.rmdir()
