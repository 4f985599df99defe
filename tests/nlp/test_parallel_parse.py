"""Parsing on several processes gives the very Docs one process gives (tokens, tags, parse, entities, sentences)."""
from __future__ import annotations

from analysis import nlp
from analysis.corpus import load_corpus

TEXTS = {
    "a.txt": "Harbour strike ends\n\nDock workers in Portmere ended their strike on Friday after the Harbour Board "
             "offered a four per cent rise. “We have a deal,” said union leader Ada Quill.",
    "b.txt": "Library reopens\n\nThe Eastbrook library reopened on Monday. Its new reading room seats ninety "
             "people, the council said.\n\nVolunteers moved twelve thousand books in a week.",
    "c.txt": "Rail fares rise\n\nTickets on the Northline will cost more from January, the operator announced. "
             "Passenger groups called the rise unfair.",
}


def _signature(doc):
    return ([(t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in doc],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents])


def test_two_processes_parse_the_same_docs_as_one(tmp_path):
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    one = {a.doc_id: _signature(d) for a, d in nlp.iter_docs(corpus, use_cache=False)}
    two = {a.doc_id: _signature(d) for a, d in nlp.iter_docs(corpus, use_cache=False, n_process=2)}
    assert two == one
    assert [e[2] for e in one["a"][1] if e[2] == "PERSON"] == ["PERSON"]  # "Ada Quill"
