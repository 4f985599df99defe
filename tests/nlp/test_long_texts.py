"""Texts longer than spaCy's max_length (1,000,000 characters) are parsed in pieces and joined back exactly.

The long article is built here (varied paragraphs, one sentence naming Emmanuel Macron near the end)
and parsed once: the CLI test is served from the parse cache the first test fills.
"""
from __future__ import annotations

import pandas as pd

from analysis import nlp
from analysis.cli import main
from analysis.corpus import load_corpus
from analysis.nlp import docs

LATE = "In the closing session, President Emmanuel Macron spoke in Strasbourg on Friday."
PARAGRAPHS = (
    "Officials in {city} said on {day} that grain shipments from the port resumed after talks (no. {n:06d}).",
    "The {org} said the talks in {city} would continue, and more details would follow (no. {n:06d}).",
    "Trains ran late near {city} on {day}; the ministry blamed storms, and repairs will take a week (no. {n:06d}).",
    "According to a statement from the {org}, inspectors visited {city} twice this month (no. {n:06d}).",
)
CITIES = ("Vienna", "Geneva", "Odesa", "Warsaw", "Ankara", "Nairobi", "Lisbon")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday")
ORGS = ("United Nations", "European Commission", "World Bank", "Red Cross")
SHORT = "Port news\n\nThe United Nations said on Monday that the port of Odesa reopened.\n"


def _sentence(n: int) -> str:
    template = PARAGRAPHS[n % len(PARAGRAPHS)]
    return template.format(city=CITIES[n % 7], day=DAYS[n % 4], org=ORGS[n % 4], n=n)


def _paragraph(n: int, sentences: int = 1) -> str:
    """Paragraph ``n``: ``sentences`` varied sentences, then a blank line."""
    return " ".join(_sentence(n * sentences + k) for k in range(sentences)) + "\n\n"


def long_text(chars: int = 1_050_000) -> str:
    """A headline and varied paragraphs of ~1,000 characters, ``chars`` characters or a little more, with LATE
    ~3,000 characters from the end."""
    parts, size, n = ["Long transcript\n\n"], 0, 0
    while size < chars:
        if size >= chars - 3_000 and LATE + "\n\n" not in parts:
            parts.append(LATE + "\n\n")
        parts.append(_paragraph(n, sentences=10))
        size += len(parts[-1])
        n += 1
    return "".join(parts)


LONG = long_text()


def test_piece_bounds_cover_the_text_and_cut_after_paragraphs():
    text = "".join(_paragraph(n) for n in range(40))
    bounds = nlp.piece_bounds(text, limit=500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 500 for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])


def test_a_huge_paragraph_is_cut_at_a_sentence_end_and_a_spaceless_run_at_the_limit():
    para = " ".join(f"Sentence number {n} ends here." for n in range(100))
    bounds = nlp.piece_bounds(para, limit=300)
    assert "".join(para[s:e] for s, e in bounds) == para
    assert all(para[e - 2:e] == ". " for _, e in bounds[:-1])
    solid = "x" * 1_000
    assert nlp.piece_bounds(solid, limit=300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_small_pieces_join_into_one_doc_with_exact_offsets_and_cache(make_corpus, monkeypatch):
    monkeypatch.setattr(docs, "PIECE_CHARS", 400)
    text = "".join(_paragraph(n) for n in range(30)) + LATE + "\n"
    corpus = make_corpus({"pieces.txt": text})
    article = corpus["pieces"]
    assert len(nlp.piece_bounds(article.text)) > 5
    stats: dict = {}
    [(_, doc)] = list(nlp.iter_docs(corpus, stats=stats))
    assert stats == {"parsed": 1, "cached": 0}
    assert doc.text == article.text
    start = article.text.index("Emmanuel Macron")
    assert (start, start + 15, "PERSON") in [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    [(_, again)] = list(nlp.iter_docs(corpus, stats=stats))  # the joined Doc through the DocBin cache
    assert stats == {"parsed": 0, "cached": 1}
    assert [(t.idx, t.dep_, t.head.i, t.ent_type_) for t in again] == \
        [(t.idx, t.dep_, t.head.i, t.ent_type_) for t in doc]
    assert [s.start_char for s in again.sents] == [s.start_char for s in doc.sents]


def test_an_article_over_a_million_characters_parses_with_exact_offsets(make_corpus):
    assert len(LONG) > 1_000_000
    corpus = make_corpus({"long.txt": LONG})
    article = corpus["long"]
    [(_, doc)] = list(nlp.iter_docs(corpus))
    assert doc.text == article.text
    start = article.text.index("Emmanuel Macron")
    assert start > len(article.text) - 4_000
    assert (start, start + 15, "PERSON") in [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    stats: dict = {}
    [(_, cached)] = list(nlp.iter_docs(corpus, stats=stats))
    assert stats == {"parsed": 0, "cached": 1}
    assert cached.text == article.text and len(cached) == len(doc)


def test_entities_command_runs_on_a_corpus_with_a_long_article(make_corpus, tmp_path, capsys):
    folder = make_corpus({"long.txt": LONG, "short.txt": SHORT}, load=False)
    out = tmp_path / "entities.csv"
    assert main(["entities", "--corpus", str(folder), "--out", str(out)]) == 0
    rows = pd.read_csv(out, keep_default_na=False)
    short = rows[rows.doc_id == "short"]
    assert {"United Nations", "Odesa"} <= set(short.text)
    raw = (folder / "long.txt").read_text(encoding="utf-8")
    start = raw.index("Emmanuel Macron")
    late = rows[(rows.doc_id == "long") & (rows.start == start)]
    assert late.end.tolist() == [start + 15] and late.text.tolist() == ["Emmanuel Macron"]
    long_rows = rows[rows.doc_id == "long"]
    assert all(raw[s:e] == t for s, e, t in zip(long_rows.start, long_rows.end, long_rows.text))
