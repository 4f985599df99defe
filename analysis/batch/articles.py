"""The per-article pass: each article's Doc read (or parsed) once, and every per-article layer computed from it.

:func:`article_rows` is what a worker runs on a chunk of articles, here in a local process pool or on a
Dask worker: it loads the pipeline once per process, streams the chunk through
:func:`analysis.nlp.iter_docs` (the DocBin cache: a miss is parsed and stored) and, per Doc, calls the
layers' own per-article extractors:

* ``sentences`` – the sentence count of :func:`analysis.nlp.sentence_counts`;
* ``claims`` – :func:`analysis.claims.extract_claims`, with the speaker-to-entity link deferred: entities
  are resolved over the whole corpus, so the link is recorded here (``_link`` columns) and applied
  once :func:`analysis.entities.mentions` is known (:func:`claims_frame`);
* ``sanctions`` – the rows of :func:`analysis.sanctions.sanctions` for the article.

Rows are plain Python values (ints, strings, None, lists), so a chunk's result goes to a Parquet
partition and back unchanged (:func:`to_parquet`, :func:`from_parquet`).
"""
from __future__ import annotations

import io

import pandas as pd

from .. import nlp
from ..claims import extract_claims
from ..claims import load_lexicon as claims_lexicon
from ..claims import tables as claims_tables
from ..claims.settings import DEFAULTS as CLAIM_DEFAULTS
from ..corpus import Article
from ..sanctions import load_lexicon as sanctions_lexicon
from ..sanctions import tables as sanctions_tables
from ..sanctions.frames import nones
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


def article_rows(articles: list[Article]) -> dict[str, list[dict]]:
    """``{table: rows}`` of :data:`TABLES` for ``articles``, each Doc read or parsed once, rows in article order."""
    pipeline = nlp.load_pipeline()
    c_lex, s_lex, s_settings = claims_lexicon(), sanctions_lexicon(), SanctionSettings()
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for article, doc in nlp.iter_docs(articles, pipeline):
        out["sentences"].append({"doc_id": article.doc_id, "sentences": sum(1 for _ in doc.sents)})
        out["claims"].extend(_claim_rows(article, doc, c_lex))
        out["sanctions"].extend(sanctions_tables._article_rows(article, doc, s_lex, s_settings))
    return out


def sentence_counts(rows: list[dict]) -> dict[str, int]:
    """The ``{doc_id: sentences}`` of :func:`analysis.nlp.sentence_counts` from the ``sentences`` rows."""
    return {row["doc_id"]: row["sentences"] for row in rows}


def claims_frame(articles: dict[str, Article], rows: list[dict], mentions: pd.DataFrame | None) -> pd.DataFrame:
    """The table of :func:`analysis.claims.claims` from the ``claims`` rows, speakers linked to ``mentions``.

    The link is the claims layer's own (``claims.tables._entity_linker``); offsets go to the original
    file as there (``claims.tables._raw_row``); the frame is typed and sorted as ``claims.claims`` types it.
    """
    lookup: dict[str, list] = {}
    if mentions is not None:
        for m in mentions.itertuples(index=False):
            lookup.setdefault(m.doc_id, []).append((int(m.start), int(m.end), m.entity_id, m.canonical,
                                                    getattr(m, "label", None)))
    out, linkers = [], {}
    for row in rows:
        row = dict(row)
        article = articles[row.pop("doc_id")]
        call = tuple(row.pop(col) for col in LINK_COLUMNS)
        spans = lookup.get(article.doc_id)
        if call[0] is not None and spans:
            if article.doc_id not in linkers:
                linkers[article.doc_id] = claims_tables._entity_linker(article, spans, CLAIM_DEFAULTS)
            row["speaker"], row["speaker_entity_id"] = linkers[article.doc_id](*call)
        out.append(claims_tables._raw_row(article, row))
    frame = pd.DataFrame(out, columns=claims_tables.CLAIM_COLUMNS)
    for col in ("start", "end"):
        frame[col] = frame[col].astype(int)
    for col in ("speaker_start", "speaker_end", "cue_start"):
        frame[col] = frame[col].astype("Int64")
    for col in ("quoted_spans", "speaker", "speaker_entity_id", "speaker_role", "cue"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.sort_values(["doc_id", "start", "end", "kind"], kind="stable").reset_index(drop=True)


def sanctions_frame(rows: list[dict]) -> pd.DataFrame:
    """The table of :func:`analysis.sanctions.sanctions` from the ``sanctions`` rows (typed and sorted as there)."""
    frame = pd.DataFrame(rows, columns=sanctions_tables.COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(["doc_id", "start", "end", "authority"], kind="stable", na_position="last")
    return nones(frame.reset_index(drop=True))


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
