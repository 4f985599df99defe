"""Encodings and formats: BOMs, UTF-16/32, odd line endings, NUL bytes, other text fields, one-file corpora.

Every input is built here as bytes; each case checks that the good articles load, the
bad ones are listed with their reason, and offsets still point into ``article.raw``.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import warnings

import pytest

from analysis import CorpusError, load_corpus

GOOD = "A headline about ports\n\nThe port authority said on Monday that traffic rose by a tenth.\n"
STORY = "Grain deal extended\n\nThe ministry said on Friday that grain exports would continue.\n\nTalks resume next week."


def _folder(tmp_path, files: dict[str, bytes]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _assert_evidence(article, phrase: str) -> None:
    """``phrase`` is in the cleaned text and its raw span is the same phrase."""
    start = article.text.index(phrase)
    rs, re_ = article.raw_span(start, start + len(phrase))
    assert article.raw[rs:re_] == phrase


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path, encoding, bom):
    text = STORY.replace("ministry", "ministère")
    folder = _folder(tmp_path, {"good.txt": GOOD.encode("utf-8"), "wide.txt": bom + text.encode(encoding)})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good", "wide"]
    assert corpus.rejected_frame().empty
    wide = corpus["wide"]
    assert wide.raw == "\ufeff" + text  # raw is the decoded text, BOM kept as U+FEFF like a UTF-8 BOM
    assert wide.title == "Grain deal extended"
    assert wide.text == "The ministère said on Friday that grain exports would continue.\n\nTalks resume next week."
    _assert_evidence(wide, "ministère said")
    assert wide.raw[wide.title_start:wide.title_end] == "Grain deal extended"


def test_utf16_without_a_bom_is_binary_and_a_broken_utf16_is_undecodable(tmp_path):
    folder = _folder(tmp_path, {"good.txt": GOOD.encode("utf-8"),
                                "nobom.txt": STORY.encode("utf-16-le"),
                                "broken.txt": codecs.BOM_UTF16_LE + STORY.encode("utf-16-le") + b"\x00\xd8"})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good"]
    rejected = corpus.rejected_frame().set_index("path")
    assert rejected.loc["nobom.txt", "reason"] == "binary"
    assert "byte-order mark" in rejected.loc["nobom.txt", "detail"]
    assert rejected.loc["broken.txt", "reason"] == "undecodable"


def _csv_bytes(fieldnames: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # what a spreadsheet writes


def test_csv_with_a_utf8_bom_keeps_its_ids(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(_csv_bytes(["id", "text"], [{"id": "c1", "text": STORY}, {"id": "c2", "text": GOOD}]))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["c1", "c2"]
    assert corpus["c1"].title == "Grain deal extended"


def test_csv_with_a_utf8_bom_and_text_first_is_read(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(_csv_bytes(["text", "id"], [{"id": "c1", "text": STORY}]))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["c1"]
    _assert_evidence(corpus["c1"], "grain exports")


def test_csv_field_with_a_line_separator_stays_one_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b'id,text\nc1,Headline one\xe2\x80\xa8Body of the first story here.\nc2,"Second headline\nIts body."\n')
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["c1", "c2"]
    assert corpus["c1"].title == "Headline one"


def test_jsonl_with_a_bom_keeps_its_first_record(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "first", "text": STORY}), json.dumps({"id": "second", "text": GOOD})]
    path.write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8"))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["first", "second"]
    assert corpus.rejected_frame().empty


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_record_with_a_raw_unicode_line_separator_is_one_record(tmp_path, separator):
    text = f"Border talks\nOfficials met on Tuesday{separator}to discuss the crossing.{separator}Both sides agreed."
    record = json.dumps({"id": "a", "text": text}, ensure_ascii=False)
    assert separator in record  # written raw, as json.dumps(ensure_ascii=False) and many tools do
    data = "\r\n".join([record, json.dumps({"id": "b", "text": GOOD}), "not json"]) + "\r\n"
    path = tmp_path / "c.jsonl"
    path.write_bytes(data.encode("utf-8"))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["a", "b"]
    assert corpus["a"].raw == text
    rejected = corpus.rejected_frame()
    assert rejected[["path", "reason"]].values.tolist() == [["c.jsonl#3", "invalid_json"]]  # line 3 of the file


def test_lone_cr_line_endings_keep_headline_paragraphs_and_cuts(tmp_path):
    lines = ["Harbour reopens after storm", "By Jane Miller", "The harbour reopened on Monday after the storm.",
             "Also read: Ten storms that changed the coast", "Fishing boats returned by the afternoon."]
    data = "\r".join(lines) + "\r"
    folder = _folder(tmp_path, {"mac.txt": data.encode("utf-8"), "good.txt": GOOD.encode("utf-8")})
    corpus = load_corpus(folder)
    mac = corpus["mac"]
    assert mac.raw == data  # the file as it is: offsets point into the original, CRs and all
    assert mac.title == "Harbour reopens after storm"
    assert mac.author == "Jane Miller"
    assert mac.text == "The harbour reopened on Monday after the storm.\n\nFishing boats returned by the afternoon."
    assert "also_read" in set(corpus.removals().query("doc_id == 'mac'").rule)
    _assert_evidence(mac, "Fishing boats returned")
    assert mac.raw[mac.title_start:mac.title_end] == "Harbour reopens after storm"


def test_nul_byte_after_the_first_8kb_is_not_in_the_text(tmp_path):
    body = "The committee met again on Thursday to review the budget. " * 200  # about 11,800 bytes
    data = ("Budget review\n\n" + body + "Late\x00news arrived.\n").encode("utf-8")
    assert data.index(b"\x00") > 8192
    folder = _folder(tmp_path, {"late.txt": data, "good.txt": GOOD.encode("utf-8")})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["good", "late"]
    late = corpus["late"]
    assert "\x00" not in late.text
    assert late.text.endswith("Latenews arrived.")
    assert late.raw == data.decode("utf-8")  # raw keeps the NUL, so offsets are positions in the file's text
    nul = data.decode("utf-8").index("\x00")
    removals = corpus.removals().query("rule == 'nul_bytes'")
    assert removals[["doc_id", "start", "end"]].values.tolist() == [["late", nul, nul + 1]]
    _assert_evidence(late, "news arrived")


def test_isolated_nul_byte_keeps_the_article_but_many_nuls_are_binary(tmp_path):
    padded = STORY.encode("utf-8") + b"\x00" * 4096  # a file padded with NULs after a crash
    folder = _folder(tmp_path, {"one.txt": b"Pier closed\n\nThe pier\x00 closed on Sunday for repairs.\n",
                                "padded.txt": padded,
                                "many.txt": b"Noise\n\n" + b"a\x00" * 200})
    corpus = load_corpus(folder)
    assert corpus.doc_ids == ["one", "padded"]
    assert corpus["one"].text == "The pier closed on Sunday for repairs."
    assert corpus["padded"].text.endswith("Talks resume next week.")
    rejected = corpus.rejected_frame()
    assert rejected[["path", "reason"]].values.tolist() == [["many.txt", "binary"]]


def test_jsonl_record_without_a_text_field_says_so(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "ok", "text": GOOD}, {"id": "odd", "headline": "No text here", "summary": "Short."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["ok"]
    row = corpus.rejected_frame().iloc[0]
    assert (row.path, row.doc_id, row.reason) == ("c.jsonl#2", "odd", "no_text_field")
    assert "headline" in row.detail and "summary" in row.detail and "'content'" in row.detail


def test_jsonl_content_field_is_read_and_the_field_named(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "content": STORY}, {"id": "b", "text": GOOD, "content": "ignored when text is there"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"c.jsonl: no 'text' field, article text read from 'content' \(1 records\)"):
        corpus = load_corpus(path)
    assert corpus.doc_ids == ["a", "b"]
    assert corpus["a"].title == "Grain deal extended"
    assert corpus["b"].text.startswith("The port authority")


def test_csv_content_column_is_read(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(_csv_bytes(["id", "body"], [{"id": "c1", "body": STORY}]))
    with pytest.warns(UserWarning, match="'body'"):
        corpus = load_corpus(path)
    assert corpus.doc_ids == ["c1"]


def test_text_field_present_gives_no_warning(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "text": STORY}) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_corpus(path).doc_ids == ["a"]


def test_a_single_txt_file_is_a_one_article_corpus(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-8"))
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["story"]
    assert corpus["story"].path == "story.txt"
    _assert_evidence(corpus["story"], "grain exports")


def test_a_single_html_file_is_a_one_article_corpus(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><h1>Port strike ends</h1><p>Dockers voted on Monday to end the strike.</p>"
                    "</body></html>", encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.doc_ids == ["page"]
    assert corpus["page"].title == "Port strike ends"


def test_a_single_bad_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(CorpusError, match="No readable article.*empty.txt: empty"):
        load_corpus(path)
