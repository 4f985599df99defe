"""The per-article pass: each article's Doc read (or parsed) once, and every per-article layer computed from it.

:func:`article_rows` is what a worker runs on a chunk of articles, here in a local process pool or on a
Dask worker: it loads the pipeline once per process, streams the chunk through
:func:`analysis.nlp.iter_docs` (the DocBin cache: a miss is parsed and stored) and, per Doc, calls the
layers' own per-article extractors:

* ``sentences`` – the sentence count of :func:`analysis.nlp.sentence_counts`;
* ``claims`` – :func:`analysis.claims.extract_claims`, with the speaker-to-entity link deferred: entities
  are resolved over the whole corpus, so the link's arguments are kept here (``_link`` columns) and
  the link is made once :func:`analysis.entities.mentions` is known (:func:`stored_tables`);
* ``sanctions`` – the rows of :func:`analysis.sanctions.sanctions` for the article.

Rows are plain Python values (ints, strings, None, lists), so a chunk's result goes to a Parquet
partition and back unchanged (:func:`to_parquet`, :func:`from_parquet`).
"""
from __future__ import annotations

import io

import pandas as pd

from .. import nlp
from ..claims import claims_from_extracted, extract_claims
from ..claims import load_lexicon as claims_lexicon
from ..claims.settings import DEFAULTS as CLAIM_DEFAULTS
from ..corpus import Article, Corpus
from ..sanctions import article_rows as sanction_rows
from ..sanctions import load_lexicon as sanctions_lexicon
from ..sanctions import sanctions_from_rows
from ..sanctions.settings import Settings as SanctionSettings

#: The per-article tables :func:`article_rows` returns.
TABLES = ("sentences", "claims", "sanctions")
#: Columns a claim row carries until its speaker is linked: the resolved speaker's text offsets and name.
LINK_COLUMNS = ("_link_start", "_link_end", "_link_speaker")


class _Pending(tuple):
    """The arguments of a deferred ``link(start, end, speaker)`` call, held where the entity id goes."""


def _defer(start: int, end: int, speaker: str):
    """A ``link`` for :func:`extract_claims` that keeps the speaker and leaves the call to be made later."""
    return speaker, _Pending((start, end, speaker))


def _claim_rows(article: Article, doc, lexicon) -> list[dict]:
    """The claims of one article in ``doc.text`` offsets, each with its deferred link (or None) in :data:`LINK_COLUMNS`."""
    rows = []
    for row in extract_claims(doc, lexicon=lexicon, settings=CLAIM_DEFAULTS, link=_defer):
        pending = row["speaker_entity_id"]
        call = tuple(pending) if isinstance(pending, _Pending) else (None, None, None)
        rows.append({"doc_id": article.doc_id, **row, "speaker_entity_id": None, **dict(zip(LINK_COLUMNS, call))})
    return rows


def article_rows(articles: list[Article], docbin: bool = False) -> dict:
    """``{table: rows}`` of :data:`TABLES` for ``articles``, each Doc read or parsed once, rows in article order.

    ``docbin=True`` adds ``"docbin"``: the chunk's Docs as DocBin bytes (for a client on another machine).
    """
    pipeline = nlp.load_pipeline()
    c_lex, s_lex, s_settings = claims_lexicon(), sanctions_lexicon(), SanctionSettings()
    out: dict = {name: [] for name in TABLES}
    docs = None
    if docbin:
        from spacy.tokens import DocBin
        docs = DocBin(store_user_data=False)
    for article, doc in nlp.iter_docs(articles, pipeline):
        out["sentences"].append({"doc_id": article.doc_id, "sentences": sum(1 for _ in doc.sents)})
        out["claims"].extend(_claim_rows(article, doc, c_lex))
        out["sanctions"].extend(sanction_rows(article, doc, s_lex, s_settings))
        if docs is not None:
            docs.add(doc)
    if docs is not None:
        out["docbin"] = docs.to_bytes()
    return out


def sentence_counts(rows: list[dict]) -> dict[str, int]:
    """The ``{doc_id: sentences}`` of :func:`analysis.nlp.sentence_counts` from the ``sentences`` rows."""
    return {row["doc_id"]: row["sentences"] for row in rows}


def stored_tables(corpus: Corpus, rows: dict[str, list[dict]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``claims`` and ``sanctions`` tables of ``corpus`` built from the per-article pass's ``rows``.

    Each table's own builder runs (:func:`analysis.claims.claims_from_extracted`,
    :func:`analysis.sanctions.sanctions_from_rows`: entity links, offsets into the original file, columns, types
    and order are theirs), fed the stored rows instead of the Docs; a claim's deferred speaker link is made
    with the builder's own ``link``.
    """
    claim_rows: dict[str, list[dict]] = {}
    for row in rows["claims"]:
        claim_rows.setdefault(row["doc_id"], []).append(row)
    sanction_rows_by_doc: dict[str, list[dict]] = {}
    for row in rows["sanctions"]:
        sanction_rows_by_doc.setdefault(row["doc_id"], []).append(row)

    def linked_claims(doc_id: str, link) -> list[dict]:
        out = []
        for stored in claim_rows.get(doc_id, []):
            row = {k: v for k, v in stored.items() if k != "doc_id" and k not in LINK_COLUMNS}
            if link is not None and stored[LINK_COLUMNS[0]] is not None:
                row["speaker"], row["speaker_entity_id"] = link(*(stored[col] for col in LINK_COLUMNS))
            out.append(row)
        return out

    return claims_from_extracted(corpus, linked_claims), sanctions_from_rows(corpus, sanction_rows_by_doc)


def to_parquet(rows: list[dict]) -> bytes:
    """One Parquet partition holding ``rows`` (plain values; lists stay lists)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({}), sink)
    return sink.getvalue()


def from_parquet(data) -> list[dict]:
    """The rows of a partition written by :func:`to_parquet` (a path or bytes), values as they were written."""
    import pyarrow.parquet as pq
    source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    return pq.read_table(source).to_pylist()
