"""The claims tables of a corpus: :func:`claims`, :func:`denials` and the notebook's summaries.

:func:`claims` loops over the corpus's parsed articles, calls :func:`.extract.extract_claims`
on each Doc, maps offsets back to the original files and speakers to the entities of
:func:`analysis.entities.mentions`. :func:`denials` pairs denials with the claims they
answer; :func:`speaker_summary`, :func:`words_quoted_by_article` and
:func:`speaker_article_matrix` are the tables notebook 03 shows.
"""
from __future__ import annotations

import re

import pandas as pd

from .. import cache, entities
from ..corpus import Article, Corpus, corpus_fingerprint
from ..nlp import iter_docs
from .cues import Lexicon, lexicon_version, load_lexicon
from .extract import extract_claims
from .linking import entity_linker
from .quotes import WORD
from .settings import DEFAULTS, Settings
from .units import format_spans, parse_spans, quoted_words_text

#: Columns of :func:`claims`.
CLAIM_COLUMNS = ["doc_id", "start", "end", "kind", "quote", "quoted_spans", "speaker", "speaker_start", "speaker_end",
                 "speaker_entity_id", "speaker_role", "speaker_kind", "cue", "cue_start", "stance", "confidence"]
KINDS = ("direct", "partial", "mixed", "indirect", "according_to", "term")
#: Columns of :func:`denials`.
DENIAL_COLUMNS = ["doc_id", "denial_start", "denial_end", "denier", "denial", "claim_doc_id", "claim_start",
                  "claim_end", "claimant", "claim_kind", "claim", "match", "score"]
#: A denial whose last words name one of these points back at the claim before it ("denied the allegations").
ANAPHORIC_OBJECTS = {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "charge", "charges",
                     "report", "reports", "it", "this", "that", "them", "assertion", "suggestion"}
#: The speaker label of claims with no resolved speaker in the summaries.
UNRESOLVED = "(unresolved)"
#: The speaker label of claims whose text names no source ("one said", "X was accused of ..."), kept apart
#: from :data:`UNRESOLVED` (a source named but not resolved).
UNNAMED = "(unnamed source)"


def claims(corpus: Corpus, *, lexicon: Lexicon | None = None, use_entities: bool = True,
           settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Every attributed claim in the corpus, one row each, sorted by ``doc_id, start, end, kind``.

    Columns (:data:`CLAIM_COLUMNS`; an empty corpus gives an empty table with these columns):

    * ``doc_id`` – article;
    * ``start, end`` – raw offsets of the quoted or attributed content (for a
      direct quote split by its speech tag, from the first quoted word to the last;
      for a mixed claim, the reported clause with its quoted fragments);
    * ``kind`` – ``direct`` (a whole quoted sentence), ``partial`` (a quoted fragment
      with no reported clause found around it), ``mixed`` (reported speech holding
      quoted fragments: *X said the deal is “a disaster”*, one attribution, one row),
      ``indirect`` (reported speech), ``according_to``, or ``term``: a quoted title, nickname or scare quote
      (*on “Face the Nation”*, *dubbed them “the dishonest media”*, *“quack” cures*: named or marked, not
      quoted; its speaker is the one who named it, when a naming verb says so; never counted as a quote or a
      claim in the summaries);
    * ``quote`` – the quoted words (parts around a speech tag or fragments on one
      cue joined by " … "), or the reported clause (for ``mixed``, with its quotation marks);
    * ``quoted_spans`` – raw offsets of the quoted parts of a ``direct``, ``partial``,
      ``mixed`` or ``term`` row as a string ``"s1-e1;s2-e2"`` (marks excluded; read it with
      :func:`analysis.claims.parse_spans`), ``None`` for ``indirect`` and ``according_to``;
    * ``speaker`` – resolved name (full name of a surname, antecedent of a
      pronoun, canonical entity name when ``use_entities``), or ``None`` when it
      cannot be resolved;
    * ``speaker_start, speaker_end`` – raw offsets of the mention the cue attaches
      to ("he", "Hale"); for a quote continuing an earlier one, the earlier mention;
    * ``speaker_entity_id`` – entity id from :func:`analysis.entities.mentions` of a person or collective
      speaker (the mention at the speaker's name, or the article's entity of that name: :mod:`.linking`),
      so one person is one speaker however the article writes the name; else ``None``;
    * ``speaker_role`` – role words next to the name ("Foreign Secretary");
    * ``speaker_kind`` – what the speaker is: ``person``, ``collective`` ("the ministry", a country),
      ``generic`` ("officials"), ``document`` (a statement or report whose issuer the text does not name:
      "according to the report"), ``unnamed`` (the text names no source: "one said", "X was accused of ...";
      ``speaker`` is then ``None``), ``None`` when unresolved;
    * ``cue, cue_start`` – the cue word and its raw offset (``None`` for a
      continued quote);
    * ``stance`` – ``assert``, ``deny``, ``believe`` or ``call``;
    * ``confidence`` – 0-1, how the speaker was found (:class:`Settings`): 0.95 named at
      the cue, 0.85 collective ("the ministry"), 0.8 pronoun, 0.75 role ("the
      spokesman"), 0.7 quote continuing the previous one, 0.6 generic speaker
      ("officials") or "they"/"it", 0.5 at most for the subject of a verb before a
      colon, 0.2 unresolved; 0.05 less for a partial quote (not for a mixed claim, whose
      reported clause ties it to its cue).
    """
    if lexicon is not None:
        return _build_claims(corpus, lexicon, bool(use_entities), settings)
    use_entities = bool(use_entities)
    key = (corpus_fingerprint(corpus), use_entities, settings, lexicon_version())
    return cache.memo("claims.claims", key, lambda: _build_claims(corpus, load_lexicon(), use_entities, settings))


def claims_from_extracted(corpus: Corpus, extracted, *, use_entities: bool = True,
                          settings: Settings = DEFAULTS) -> pd.DataFrame:
    """The :func:`claims` table (same columns, types, order and speaker links) built from claims already
    extracted per article instead of from the Docs: ``extracted(doc_id, link)`` returns the article's rows as
    :func:`.extract.extract_claims` gives them with that ``link`` (None when the article has no entity to link
    to). Nothing is parsed; :mod:`analysis.batch` uses it for its one pass over the corpus."""
    return _build_claims(corpus, None, bool(use_entities), settings, extracted=extracted)


def _build_claims(corpus: Corpus, lexicon: Lexicon | None, use_entities: bool, settings: Settings,
                  extracted=None) -> pd.DataFrame:
    """The claims table: each article's rows from ``extracted(doc_id, link)`` when given, else extracted from its
    Doc with ``lexicon``; offsets mapped into the original file, speakers linked to the entities."""
    lookup = _entity_lookup(corpus) if use_entities else None
    rows = []
    pairs = ((article, None) for article in corpus) if extracted is not None else iter_docs(corpus)
    for article, doc in pairs:
        spans = lookup.get(article.doc_id) if lookup else None
        link = _entity_linker(article, spans, settings) if spans else None
        found = (extracted(article.doc_id, link) if extracted is not None
                 else extract_claims(doc, lexicon=lexicon, settings=settings, link=link))
        rows.extend(_raw_row(article, row) for row in found)
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for col in ("start", "end"):
        frame[col] = frame[col].astype(int)
    for col in ("speaker_start", "speaker_end", "cue_start"):
        frame[col] = frame[col].astype("Int64")
    for col in ("quoted_spans", "speaker", "speaker_entity_id", "speaker_role", "speaker_kind", "cue"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.sort_values(["doc_id", "start", "end", "kind"], kind="stable").reset_index(drop=True)


def _raw_row(article: Article, row: dict) -> dict:
    """A row of :func:`.extract.extract_claims` with its ``doc_id`` and offsets into the original file."""
    start, end = article.raw_span(row["start"], row["end"])
    if row["speaker_start"] is not None:
        s_start, s_end = article.raw_span(row["speaker_start"], row["speaker_end"])
    else:
        s_start = s_end = None
    cue_start = article.to_raw(row["cue_start"]) if row["cue_start"] is not None else None
    spans = row.get("quoted_spans")
    if spans is not None:
        spans = format_spans(article.raw_span(a, b) for a, b in parse_spans(spans))
    return {**row, "doc_id": article.doc_id, "start": start, "end": end, "quoted_spans": spans,
            "speaker_start": s_start, "speaker_end": s_end, "cue_start": cue_start}


def _entity_lookup(corpus: Corpus) -> dict[str, list]:
    """``{doc_id: [(start, end, entity_id, canonical, label, text)]}`` from :func:`analysis.entities.mentions`."""
    frame = entities.mentions(corpus)
    lookup: dict[str, list] = {}
    for row in frame.itertuples(index=False):
        lookup.setdefault(row.doc_id, []).append((int(row.start), int(row.end), row.entity_id, row.canonical,
                                                  getattr(row, "label", None), getattr(row, "text", None)))
    return lookup


def _entity_linker(article: Article, spans: list, settings: Settings):
    """``link(start, end, speaker) -> (speaker, entity_id)`` for :func:`.extract.extract_claims`: the entity
    mention covering (or heading) the speaker's name in raw offsets, else the article's entity of that name
    (:mod:`.linking`), lends its id and canonical name."""
    spans = [tuple(s) + (None,) * (6 - len(s)) for s in spans]
    return entity_linker(spans, article.raw_span, settings)


# ---------------------------------------------------------------------------
# Denials
# ---------------------------------------------------------------------------

def _content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    words = re.findall(r"[a-z0-9]+", (text or "").lower().replace("’", "'"))
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if w not in STOP_WORDS and len(w) > 2}


def denials(corpus: Corpus, claims_frame: pd.DataFrame | None = None, *,
            min_score: float = DEFAULTS.denial_min_score, cross_article: int = DEFAULTS.denial_cross_article,
            settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Denials and the claims they answer.

    Every claim with stance ``deny`` is paired with earlier claims of its article
    and with claims of other articles. ``match`` says why: ``anaphora`` (the
    denial's object is "the claim", "the allegations", "it": the nearest earlier
    claim of the article), ``content`` (share of the denial's content words found
    in the claim, plus 0.25 when the claim is at most 600 characters before it in
    the same article). Pairs scoring at least ``min_score`` are kept: the best one
    in the same article and up to ``cross_article`` from other articles (those
    need 0.75 of the content words).

    Columns (:data:`DENIAL_COLUMNS`): ``doc_id, denial_start, denial_end, denier, denial``
    (the denial claim), ``claim_doc_id, claim_start, claim_end, claimant, claim_kind, claim``
    (the answered claim), ``match``, ``score``; sorted by ``doc_id, denial_start``
    then score (highest first). Empty, with these columns, when there is no denial.
    """
    frame = claims(corpus) if claims_frame is None else claims_frame
    key = (cache.frame_hash(frame), float(min_score), int(cross_article), settings)
    return cache.memo("claims.denials", key, lambda: _denials(frame, min_score, cross_article, settings))


class _ClaimPool:
    """The claims a denial may answer, read once: content words per claim, claims per article, and an index
    from a content word to the claims holding it (so pairing is not a scan of every claim per denial)."""

    def __init__(self, others: pd.DataFrame):
        self.records = list(others.itertuples(index=False))
        self.words = [_content_words(r.quote) for r in self.records]
        self.by_doc: dict[str, list[int]] = {}
        self.index: dict[str, list[int]] = {}
        for i, r in enumerate(self.records):
            self.by_doc.setdefault(r.doc_id, []).append(i)
            for w in self.words[i]:
                self.index.setdefault(w, []).append(i)


def _answered(d, pool: _ClaimPool, words: set[str], min_score: float, settings: Settings) -> list[tuple]:
    """The claim of the denial's own article it answers: by anaphora, else by shared content words."""
    anaphoric = bool(set(re.findall(r"[a-z]+", d.quote.lower())[-2:]) & ANAPHORIC_OBJECTS) and len(words) <= 2
    same = [i for i in pool.by_doc.get(d.doc_id, []) if pool.records[i].end <= d.start]
    if anaphoric and same:   # the nearest earlier claim (the last of its rank in table order)
        last = max(same, key=lambda i: (pool.records[i].end, pool.records[i].start, i))
        return [(pool.records[last], "anaphora", 1.0)]
    found = []
    for i in same:
        c = pool.records[i]
        nearby = settings.denial_nearby_bonus if d.start - c.end <= settings.denial_nearby_chars else 0.0
        score = min(1.0, _overlap(words, pool.words[i]) + nearby)
        if score >= min_score:
            found.append((c, "content", score))
    return sorted(found, key=lambda f: (-f[2], -int(f[0].start)))[:1]


def _answered_elsewhere(d, pool: _ClaimPool, words: set[str], min_score: float, cross_article: int,
                        settings: Settings) -> list[tuple]:
    """Claims of other articles sharing most of the denial's content words (best first)."""
    if len(words) < 2:
        return []
    sharing = sorted({i for w in words for i in pool.index.get(w, ())})
    cross = []
    for i in sharing:
        c = pool.records[i]
        if c.doc_id == d.doc_id:
            continue
        score = _overlap(words, pool.words[i])
        if score >= max(min_score, settings.denial_cross_min_score):
            cross.append((c, "content", score))
    return sorted(cross, key=lambda f: (-f[2], f[0].doc_id, int(f[0].start)))[:cross_article]


def _denials(frame: pd.DataFrame, min_score: float, cross_article: int, settings: Settings) -> pd.DataFrame:
    frame = frame[frame["kind"] != "term"]
    pool = _ClaimPool(frame[frame["stance"] != "deny"])
    rows = []
    for d in frame[frame["stance"] == "deny"].itertuples(index=False):
        words = _content_words(d.quote)
        found = _answered(d, pool, words, min_score, settings)
        found += _answered_elsewhere(d, pool, words, min_score, cross_article, settings)
        for c, how, score in found:
            c = c._asdict() if hasattr(c, "_asdict") else c.to_dict()
            rows.append({"doc_id": d.doc_id, "denial_start": int(d.start), "denial_end": int(d.end),
                         "denier": d.speaker, "denial": d.quote, "claim_doc_id": c["doc_id"],
                         "claim_start": int(c["start"]), "claim_end": int(c["end"]), "claimant": c["speaker"],
                         "claim_kind": c["kind"], "claim": c["quote"], "match": how, "score": round(float(score), 2)})
    out = pd.DataFrame(rows, columns=DENIAL_COLUMNS)
    out["_neg"] = -out["score"]
    out = out.sort_values(["doc_id", "denial_start", "_neg", "claim_doc_id", "claim_start"], kind="stable")
    return out.drop(columns="_neg").reset_index(drop=True)


def _overlap(words: set[str], claim_words: set[str]) -> float:
    return len(words & claim_words) / len(words) if words else 0.0


# ---------------------------------------------------------------------------
# Summaries for the notebook
# ---------------------------------------------------------------------------

def _with_words(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without ``term`` rows, with ``speaker`` filled, ``is_quote`` (direct, partial, mixed) and ``words_quoted``
    (for a mixed claim only the words inside its quotation marks)."""
    frame = frame[frame["kind"] != "term"]
    quoted = frame["kind"].isin(["direct", "partial", "mixed"])
    words = [len(WORD.findall(quoted_words_text(q, k))) for q, k in zip(frame["quote"], frame["kind"])]
    kind = frame["speaker_kind"] if "speaker_kind" in frame.columns else pd.Series(None, index=frame.index)
    label = kind.map(lambda k: UNNAMED if k == "unnamed" else UNRESOLVED)
    return frame.assign(speaker=frame["speaker"].fillna(label), is_quote=quoted,
                        words_quoted=pd.Series(words, index=frame.index, dtype=int))


def speaker_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted most: one row per speaker (``(unnamed source)`` for ``None`` where the text names no
    source, ``(unresolved)`` for the other ``None`` speakers).

    Columns ``speaker, quotes`` (direct, partial and mixed claims), ``words_quoted`` (words
    inside quotation marks: a mixed claim's reported words outside its fragments do not count), ``claims`` (all kinds), ``denials`` (stance ``deny``), ``articles``;
    sorted by words quoted, quotes, then speaker.
    """
    f = _with_words(frame)
    out = f.groupby("speaker").agg(quotes=("is_quote", "sum"), words_quoted=("words_quoted", "sum"),
                                   claims=("kind", "size"), denials=("stance", lambda s: int((s == "deny").sum())),
                                   articles=("doc_id", "nunique")).reset_index()
    out[["quotes", "words_quoted"]] = out[["quotes", "words_quoted"]].astype(int)
    return out.sort_values(["words_quoted", "quotes", "speaker"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def words_quoted_by_article(frame: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Speaker x article table of words quoted (direct and partial quotes, the quoted fragments of
    mixed claims), speakers by total, top ``top``."""
    f = _with_words(frame)
    table = f.pivot_table(index="speaker", columns="doc_id", values="words_quoted", aggfunc="sum", fill_value=0)
    table = table.loc[:, sorted(table.columns)]
    order = table.sum(axis=1).rename("total").reset_index().sort_values(["total", "speaker"], ascending=[False, True])
    table = table.loc[order["speaker"]]
    table = table[table.sum(axis=1) > 0]
    return table.head(top) if top else table


def speaker_article_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Speaker x article counts of claims of every kind, with a ``total`` column; speakers by total."""
    f = _with_words(frame)
    table = pd.crosstab(f["speaker"], f["doc_id"])
    table = table.loc[:, sorted(table.columns)]
    table["total"] = table.sum(axis=1)
    table = table.reset_index().sort_values(["total", "speaker"], ascending=[False, True]).set_index("speaker")
    table.columns.name = None
    return table
