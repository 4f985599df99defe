"""extract_mentions: the per-Doc extractor, offsets into doc.text, same resolution as mentions()."""
from __future__ import annotations

from analysis import entities, nlp


def test_extract_mentions_on_one_doc(make_corpus):
    corpus = make_corpus({"d.txt": (
        "Port authority names new chief\n\n"
        "The Baltic Maritime Authority, or BMA, said on Monday that Marta Kowalczyk would lead its inspections. "
        "Kowalczyk, a former naval officer, said the BMA would publish its findings in Gdansk.\n")})
    [(article, doc)] = list(nlp.iter_docs(corpus))
    frame = entities.extract_mentions(doc, doc_id="d")
    assert list(frame.columns) == entities.COLUMNS
    for row in frame.itertuples():
        assert doc.text[row.start:row.end] == row.text
    found = set(zip(frame["text"], frame["canonical"], frame["label"]))
    assert ("BMA", "Baltic Maritime Authority", "ORG") in found
    assert ("Kowalczyk", "Marta Kowalczyk", "PERSON") in found
    # the corpus table holds the same mentions, with offsets into the raw file
    table = entities.mentions(corpus)
    columns = ["text", "label", "canonical", "entity_id", "sentence_id", "role", "method", "source"]
    assert table[columns].equals(frame[columns])
    assert [article.raw_span(s, e) for s, e in zip(frame["start"], frame["end"])] == \
        list(zip(table["start"], table["end"]))


def test_extract_mentions_of_a_doc_without_names():
    doc = nlp.load_pipeline()("the cat sat on the mat and it was fine.")
    frame = entities.extract_mentions(doc)
    assert frame.empty and list(frame.columns) == entities.COLUMNS
