"""Parsed Docs: DocBin cache hits and invalidation, corpus order, sentence counts."""
from __future__ import annotations

from analysis import nlp
from analysis.corpus import load_corpus

ARTICLES = {
    "a.txt": "Grain deal\n\nThe United Nations said on Monday that grain shipments from Odesa resumed.\n",
    "b.txt": "Drone factory\n\nOfficials in Kyiv said the Shahed-136 drones were launched at night.\n",
    "c.txt": "Nuclear talks\n\nThe Joint Comprehensive Plan of Action was signed in Vienna in 2015.\n",
}


def test_cold_run_parses_everything_and_rerun_parses_nothing(make_corpus):
    corpus = make_corpus(ARTICLES)
    first = nlp.annotate(corpus)
    assert first == {"parsed": 3, "cached": 0}
    second = nlp.annotate(corpus)
    assert second == {"parsed": 0, "cached": 3}


def test_cached_docs_equal_fresh_parses(make_corpus):
    corpus = make_corpus(ARTICLES)
    fresh = [(d.text, [(e.start_char, e.end_char, e.label_) for e in d.ents], [t.dep_ for t in d])
             for _, d in nlp.iter_docs(corpus, use_cache=False)]
    nlp.annotate(corpus)
    cached = [(d.text, [(e.start_char, e.end_char, e.label_) for e in d.ents], [t.dep_ for t in d])
              for _, d in nlp.iter_docs(corpus)]
    assert cached == fresh


def test_changed_text_reparses_only_that_article(make_corpus, tmp_path):
    folder = make_corpus(ARTICLES, load=False)
    nlp.annotate(load_corpus(folder))
    (folder / "b.txt").write_text(ARTICLES["b.txt"].replace("at night", "before dawn"), encoding="utf-8")
    stats: dict = {}
    order = [a.doc_id for a, _ in nlp.iter_docs(load_corpus(folder), stats=stats)]
    assert stats == {"parsed": 1, "cached": 2}
    assert order == ["a", "b", "c"]


def test_corrupt_cache_file_is_reparsed(make_corpus):
    corpus = make_corpus(ARTICLES)
    nlp.annotate(corpus)
    pipe = nlp.load_pipeline()
    path = nlp.cache_path(corpus["a"], nlp.pipeline_key(pipe))
    path.write_bytes(b"not a docbin")
    stats: dict = {}
    docs = dict((a.doc_id, d) for a, d in nlp.iter_docs(corpus, stats=stats))
    assert stats == {"parsed": 1, "cached": 2}
    assert docs["a"].text == corpus["a"].text


def test_sentence_counts_on_sample(sample_corpus):
    counts = nlp.sentence_counts(sample_corpus)
    assert set(counts) == set(sample_corpus.doc_ids)
    assert all(10 <= n <= 60 for n in counts.values())


def test_sentence_counts_fill_the_overview_column(make_corpus):
    corpus = make_corpus({"a.txt": "Port news\n\nThe port reopened on Monday. Ships came back on Tuesday.\n",
                          "b.txt": "Rail news\n\nTrains ran on time.\n"})
    counts = nlp.sentence_counts(corpus)
    assert counts == {"a": 2, "b": 1}
    assert corpus.to_frame(sentences=counts).sentences.tolist() == [2, 1]


def test_doc_text_and_ents_are_built_once_per_doc():
    """Claims read a Doc's text and entities once per cue; spaCy rebuilds both on every access,
    which made a long transcript take minutes. The kept copies equal spaCy's and are reused."""
    from analysis.nlp import doc_ents, doc_text, load_pipeline
    doc = load_pipeline()("The United Nations said on Monday that Maria Lopez visited Geneva.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)            # the same string object: built once
    assert [e.text for e in doc_ents(doc)] == [e.text for e in doc.ents]
    assert doc_ents(doc) is doc_ents(doc)
