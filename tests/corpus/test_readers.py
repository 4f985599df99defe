"""Reading a corpus: bad files refused with reasons, folders, .jsonl/.csv input, HTML pages."""
from __future__ import annotations

import csv
import json

import pytest

from analysis import CorpusError, load_corpus

GOOD = "A headline about ports\n\nThe port authority said on Monday that traffic rose by a tenth.\n"


def test_bad_files_are_rejected_with_reasons_and_the_rest_runs(make_corpus):
    corpus = make_corpus({
        "good.txt": GOOD,
        "empty.txt": "",
        "blank.txt": "   \n\n  \n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "latin1.txt": "Caf\xe9 headline\n\nLe caf\xe9 est ferm\xe9.".encode("latin-1"),
        "zz_copy.txt": GOOD.replace("\n\n", "\n\n\n"),
        "notes.pdf": b"%PDF-1.4",
        "title_only.txt": "Just a headline\n",
    })
    assert corpus.doc_ids == ["good"]
    rejected = corpus.rejected_frame().set_index("path")
    assert rejected.loc["empty.txt", "reason"] == "empty"
    assert rejected.loc["blank.txt", "reason"] == "empty"
    assert rejected.loc["binary.txt", "reason"] == "binary"
    assert rejected.loc["latin1.txt", "reason"] == "undecodable"
    assert "UTF-8" in rejected.loc["latin1.txt", "detail"]
    assert rejected.loc["zz_copy.txt", "reason"] == "duplicate"
    assert "good" in rejected.loc["zz_copy.txt", "detail"]
    assert rejected.loc["notes.pdf", "reason"] == "unsupported"
    assert rejected.loc["title_only.txt", "reason"] == "empty"


def test_huge_file_is_rejected(make_corpus, tmp_path):
    folder = make_corpus({"good.txt": GOOD, "huge.txt": "word " * 200_000}, load=False)
    corpus = load_corpus(folder, max_bytes=500_000)
    assert corpus.doc_ids == ["good"]
    row = corpus.rejected_frame().iloc[0]
    assert (row.path, row.reason) == ("huge.txt", "too_large")


def test_very_long_line_under_the_limit_is_kept(make_corpus):
    long_line = "The ministry said " + "grain exports continued " * 5000 + "."
    corpus = make_corpus({"long.txt": "Headline\n\n" + long_line})
    assert corpus["long"].text == long_line


def test_missing_and_empty_folders_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="not found: .*nowhere"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="empty.*empty"):
        load_corpus(tmp_path / "empty")


def test_folder_of_only_bad_files_is_a_clear_error(make_corpus):
    with pytest.raises(CorpusError, match="No readable article.*empty"):
        make_corpus({"a.txt": ""})


def test_hidden_files_are_skipped_and_listed(make_corpus):
    corpus = make_corpus({"good.txt": GOOD, ".draft.txt": "Draft\n\nNot for reading.\n"})
    assert corpus.doc_ids == ["good"]
    assert corpus.rejected_frame()[["path", "reason"]].values.tolist() == [[".draft.txt", "hidden"]]


def test_html_document_is_reduced_to_its_text(make_corpus):
    page = ("<!DOCTYPE html><html><head><title>x</title><script>var tracker = 1;</script>"
            "<style>p{color:red}</style></head><body><h1>Port strike ends</h1>"
            "<p>Dockers voted on Monday to end the strike &amp; return to work.</p><!-- ad slot -->"
            "<p>The union said talks would continue.</p></body></html>")
    corpus = make_corpus({"page.html": page})
    article = corpus["page"]
    assert article.title == "Port strike ends"
    assert "tracker" not in article.text and "<p>" not in article.text and "color:red" not in article.text
    assert "to end the strike & return to work." in article.text
    start = article.text.index("Dockers")
    rs, re_ = article.raw_span(start, start + len("Dockers voted"))
    assert page[rs:re_] == "Dockers voted"
    rules = set(corpus.removals().rule)
    assert {"html_markup", "html_tags"} <= rules


def test_markup_inside_a_plain_text_article_stays_as_text(make_corpus):
    """A .txt article quoting markup is text, not a web page: nothing is executed or hidden."""
    corpus = make_corpus({"a.txt": "Headline\n\nThe post read <script>alert(1)</script> before it was deleted.\n"})
    assert "<script>alert(1)</script>" in corpus["a"].text


def test_jsonl_and_csv_corpora(tmp_path):
    rows = [
        {"id": "w1", "title": "Wire one", "text": "The minister said the deal was done.\nSource link",
         "url": "https://example.org/1", "source": "AP", "author": "A. Writer", "date": "March 3, 2023"},
        {"id": "w2", "text": "Second headline\n\nTalks resumed in Geneva on Friday."},
        {"id": "w3", "text": ""},
    ]
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    corpus = load_corpus(jsonl)
    assert corpus.doc_ids == ["w1", "w2"]
    w1 = corpus["w1"]
    assert (w1.title, w1.source, w1.author, w1.date, w1.url) == ("Wire one", "AP", "A. Writer", "2023-03-03",
                                                                 "https://example.org/1")
    assert w1.text == "The minister said the deal was done."
    assert corpus["w2"].title == "Second headline"
    assert sorted(corpus.rejected_frame().reason) == ["empty", "invalid_json"]

    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "text"])
        writer.writeheader()
        writer.writerow({"id": "c1", "title": "T", "text": "Line one.\nLine two, \"quoted\"."})
    corpus = load_corpus(path)
    assert corpus["c1"].text == 'Line one.\n\nLine two, "quoted".'


def test_csv_without_text_column_is_a_clear_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,summary\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no 'text' column"):
        load_corpus(path)


def test_other_file_kinds_are_a_clear_error(tmp_path):
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(CorpusError, match="must be a folder.*c.xlsx"):
        load_corpus(path)


def test_nested_folders_get_path_ids_and_same_stems_do_not_clash(make_corpus):
    folder = make_corpus({"top.txt": GOOD}, load=False)
    (folder / "business").mkdir()
    (folder / "tech").mkdir()
    (folder / "business" / "001.txt").write_text("Shares rise\n\nMarkets rose on Friday in Tokyo.", encoding="utf-8")
    (folder / "tech" / "001.txt").write_text("Chips fall\n\nChip makers fell on Friday in Seoul.", encoding="utf-8")
    (folder / "top.html").write_text("<html><body><h1>Other</h1><p>A different story entirely.</p></body></html>",
                                     encoding="utf-8")
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["business/001", "tech/001", "top", "top.txt"]
    assert corpus["top"].title == "Other"


def test_a_duplicate_keeps_its_own_title_date_and_source_for_the_copy_clusters(make_corpus):
    """The loader sets a copy aside; overlap's copy clusters still need to know who ran it and when."""
    body = "The port will close for repairs next week, officials said on Monday.\n\nSource: AP\n"
    corpus = make_corpus({"a_wire.txt": "Port to close\n\n" + body,
                          "b_paper.txt": "Harbour shuts for repairs\n\n" + body})
    assert corpus.doc_ids == ["a_wire"]
    entry = next(r for r in corpus.rejected if r["reason"] == "duplicate")
    assert entry["duplicate_of"] == "a_wire"
    assert entry["title"] == "Harbour shuts for repairs"
    assert entry["source"] == "AP"
    assert list(corpus.rejected_frame().columns) == ["path", "doc_id", "reason", "detail"]
