"""The command line: annotate into the cache, the corpus tables on request, a clear error for a bad path."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache folder of this test only, so 'parsed' and 'cached' counts start from nothing."""
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_annotate_prints_counts_and_a_second_run_is_all_cached(make_corpus, own_cache, capsys):
    folder = make_corpus({
        "a.txt": "Ferry service resumes\n\nThe ferry to the island ran again on Sunday after a week of gales.\n",
        "b.txt": "Library reopens\n\nThe town library reopened its doors on Saturday after repairs.\n",
    }, load=False)
    assert main(["annotate", "--corpus", str(folder)]) == 0
    assert capsys.readouterr().out == "2 articles: 2 parsed, 0 from cache\n"
    assert main(["annotate", "--corpus", str(folder)]) == 0
    assert capsys.readouterr().out == "2 articles: 0 parsed, 2 from cache\n"


def test_corpus_writes_the_rejected_and_removed_tables(make_corpus, own_cache, tmp_path, capsys):
    folder = make_corpus({
        "empty.txt": "",
        "story.txt": "Bridge repairs finished\n\nThe bridge reopened to traffic on Friday morning.\nSource link\n",
    }, load=False)
    rejected, removed, out = tmp_path / "R.csv", tmp_path / "M.csv", tmp_path / "O.csv"
    status = main(["corpus", "--corpus", str(folder), "--rejected", str(rejected), "--removed", str(removed),
                   "--out", str(out)])
    assert status == 0
    assert "rejected empty.txt: empty" in capsys.readouterr().err
    rejected_rows = pd.read_csv(rejected, keep_default_na=False)
    assert rejected_rows[["path", "doc_id", "reason"]].values.tolist() == [["empty.txt", "empty", "empty"]]
    removed_rows = pd.read_csv(removed, keep_default_na=False)
    assert removed_rows.columns.tolist() == ["doc_id", "start", "end", "rule", "text"]
    assert removed_rows[["doc_id", "rule", "text"]].values.tolist() == [["story", "source_link", "Source link"]]
    start, end = removed_rows.loc[0, ["start", "end"]]
    assert (folder / "story.txt").read_text(encoding="utf-8")[start:end] == "Source link"
    overview = pd.read_csv(out, keep_default_na=False)
    assert overview.doc_id.tolist() == ["story"]
    assert overview.loc[0, "sentences"] == 1
    assert overview.loc[0, "boilerplate_removed"] == 1


def test_a_missing_corpus_path_exits_2_naming_the_path(tmp_path):
    missing = tmp_path / "no_such_corpus"
    result = subprocess.run([sys.executable, "-m", "analysis", "corpus", "--corpus", str(missing)],
                            capture_output=True, text=True, cwd=config.ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: Corpus path not found: ")
    assert str(missing) in result.stderr


@pytest.mark.parametrize("under", ["notes.txt/x.csv", "notes.txt/deeper/x.csv"])
def test_out_under_a_file_exits_2_naming_the_file_before_any_analysis(make_corpus, own_cache, tmp_path, under):
    folder = make_corpus({"a.txt": "Ferry service resumes\n\nThe ferry ran again on Sunday.\n"}, load=False)
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    _assert_refused_under_file(["corpus", "--corpus", str(folder), "--out", str(tmp_path / under)], tmp_path, under)
    assert not own_cache.exists() or not any(own_cache.rglob("*")), "analysed although --out can never be written"


def test_a_secondary_table_under_a_file_exits_2_naming_the_path(make_corpus, own_cache, tmp_path, capsys):
    folder = make_corpus({"empty.txt": "", "a.txt": "Ferry service resumes\n\nThe ferry ran again on Sunday.\n"},
                         load=False)
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    target = tmp_path / "notes.txt" / "rejected.csv"
    assert main(["corpus", "--corpus", str(folder), "--rejected", str(target)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (f"error: cannot write {target}: "
                                                        f"{tmp_path / 'notes.txt'} is a file, not a folder")


def test_out_naming_a_folder_exits_2(make_corpus, own_cache, tmp_path, capsys):
    folder = make_corpus({"a.txt": "Ferry service resumes\n\nThe ferry ran again on Sunday.\n"}, load=False)
    (tmp_path / "tables").mkdir()
    assert main(["corpus", "--corpus", str(folder), "--out", str(tmp_path / "tables")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"error: cannot write {tmp_path / 'tables'}: it is a folder"


@pytest.mark.parametrize("under", ["notes.txt", "notes.txt/site"])
def test_report_out_on_or_under_a_file_exits_2_naming_the_file(make_corpus, tmp_path, under):
    folder = make_corpus({"a.txt": "Ferry service resumes\n\nThe ferry ran again on Sunday.\n"}, load=False)
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    _assert_refused_under_file(["report", "--corpus", str(folder), "--out", str(tmp_path / under)], tmp_path, under)


def _assert_refused_under_file(args: list[str], tmp_path, under: str) -> None:
    """``python -m analysis ARGS`` exits 2 with one line naming the file in the way, and leaves the file alone."""
    result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                            cwd=config.ROOT, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (f"error: cannot write {tmp_path / under}: "
                                              f"{tmp_path / 'notes.txt'} is a file, not a folder")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_every_corpus_command_and_report_take_a_scheduler():
    from analysis.cli import COMMANDS, build_parser
    parser = build_parser()
    for command in [*COMMANDS, "report"]:
        args = parser.parse_args([command, "--scheduler", "tcp://192.0.2.1:8786"])
        assert args.scheduler == "tcp://192.0.2.1:8786"
