"""The extractor on the sample: a hand-made answer key of every quote and its speaker, and offsets."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.claims import CLAIM_COLUMNS, extract_claims
from analysis.nlp import iter_docs

from .cases import SAMPLE_KEY, doc_of, find


@pytest.mark.parametrize("prefix,snippet,speakers", SAMPLE_KEY)
def test_sample_answer_key(sample_corpus, sample_claims, prefix, snippet, speakers):
    doc_id = doc_of(sample_corpus, prefix).doc_id
    found = find(sample_claims, doc_id, snippet)
    assert len(found) == 1, f"{snippet!r} found {len(found)} times"
    if speakers is not None:
        speaker = found.iloc[0]["speaker"] or ""
        for name in speakers:
            assert name in speaker, f"{snippet!r}: speaker {speaker!r}, expected {name}"


def test_sample_recall_and_speaker_accuracy(sample_corpus, sample_claims):
    found = right = 0
    for prefix, snippet, speakers in SAMPLE_KEY:
        hit = find(sample_claims, doc_of(sample_corpus, prefix).doc_id, snippet)
        found += not hit.empty
        if speakers and not hit.empty and all(n in (hit.iloc[0]["speaker"] or "") for n in speakers):
            right += 1
    assert found / len(SAMPLE_KEY) >= 0.95
    assert right / sum(1 for *_, s in SAMPLE_KEY if s) >= 0.90


def test_offsets_point_into_the_original_file(sample_corpus, sample_claims):
    raws = {a.doc_id: a.raw for a in sample_corpus}
    for row in sample_claims.itertuples(index=False):
        raw = raws[row.doc_id]
        first = re.split(r" … ", row.quote)[0]
        assert " ".join(raw[row.start:row.end].split()).startswith(" ".join(first.split())[:40])
        if row.cue is not None and row.cue_start is not pd.NA:
            assert raw[int(row.cue_start):].lower().startswith(row.cue.split()[0].lower())
        if row.speaker_start is not pd.NA:
            assert raw[int(row.speaker_start):int(row.speaker_end)].strip()


def test_spun_article_offsets_differ_from_text_offsets(sample_corpus, sample_claims):
    # 002 repeats its title and lead as boilerplate: raw and text offsets differ there
    article = doc_of(sample_corpus, "002")
    row = find(sample_claims, article.doc_id, "We express our grave concern").iloc[0]
    assert article.raw[row.start:row.end].startswith("We express our grave concern")
    assert article.text.find("We express our grave concern") != row.start


def test_extract_claims_on_one_doc_gives_offsets_into_its_text(make_corpus):
    corpus = make_corpus({"a.txt": "UN\n\n“We will act now,” Foreign Secretary Jane Hill said in a statement.\n"})
    _, doc = next(iter_docs(corpus))
    rows = extract_claims(doc)
    assert [(r["kind"], r["quote"], r["speaker"], r["speaker_role"], r["cue"]) for r in rows] == \
        [("direct", "We will act now", "Jane Hill", "Foreign Secretary", "said")]
    row = rows[0]
    assert doc.text[row["start"]:row["end"]] == "We will act now"
    assert doc.text[row["speaker_start"]:row["speaker_end"]] == "Jane Hill"
    assert doc.text[row["cue_start"]:].startswith("said")
    assert row["speaker_entity_id"] is None and row["confidence"] == 0.95
    assert set(row) == set(CLAIM_COLUMNS) - {"doc_id"}
