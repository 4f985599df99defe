"""The corpus tables: :func:`sanctions` (one row per action and target), :func:`consolidated` (one row per
distinct target) and :func:`status_by_authority` (counts per authority and status).

Results are memoised by :func:`analysis.cache.memo` on the corpus fingerprint, the lexicon's content
hash and the settings, so an edited ``data/sanctions_*.yaml`` never serves a table built from the old one.
"""
from __future__ import annotations

import pandas as pd

from .. import cache, entities, nlp
from ..corpus import corpus_fingerprint
from .extract import extract_sanctions
from .frames import join_values, nones
from .lexicon import Lexicon, load_lexicon
from .names import canonical_name
from .authorities import country_name
from .settings import Settings
from .status import STATUSES

#: Columns of :func:`sanctions`.
COLUMNS = ["doc_id", "start", "end", "sentence", "authority", "office", "target", "target_type", "title",
           "position", "measures", "status", "date", "reason", "canonical", "trigger",
           "sentence_start", "sentence_end", "announced", "confidence"]
#: Columns of :func:`consolidated`.
CONSOLIDATED_COLUMNS = ["target", "target_type", "titles", "positions", "authorities", "offices", "measures",
                        "statuses", "reasons", "first_date", "sources", "doc_ids", "mentions", "key",
                        "evidence"]
#: Authority label of rows whose sentence (and context) names no one.
NO_AUTHORITY = "(authority not named)"


def article_rows(article, doc, lex: Lexicon, settings: Settings) -> list[dict]:
    """:func:`extract_sanctions` on one article, offsets mapped into ``article.raw`` and ``doc_id`` added."""
    rows = []
    header = article.raw[:article.raw_span(0, 1)[0]] if article.text else ""
    for row in extract_sanctions(doc, date=article.date, lexicon=lex, settings=settings, header=header):
        start, end = article.raw_span(row["start"], row["end"])
        s_start, s_end = article.raw_span(row["sentence_start"], row["sentence_end"])
        rows.append({**row, "doc_id": article.doc_id, "start": start, "end": end,
                     "sentence_start": s_start, "sentence_end": s_end})
    return rows


def sanctions_from_rows(corpus, rows_by_doc: dict[str, list[dict]]) -> pd.DataFrame:
    """The :func:`sanctions` table (same columns, types and order) built from rows already extracted per article
    (``{doc_id: rows of article_rows}``) instead of from the Docs; :mod:`analysis.batch` uses it for its one pass."""
    return _frame([dict(row) for article in corpus for row in rows_by_doc.get(article.doc_id, [])])


def _table(articles: list, lex: Lexicon, settings: Settings) -> pd.DataFrame:
    rows: list[dict] = []
    for article, doc in nlp.iter_docs(articles):
        rows.extend(article_rows(article, doc, lex, settings))
    return _frame(rows)


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The :func:`sanctions` table of ``rows`` (article rows with raw offsets): its columns, order and empty values."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(["doc_id", "start", "end", "authority"], kind="stable", na_position="last")
    return nones(frame.reset_index(drop=True))


def sanctions(corpus, *, lexicon: Lexicon | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """Sanction actions in a corpus, one row per (action, target); :func:`extract_sanctions` per article.

    Columns (:data:`COLUMNS`):

    * ``doc_id``; ``start``, ``end`` – raw-file offsets of the target's name as written;
    * ``sentence`` – the evidence sentence (whitespace collapsed), ``sentence_start``,
      ``sentence_end`` – its raw-file offsets;
    * ``authority`` – who acts (United Kingdom, United States, European Union, ...);
      ``office`` – the acting office when named (State Department, Treasury/OFAC, FCDO; "; "-joined);
    * ``target`` – the name as written without rank; ``target_type`` – ``person``,
      ``organization``, ``group`` (an unnamed set: "Ruritanian officials and companies")
      or ``country``; ``title`` – rank or role words in front of the name
      ("Brigadier General"); ``position`` – the appositive role ("the head of ...");
    * ``measures`` – list of normalised measures (asset freeze, travel ban, ...;
      ``sanctions`` when the text does not say which);
    * ``status`` – ``imposed``, ``considered``, ``threatened`` or ``called_for``;
    * ``date`` – ISO date resolved from "on Thursday" against the article date, else None;
    * ``reason`` – the stated justification span, else None;
    * ``canonical`` – the matching key used by :func:`consolidated`; ``trigger`` – the sanction words;
    * ``announced`` – True when the text itself declares the act for the future or starts it ("Treasury
      will designate", "we commit to", "initiated the process to designate"; status ``imposed``);
    * ``confidence`` – 0.3 to 1.0: lower when the authority comes from context or the document's issuer
      rather than the sentence, when no measure is named, and for targets named in a following sentence.

    Background mentions (relief, lifting, "because of sanctions") and negated actions
    give no row; a corpus without any gives an empty frame with these columns. Sorted by
    ``doc_id, start``. With the default lexicon the result is memoised (:mod:`analysis.cache`).
    """
    lex = lexicon or load_lexicon()
    settings = settings or Settings()
    articles = list(corpus)
    if lexicon is not None:
        return _table(articles, lex, settings)
    key = (corpus_fingerprint(articles), lex.key, settings)
    return cache.memo("sanctions.sanctions", key, lambda: _table(articles, lex, settings))


def _entity_canonicals(corpus, rows: pd.DataFrame) -> dict:
    """Row index -> canonical name from :func:`analysis.entities.mentions` for the row's span."""
    mentions = entities.mentions(corpus)
    if mentions.empty:
        return {}
    out = {}
    for row in rows.itertuples():
        m = mentions[(mentions.doc_id == row.doc_id) & (mentions.start <= row.start) & (mentions.end >= row.end)]
        if m.empty:
            m = mentions[(mentions.doc_id == row.doc_id) & (mentions.start < row.end) & (mentions.end > row.start)]
        if not m.empty and isinstance(m.iloc[0]["canonical"], str):
            out[row.Index] = m.iloc[0]["canonical"]
    return out


def _merge_keys(corpus, rows: pd.DataFrame, use_entities: bool, lex: Lexicon) -> pd.Series:
    """``target_type|key`` per row: the canonical name, or the entity's when it agrees with the written name."""
    keys = rows["canonical"].copy()
    if use_entities and corpus is not None:
        for idx, name in _entity_canonicals(corpus, rows).items():
            ttype = rows.at[idx, "target_type"]
            if ttype in ("person", "organization"):
                alt = canonical_name(name, ttype, lex)
                # adopt the entity key only when it agrees with the written name (no surprise merges)
                if set(alt.split()) >= set(keys[idx].split()) or set(alt.split()) <= set(keys[idx].split()):
                    keys[idx] = alt if len(alt) >= len(keys[idx]) else keys[idx]
    return rows["target_type"].astype(str) + "|" + keys.astype(str)


def _target_row(key: str, group: pd.DataFrame, lex: Lexicon) -> dict:
    """One consolidated row from the rows of one merge key."""
    group = group.sort_values(["doc_id", "start"], kind="stable")
    names = sorted(group["target"].unique(), key=lambda n: (-len(n), n))
    display = names[0]
    if group["target_type"].iloc[0] == "country":
        display = country_name(display, lex) or display
    return {
        "target": display, "target_type": group["target_type"].iloc[0],
        "titles": join_values(group["title"]), "positions": join_values(group["position"]),
        "authorities": join_values(group["authority"]),
        "offices": join_values(o.split("; ") if isinstance(o, str) else None for o in group["office"]),
        "measures": join_values(group["measures"]), "statuses": join_values(group["status"]),
        "reasons": join_values(group["reason"]),
        "first_date": min([d for d in group["date"] if isinstance(d, str)], default=None),
        "sources": group["doc_id"].nunique(), "doc_ids": join_values(group["doc_id"]),
        "mentions": len(group), "key": key.split("|", 1)[1],
        "evidence": group["sentence"].iloc[0],
    }


def _consolidate(corpus, rows: pd.DataFrame, use_entities: bool, lex: Lexicon) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=CONSOLIDATED_COLUMNS)
    rows = rows.copy()
    rows["key"] = _merge_keys(corpus, rows, use_entities, lex)
    out = [_target_row(key, group, lex) for key, group in rows.groupby("key", sort=True)]
    frame = pd.DataFrame(out, columns=CONSOLIDATED_COLUMNS)
    return nones(frame.sort_values(["sources", "target", "target_type"], ascending=[False, True, True],
                                   kind="stable").reset_index(drop=True))


def consolidated(corpus=None, *, rows: pd.DataFrame | None = None, use_entities: bool = True,
                 lexicon: Lexicon | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """One row per distinct target across the corpus.

    Targets merge on :func:`~analysis.sanctions.canonical_name` (ranks and honorifics stripped,
    transliterations folded by the rules of ``data/sanctions_names.yaml``), and on the canonical
    entity of :func:`analysis.entities.mentions` (``use_entities``) when both names are
    person/organisation names whose tokens agree. ``rows`` defaults to :func:`sanctions` of ``corpus``.

    Columns (:data:`CONSOLIDATED_COLUMNS`): ``target`` (display name: the longest form written),
    ``target_type``, ``titles``, ``positions``, ``authorities``, ``offices``, ``measures``, ``statuses``,
    ``reasons`` ("; "-joined, sorted), ``first_date`` (earliest resolved date or None),
    ``sources`` (number of articles), ``doc_ids`` ("; "-joined), ``mentions`` (rows),
    ``key`` (the merge key), ``evidence`` (the first evidence sentence, by doc_id).
    Sorted by sources (desc), then target. No rows give an empty frame with these columns.
    """
    lex = lexicon or load_lexicon()
    if rows is None:
        rows = sanctions(corpus, lexicon=lexicon, settings=settings)
    if lexicon is not None:
        return _consolidate(corpus, rows, use_entities, lex)
    key = (corpus_fingerprint(corpus) if corpus is not None else None, cache.frame_hash(rows), bool(use_entities),
           lex.key)
    return cache.memo("sanctions.consolidated", key, lambda: _consolidate(corpus, rows, use_entities, lex))


def status_by_authority(rows: pd.DataFrame) -> pd.DataFrame:
    """Actions per authority and status: one row per authority (index ``authority``, :data:`NO_AUTHORITY`
    when none is named), one column per status plus ``total`` (counts of rows); sorted by total (desc),
    then name. No rows give an empty frame with the status columns."""
    if rows.empty:
        return pd.DataFrame(columns=STATUSES)
    table = pd.crosstab(rows["authority"].fillna(NO_AUTHORITY), rows["status"])
    table = table.reindex(columns=STATUSES, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name = "authority"
    table.columns.name = None
    order = sorted(table.index, key=lambda name: (-int(table.loc[name, "total"]), name))
    return table.loc[order]
