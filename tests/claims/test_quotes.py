"""How quoted segments are read: marks, run-on quotes, direct or partial, scare quotes, markup."""
from __future__ import annotations

import pytest

from analysis.claims import claims, quoted_words_text, sentence_spans
from analysis.text.markup import markup_spans, strip_markup
from analysis.text.quotes import paragraphs, quote_segments

from .cases import SCARE_QUOTES, doc_of, one


def test_mixed_unbalanced_quote_marks(hard):
    row = one(hard, "a_mixed_marks", "We will respond firmly")
    assert (row["kind"], row["speaker"], row["cue"]) == ("direct", "Jane Doe", "said")


def test_run_on_quote_over_paragraphs(hard):
    row = one(hard, "b_run_on", "The first point is settled")
    assert row["kind"] == "direct" and row["speaker"] == "Alan Brook"
    assert "The second point is not settled yet" in row["quote"]


@pytest.mark.parametrize("prefix,term", SCARE_QUOTES)
def test_scare_quotes_are_not_claims(sample_corpus, sample_claims, prefix, term):
    doc_id = doc_of(sample_corpus, prefix).doc_id
    rows = sample_claims[(sample_claims["doc_id"] == doc_id) & sample_claims["kind"].isin(["direct", "partial"])]
    assert not rows["quote"].map(lambda q: q.strip(" .,") == term).any()
    mixed = sample_claims[(sample_claims["doc_id"] == doc_id) & (sample_claims["kind"] == "mixed")]
    assert not any(f.strip(" .,") == term for q in mixed["quote"] for f in quoted_words_text(q, "mixed").split(" … "))


def test_scare_quotes_small_text(hard):
    """Scare quotes are kept as kind ``term``, never as quotes (issue 13, cause 7; before, they were dropped)."""
    corpus, frame = hard
    rows = frame[frame["doc_id"] == "i_scare"]
    assert rows[["kind", "quote", "speaker"]].values.tolist() == [["term", "kamikaze", None], ["term", "Star Wars", None]]


def test_partial_quote_in_reported_speech(hard):
    """One attribution, one row: the reported clause and its quoted fragment are one ``mixed`` claim
    (this test asserted a partial row and a separate indirect row before issue 13)."""
    corpus, frame = hard
    rows = frame[frame["doc_id"] == "k_partial"]
    assert rows[["kind", "quote", "speaker"]].values.tolist() == [
        ["mixed", "the army would “respond with force” if attacked", "Mark Olsen"]]
    raw = next(a for a in corpus if a.doc_id == "k_partial").raw
    a, b = map(int, rows.iloc[0]["quoted_spans"].split("-"))
    assert raw[a:b] == "respond with force"


def test_attribute_values_in_markup_are_not_quotations(markup_claims):
    _, frame = markup_claims
    quotes = " | ".join(frame["quote"])
    for code in ["https://example.org/memo", "the full memo", "gotcha", "alert", "steal()", "grab cookies now"]:
        assert code not in quotes, code
    assert set(frame["kind"]) <= {"direct", "indirect"}     # no partial quote made of an attribute value


def test_reported_speech_stops_at_markup(markup_claims):
    corpus, frame = markup_claims
    reis = frame[(frame["kind"] == "indirect") & (frame["speaker"] == "Paulo Reis")]
    assert reis["quote"].tolist() == ["the vote had been"]
    raw = next(iter(corpus)).raw
    row = reis.iloc[0]
    assert raw[row["start"]:row["end"]] == "the vote had been"
    assert not frame["quote"].str.contains("<|-->|=", regex=True).any()


def test_direct_quote_keeps_its_words_without_tags(markup_claims):
    corpus, frame = markup_claims
    row = frame[frame["kind"] == "direct"].iloc[0]
    assert row["quote"] == "We will appeal, whatever it costs"
    assert row["speaker"] == "Paulo Reis"
    raw = next(iter(corpus)).raw
    assert raw[row["start"]:row["end"]] == "We will appeal, <b>whatever</b> it costs"


def test_markup_spans_find_tags_comments_scripts_and_attribute_values():
    text = ("a <a href=\"x>y\">b</a> c <!-- d --> e <script>f(\"g\")</script> h k=\"v\" "
            "[l](javascript:m) “n”")
    got = [text[a:b] for a, b in markup_spans(text)]
    assert got == ["<a href=\"x>y\">", "</a>", "<!-- d -->", "<script>f(\"g\")</script>", "=\"v\"",
                   "(javascript:m)"]
    assert " ".join(strip_markup(text).split()) == "a b c e h k [l] “n”"
    assert markup_spans("profits rose 3% < 5% > last year") == []


def test_sentence_spans_do_not_cut_inside_quotes_or_after_abbreviations():
    text = "Mr. Hale spoke. “We left. They stayed,” he said. Gen. Ryder agreed."
    span = paragraphs(text)[0]
    got = [text[a:b].strip() for a, b in sentence_spans(text, span, quote_segments(text, span, 0))]
    assert got == ["Mr. Hale spoke.", "“We left. They stayed,” he said.", "Gen. Ryder agreed."]


def test_abbreviations_and_term_markers_come_from_the_editable_cue_file(tmp_path, monkeypatch):
    """The word lists live in data/claims_cues.yaml: an edit there changes sentence reading at once."""
    import shutil

    from analysis import config
    for name in ("claims_cues.yaml", "claims_speakers.yaml"):
        shutil.copy(config.data_file(name), tmp_path / name)
    monkeypatch.setattr(config, "DATA", tmp_path)
    text = "Supt. Hale spoke. Insp. Ryder agreed."
    span = paragraphs(text)[0]
    sentences = [text[a:b].strip() for a, b in sentence_spans(text, span, [])]
    assert sentences == ["Supt. Hale spoke.", "Insp. Ryder agreed."]
    cues = tmp_path / "claims_cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8").replace(" Supt,", ""), encoding="utf-8")
    sentences = [text[a:b].strip() for a, b in sentence_spans(text, span, [])]
    assert sentences == ["Supt.", "Hale spoke.", "Insp. Ryder agreed."]


def test_quote_paragraphs_run_together_are_one_claim(make_corpus):
    """A quote over several paragraphs whose breaks were lost ('"A. "B. "C," she said.', each paragraph reopening
    the quote and only the last closing it) is one direct claim of the tag's speaker; before, the reopening marks
    were read as nested quotes and the quote ran on past the tag to the paragraph's end."""
    body = ('The minister spoke on Monday. "Some jobs are still seen as jobs for men. "Engineering is one. Building '
            'is worse. "But care is also seen as work for women," Ann Lee said. The report came out later.')
    text = "Jobs\n\n" + body
    span = paragraphs(text)[1]
    assert [s.text for s in quote_segments(text, span, 1)] == [
        "Some jobs are still seen as jobs for men.", "Engineering is one. Building is worse.",
        "But care is also seen as work for women"]
    frame = claims(make_corpus({"a.txt": text + "\n"}), use_entities=False)
    rows = frame[frame["kind"] == "direct"]
    assert rows["speaker"].tolist() == ["Ann Lee"]
    assert rows["quote"].iloc[0].startswith("Some jobs are still") and rows["quote"].iloc[0].endswith("work for women")


def test_a_quote_named_after_a_work_noun_is_a_title(make_corpus):
    """'X's commentary, "...," is thoughtful': the quote names the work (kind ``term``, however it is written);
    before, it was a direct quote of the next speaker. With a speech tag after it, it stays a quote."""
    body = ("Ann Reed's commentary, \"Tom, tell us your immigrant story,\" is very thoughtful. Weeks ago, Tom Hale said "
            "he would talk about it.\n\nIn his column, \"We must act now,\" Tom Hale wrote.")
    frame = claims(make_corpus({"a.txt": f"Letters\n\n{body}\n"}), use_entities=False)
    assert frame[["kind", "quote", "speaker"]].values.tolist() == [
        ["term", "Tom, tell us your immigrant story", None], ["indirect", "he would talk about it", "Tom Hale"],
        ["direct", "We must act now", "Tom Hale"]]


def test_a_closing_shaped_mark_opening_a_paragraph_opens_the_quote(make_corpus):
    """'” … what I learned ...,” he said.': a mark at a paragraph's start has nothing to close, so it opens the quote
    whatever its shape; before, it was dropped as a stray closer and the quote was lost."""
    body = "Tom Hale spoke to the families.\n\n” … what I learned from listening to them is that it matters,” he said."
    frame = claims(make_corpus({"a.txt": f"Families\n\n{body}\n"}), use_entities=False)
    rows = frame[frame["kind"] == "direct"]
    assert rows["quote"].tolist() == ["… what I learned from listening to them is that it matters"]
    assert rows["speaker"].tolist() == ["Tom Hale"]
