"""Corpus loader: sample metadata and boilerplate, bad input, offset map, .jsonl/.csv input."""
from __future__ import annotations

import json

import pytest

from analysis import CorpusError, load_corpus
from analysis.corpus import parse_date

SAMPLE_IDS = ["000_7a1e7394c9004f4f", "001_28ca36ce2e4e94c5", "002_a9082c3e95b1b9c8",
              "003_0d55d710c7bf9c8f", "004_5ba1a730b4e5b811"]

# Boilerplate a reader sees in the sample files and which must be gone from the text.
SAMPLE_BOILERPLATE = {
    "000_7a1e7394c9004f4f": ["Also Read", "Leave a Reply", "Your email address will not be published"],
    "001_28ca36ce2e4e94c5": ["0 468", "Also Read", "Source Reuters", "Leave A Reply",
                             "Your email address will not be published", "Zainab Sa"],
    "002_a9082c3e95b1b9c8": ["5 Reads", "Thomas Osborne", "20 October 2022 Thursday 00:32"],
    "003_0d55d710c7bf9c8f": ["[ad_1]", "[ad_2]", "Source link"],
    "004_5ba1a730b4e5b811": ["[ad_1]", "[ad_2]", "CLICK HERE TO READ MORE", "0 comments",
                             "INAPPROPRIATE FOR US TO SPECULATE", "White Home: Iran and Russia have grown nearer"],
}


def test_sample_loads_all_five_in_order(sample_corpus):
    assert sample_corpus.doc_ids == SAMPLE_IDS
    assert sample_corpus.rejected_frame().empty


def test_sample_files_are_verbatim_copies(sample_corpus):
    from analysis import config
    for article in sample_corpus:
        assert article.raw == (config.RAW / f"{article.doc_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_boilerplate_is_removed_and_listed(sample_corpus, doc_id):
    article = sample_corpus[doc_id]
    removed = sample_corpus.removals().query("doc_id == @doc_id")
    for snippet in SAMPLE_BOILERPLATE[doc_id]:
        assert snippet not in article.text, f"{snippet!r} still in {doc_id}"
        assert removed.text.str.contains(snippet, regex=False).any(), f"{snippet!r} not listed as removed"
    # every listed removal really is that text of the original file
    for row in removed.itertuples():
        if row.rule != "html_tags":
            assert article.raw[row.start:row.end].replace("\xa0", " ") == row.text.replace("\xa0", " ")


def test_sample_metadata(sample_corpus):
    assert sample_corpus["001_28ca36ce2e4e94c5"].source == "Reuters"
    assert sample_corpus["001_28ca36ce2e4e94c5"].author == "Zainab Sa’id"
    assert sample_corpus["002_a9082c3e95b1b9c8"].author == "Thomas Osborne"
    assert sample_corpus["002_a9082c3e95b1b9c8"].date == "2022-10-20"
    assert sample_corpus["000_7a1e7394c9004f4f"].dateline == "Washington"
    assert sample_corpus["004_5ba1a730b4e5b811"].title.startswith("White Home: Iran and Russia")


def test_sample_keeps_article_text(sample_corpus):
    """Rules must not eat real content: first and last sentences survive."""
    a = sample_corpus["000_7a1e7394c9004f4f"]
    assert a.text.startswith("Washington – The White House said Thursday")
    assert a.text.endswith("was also hit by an asset freeze.")
    b = sample_corpus["004_5ba1a730b4e5b811"]
    assert b.text.startswith("Iran and Russia have gotten nearer")
    assert b.text.endswith("Jean-Pierre added.")
    c = sample_corpus["002_a9082c3e95b1b9c8"]
    # the repeated lead paragraph is dropped once, the full paragraph that repeats it is kept
    assert c.text.count("Iran sold Russia drones that initially did not seem to work well") == 1
    assert "Now, the Islamic Republic is going one step further" in c.text
    d = sample_corpus["003_0d55d710c7bf9c8f"]
    assert d.text.startswith("The Biden administration has accused Russia")


def test_offset_map_round_trips_every_character(sample_corpus):
    for article in sample_corpus:
        assert len(article.offsets) == len(article.text)
        for i, ch in enumerate(article.text):
            raw_ch = article.raw[article.to_raw(i)]
            if ch in "\n ":  # paragraph separators and normalised spaces map to whitespace
                assert raw_ch.isspace()
            else:
                assert raw_ch == ch
        # offsets only move forward
        assert all(a <= b for a, b in zip(article.offsets, article.offsets[1:]))


def test_raw_span_points_at_the_same_words(sample_corpus):
    article = sample_corpus["001_28ca36ce2e4e94c5"]
    phrase = "State Department spokesman Ned Price"
    start = article.text.index(phrase)
    rs, re_ = article.raw_span(start, start + len(phrase))
    assert article.raw[rs:re_] == phrase


def test_to_frame_columns_and_counts(sample_corpus):
    frame = sample_corpus.to_frame()
    assert list(frame.doc_id) == SAMPLE_IDS
    assert {"doc_id", "title", "source", "author", "date", "words", "boilerplate_removed"} <= set(frame.columns)
    assert frame.set_index("doc_id").loc["004_5ba1a730b4e5b811", "boilerplate_removed"] >= 5
    assert (frame.words > 300).all()


# --------------------------------------------------------------------------- bad input

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


def test_generic_boilerplate_rules_on_unseen_text(make_corpus):
    text = ("Harbour reopens after storm\n"
            "Harbour reopens after storm [ad_1]The harbour reopened on Tuesday after a storm closed it.\n"
            "1,204 views\n"
            "Read more: Storm season starts early\n"
            "The mayor said repairs would take a month.\n"
            "Share this: Facebook Twitter WhatsApp\n"
            "Subscribe to our newsletter for daily updates\n"
            "By Jane Miller\n"
            "Source: AFP\n"
            "Source link\n"
            "Leave a comment\n"
            "Great article, thanks!\n")
    corpus = make_corpus({"storm.txt": text})
    a = corpus["storm"]
    assert a.text == ("The harbour reopened on Tuesday after a storm closed it.\n\n"
                      "The mayor said repairs would take a month.")
    assert a.author == "Jane Miller"
    assert a.source == "AFP"
    rules = sorted(set(corpus.removals().rule))
    assert rules == ["ad_marker", "also_read", "byline", "leave_a_reply", "repeated_title", "share_buttons",
                     "source_credit", "source_link", "subscribe", "view_counter"]
    # the comment section after "Leave a comment" is removed too, and listed
    assert corpus.removals().text.str.contains("Great article").any()


def test_comment_marker_early_in_an_article_does_not_cut_the_rest(make_corpus):
    body = "\n".join(f"Paragraph {i} of the report says something new about the harbour." for i in range(10))
    corpus = make_corpus({"a.txt": "Headline\n2 comments\n" + body})
    assert corpus["a"].text.count("Paragraph") == 10


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

    import csv
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "text"])
        writer.writeheader()
        writer.writerow({"id": "c1", "title": "T", "text": "Line one.\nLine two, \"quoted\"."})
    corpus = load_corpus(path)
    assert corpus["c1"].text == 'Line one.\n\nLine two, "quoted".'


def test_csv_without_text_column_is_a_clear_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no 'text' column"):
        load_corpus(path)


@pytest.mark.parametrize("text,expected", [
    ("20 October 2022 Thursday 00:32", "2022-10-20"),
    ("October 20, 2022", "2022-10-20"),
    ("Published: Sept 3rd, 2021", "2021-09-03"),
    ("2023-01-31", "2023-01-31"),
    ("31 February 2023", None),
    ("no date here", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


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
