"""Per-pair tables: reuse and who copied whom, entity overlap, and every pair's verdict in plain words.

* :func:`reuse_pairs` – a pair's passages, containment on both sides, who copied whom;
* :func:`entity_overlap` – Jaccard similarity of two articles' canonical entities ("same story");
* :func:`pair_verdicts` – a pair in plain words, and why.

Each table comes for every pair (n·(n-1)/2 rows: two million at 2,000 articles) or, with
``evidence_only=True``, for the pairs that have something in common only. The tables are built from
the pairs with evidence; the others are filled in column-wise when every pair is asked for, so only
pairs that share something cost work or memory of their own.

Shared quotations come from :func:`analysis.quotes.quote_groups`, passed in by the caller
(that module uses this package's aligner, so this package does not import it).
"""
from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from .. import cache
from ..corpus import Article, Corpus, corpus_fingerprint
from ..entities import mentions
from .clusters import cluster_of, duplicate_clusters
from .passages import _analyse
from .settings import DEFAULTS, Settings
from .spin import spin_verdicts

PAIR_COLUMNS = ["doc_a", "doc_b", "passages", "kinds", "reused_chars_a", "reused_chars_b", "containment_a",
                "containment_b", "source", "copier", "basis", "rejected", "cluster"]
ENTITY_COLUMNS = ["doc_a", "doc_b", "entities_a", "entities_b", "shared", "jaccard", "shared_entities"]
PAIR_VERDICT_COLUMNS = ["doc_a", "doc_b", "verdict", "passages", "shared_quotes", "entity_jaccard", "why"]
_COUNTS = ("passages", "reused_chars_a", "reused_chars_b", "entities_a", "entities_b", "shared", "shared_quotes")


def covered_chars(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the union of ``(start, end)`` spans."""
    total, last = 0, -1
    for s, e in sorted(spans):
        if e <= last:
            continue
        total += e - max(s, last)
        last = e
    return total


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its object columns as pandas' text dtype, the dtype an every-pair table's text columns get."""
    return frame.astype({col: str for col in frame.columns if frame[col].dtype == object})


def pair_count(corpus: Corpus) -> int:
    """How many pairs of articles ``corpus`` has (the rows of an every-pair table): n·(n-1)/2."""
    n = len({a.doc_id for a in corpus})
    return n * (n - 1) // 2


def _positions(frame: pd.DataFrame, ids: list[str]) -> np.ndarray:
    """Row of each ``(doc_a, doc_b)`` of ``frame`` in an every-pair table over the sorted ``ids``."""
    position = {d: i for i, d in enumerate(ids)}
    x = frame["doc_a"].map(position).to_numpy(dtype=np.int64)
    y = frame["doc_b"].map(position).to_numpy(dtype=np.int64)
    n = len(ids)
    return x * n - x * (x + 1) // 2 + (y - x - 1)


def _every_pair(sparse: pd.DataFrame, ids: list[str], columns: list[str], defaults: dict) -> pd.DataFrame:
    """An every-pair table over the sorted ``ids``: ``sparse``'s rows where it has them, ``defaults`` elsewhere.

    ``defaults`` maps a column to a value or to an array of one value per pair (in the table's order).
    """
    ia, ib = np.triu_indices(len(ids), 1)
    names = np.array(ids, dtype=object)
    at = _positions(sparse, ids)
    data = {"doc_a": names[ia].tolist(), "doc_b": names[ib].tolist()}
    for col in columns[2:]:
        value = defaults[col]
        if isinstance(value, np.ndarray):
            filled = value.copy()
        elif isinstance(value, str):
            filled = np.full(len(ia), value, dtype=object)
        else:
            filled = np.full(len(ia), value, dtype=np.int64 if col in _COUNTS else float)
        filled[at] = sparse[col].to_numpy(dtype=filled.dtype)
        data[col] = filled if filled.dtype != object else filled.tolist()
    return pd.DataFrame(data, columns=columns)


def pair_rows(result, clusters: dict[str, int], verdicts: dict[str, dict], settings: Settings) -> dict:
    """``{(doc_a, doc_b): row}`` of :func:`reuse_pairs` for the pairs with passages or set-aside overlaps."""
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in result.rows:
        by_pair[(row["doc_a"], row["doc_b"])].append(row)
    rejected: dict[tuple[str, str], list] = defaultdict(list)
    for (da, db, reason), n in result.rejected.items():
        rejected[(da, db)].append((reason, n))
    arts = {a.doc_id: a for a in result.articles}
    rows = {}
    for a, b in sorted(set(by_pair) | set(rejected)):
        if a not in arts or b not in arts or not a < b:
            continue
        prs = by_pair.get((a, b), [])
        cov_a = covered_chars([r["_text_a"] for r in prs])
        cov_b = covered_chars([r["_text_b"] for r in prs])
        con_a = cov_a / max(1, len(arts[a].text))
        con_b = cov_b / max(1, len(arts[b].text))
        source = copier = basis = ""
        if prs:
            source, copier, basis = _direction(arts[a], arts[b], con_a, con_b, verdicts, settings)
        kinds = Counter(r["kind"] for r in prs)
        rej = sorted(rejected.get((a, b), []))
        rows[(a, b)] = {"doc_a": a, "doc_b": b, "passages": len(prs),
                        "kinds": ", ".join(f"{k}×{kinds[k]}" for k in ("verbatim", "near", "spun") if kinds[k]),
                        "reused_chars_a": cov_a, "reused_chars_b": cov_b,
                        "containment_a": round(con_a, 4), "containment_b": round(con_b, 4),
                        "source": source, "copier": copier, "basis": basis,
                        "rejected": ", ".join(f"{reason}×{n}" for reason, n in rej),
                        "cluster": clusters[a] if clusters.get(a, 0) == clusters.get(b, -1) else None}
    return rows


def _direction(art_a: Article, art_b: Article, con_a: float, con_b: float, verdicts: dict[str, dict],
               settings: Settings) -> tuple[str, str, str]:
    """``(source, copier, basis)`` of a pair with passages: by spin, then date, then containment; else empty."""
    spun_a, spun_b = verdicts[art_a.doc_id]["spun"], verdicts[art_b.doc_id]["spun"]
    if spun_a != spun_b:
        return (art_b.doc_id, art_a.doc_id, "spun") if spun_a else (art_a.doc_id, art_b.doc_id, "spun")
    if art_a.date and art_b.date and art_a.date != art_b.date:
        return ((art_a.doc_id, art_b.doc_id, "date") if art_a.date < art_b.date
                else (art_b.doc_id, art_a.doc_id, "date"))
    if (max(con_a, con_b) >= settings.containment_ratio * min(con_a, con_b)
            and abs(con_a - con_b) >= settings.containment_margin):
        return ((art_a.doc_id, art_b.doc_id, "containment") if con_a > con_b
                else (art_b.doc_id, art_a.doc_id, "containment"))
    return "", "", ""


def reuse_pairs(corpus: Corpus, *, settings: Settings = DEFAULTS, evidence_only: bool = False) -> pd.DataFrame:
    """Every pair of articles (or, with ``evidence_only``, the pairs that share text), with who copied whom.

    Columns: ``doc_a, doc_b``; ``passages`` (count) and ``kinds`` (e.g.
    ``spun×2, near×1``); ``reused_chars_a/b`` (characters of each article's
    cleaned text inside those passages) and ``containment_a/b`` (the same as a
    share of the article, 0-1); ``source`` and ``copier`` (empty when
    undecided) with the ``basis`` of the decision, in order of strength:
    ``spun`` (the spun article copied), ``date`` (the earlier one is the
    source), ``containment`` (the article more fully contained in the other is
    the source: a short wire story inside a longer article); ``rejected`` lists
    the overlaps that were seen but not reported and why (``entity_title``,
    ``quotation``, ``short``, ``loose``) so a pair without passages says why;
    ``cluster`` – the copy cluster (:func:`analysis.overlap.duplicate_clusters`) both belong to,
    else empty (two members of a large cluster are aligned through its representative only,
    so their own pair may have no passage). Sorted by ``doc_a, doc_b``.

    With ``evidence_only=True`` only pairs with passages, set-aside overlaps or a shared copy
    cluster are rows; every other pair has no passage, nothing set aside and no cluster.
    """
    result = _analyse(corpus, settings)
    sparse = cache.memo("overlap.reuse_pairs", (result.fingerprint, settings),
                        lambda: _evidence_pairs(corpus, result, settings), disk=False)
    if evidence_only:
        return sparse
    ids = sorted(a.doc_id for a in result.articles)
    if len(ids) < 2:
        return sparse
    defaults = {col: 0 if col in _COUNTS else 0.0 if col.startswith("containment") else "" for col in PAIR_COLUMNS}
    frame = _every_pair(sparse, ids, PAIR_COLUMNS[:-1], defaults)
    cluster = pd.array([pd.NA] * len(frame), dtype="Int64")
    cluster[_positions(sparse, ids)] = sparse["cluster"].to_numpy()
    frame["cluster"] = cluster
    return frame


def _evidence_pairs(corpus: Corpus, result, settings: Settings) -> pd.DataFrame:
    """The rows of :func:`reuse_pairs` with evidence: passages, set-aside overlaps or one copy cluster."""
    clusters = cluster_of(duplicate_clusters(corpus, settings=settings))
    rows = pair_rows(result, clusters, spin_verdicts(result, settings), settings)
    members: dict[int, list[str]] = defaultdict(list)
    for doc_id in sorted(a.doc_id for a in result.articles):
        if doc_id in clusters:
            members[clusters[doc_id]].append(doc_id)
    empty = {col: 0 if col in _COUNTS else 0.0 if col.startswith("containment") else "" for col in PAIR_COLUMNS}
    for number, docs in members.items():
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                rows.setdefault((a, b), {**empty, "doc_a": a, "doc_b": b, "cluster": number})
    frame = _as_text(pd.DataFrame([rows[key] for key in sorted(rows)], columns=PAIR_COLUMNS).drop(columns="cluster"))
    frame["cluster"] = [rows[key]["cluster"] for key in sorted(rows)]
    return frame.astype({"passages": np.int64, "reused_chars_a": np.int64, "reused_chars_b": np.int64,
                         "containment_a": float, "containment_b": float, "cluster": "Int64"})


def _entity_sets(corpus: Corpus) -> dict[str, Counter]:
    """doc_id -> Counter of canonical entity names, from :func:`analysis.entities.mentions`."""
    out: dict[str, Counter] = {a.doc_id: Counter() for a in corpus}
    frame = mentions(corpus)[["doc_id", "canonical"]]
    for doc_id, canonical in zip(frame["doc_id"], frame["canonical"]):
        if doc_id in out and isinstance(canonical, str) and canonical:
            out[doc_id][canonical] += 1
    return out


def _shared_counts(sets: list[Counter]) -> np.ndarray:
    """``shared[x, y]``: how many entities ``sets[x]`` and ``sets[y]`` have in common (one matrix product).

    Only entities of two or more articles can be shared, so only they become columns.
    """
    seen: Counter = Counter(name for names in sets for name in names)
    column = {name: i for i, name in enumerate(sorted(n for n, k in seen.items() if k > 1))}
    incidence = np.zeros((len(sets), max(1, len(column))), dtype=np.float32)
    for x, names in enumerate(sets):
        for name in names:
            if name in column:
                incidence[x, column[name]] = 1.0
    return np.rint(incidence @ incidence.T).astype(np.int64)  # exact: counts stay far below 2**24


def entity_overlap(corpus: Corpus, *, top: int = 8, evidence_only: bool = False) -> pd.DataFrame:
    """Article × article similarity of their sets of named entities ("same story" signal).

    Columns: ``doc_a, doc_b``; ``entities_a, entities_b`` (distinct canonical
    entities in each); ``shared`` (in both); ``jaccard`` (shared / union, 0-1);
    ``shared_entities`` (up to ``top`` shared names, most mentioned first, ties
    by name). One row per pair, or with ``evidence_only`` per pair sharing at least one entity;
    sorted by ``doc_a, doc_b``. Canonical names come from :func:`analysis.entities.mentions`.
    The shared counts of all pairs come from one matrix product; only pairs that share an entity
    cost work of their own.
    """
    ids, sizes, sparse = cache.memo("overlap.entity_overlap", (corpus_fingerprint(corpus), top),
                                    lambda: _entity_pairs(corpus, top), disk=False)
    if evidence_only or len(ids) < 2:
        return sparse.copy()
    ia, ib = np.triu_indices(len(ids), 1)
    defaults = {"entities_a": sizes[ia], "entities_b": sizes[ib], "shared": 0, "jaccard": 0.0,
                "shared_entities": ""}
    return _every_pair(sparse, ids, ENTITY_COLUMNS, defaults)


def _entity_pairs(corpus: Corpus, top: int) -> tuple[list[str], np.ndarray, pd.DataFrame]:
    """``(sorted doc ids, distinct entities of each, the rows of the pairs sharing an entity)``."""
    sets = _entity_sets(corpus)
    ids = sorted(sets)
    counters = [sets[d] for d in ids]
    sizes = np.array([len(c) for c in counters], dtype=np.int64)
    if len(ids) < 2:
        return ids, sizes, pd.DataFrame([], columns=ENTITY_COLUMNS)
    xs, ys = np.nonzero(np.triu(_shared_counts(counters), 1))  # row-major: sorted by (doc_a, doc_b)
    rows = []
    for x, y in zip(xs.tolist(), ys.tolist()):
        a, b = counters[x], counters[y]
        common = a.keys() & b.keys()
        union = len(a) + len(b) - len(common)
        rows.append({"doc_a": ids[x], "doc_b": ids[y], "entities_a": len(a), "entities_b": len(b),
                     "shared": len(common), "jaccard": round(len(common) / union, 4),
                     "shared_entities": ", ".join(sorted(common, key=lambda n: (-(a[n] + b[n]), n))[:top])})
    frame = _as_text(pd.DataFrame(rows, columns=ENTITY_COLUMNS))
    return ids, sizes, frame.astype({"entities_a": np.int64, "entities_b": np.int64, "shared": np.int64,
                                     "jaccard": float})


def quote_pairs(quote_groups: pd.DataFrame) -> Counter:
    """``{(doc_a, doc_b): quote groups both carry}`` (``doc_a < doc_b``) from a :func:`analysis.quotes.quote_groups` table."""
    counts: Counter = Counter()
    for _, members in quote_groups.groupby("group"):
        docs = sorted(set(members["doc_id"]))
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                counts[(a, b)] += 1
    return counts


def pair_verdicts(corpus: Corpus, quote_groups: pd.DataFrame, *, settings: Settings = DEFAULTS,
                  evidence_only: bool = False) -> pd.DataFrame:
    """Every pair in plain words: copied text, shared quotes only, same story, or unrelated – and why.

    ``quote_groups`` is the table of :func:`analysis.quotes.quote_groups` for ``corpus``.
    Columns: ``doc_a, doc_b``; ``verdict`` (``copied (spun)``, ``copied``,
    ``shared quotes``, ``same story`` (at least ``same_story_min_entities`` entities and
    ``same_story_min_jaccard`` in common), ``no overlap``); ``passages``;
    ``shared_quotes`` (quote groups in common); ``entity_jaccard``; ``why`` (a
    sentence naming the evidence, including overlaps that were seen and set
    aside as entity titles or quotations; two members of one copy cluster are ``copied`` even
    when, aligned through the cluster's representative only, they have no passage of their own).
    Sorted by ``doc_a, doc_b``. With ``evidence_only=True`` the ``no overlap`` pairs are left out
    (:func:`pair_count` minus the rows is their number).
    """
    ids = sorted({a.doc_id for a in corpus})
    if len(ids) < 2:
        return pd.DataFrame([], columns=PAIR_VERDICT_COLUMNS)
    pairs = reuse_pairs(corpus, settings=settings, evidence_only=True)
    ents = entity_overlap(corpus, evidence_only=True)
    candidates = _verdict_candidates(pairs, ents, quote_pairs(quote_groups), settings)
    clusters = duplicate_clusters(corpus, settings=settings)
    reps = clusters[clusters["is_representative"]].set_index("cluster")
    verdicts, whys = [], []
    for r in candidates.itertuples():
        verdict, why = _verdict(r, r.jaccard, int(r.shared), int(r.shared_quotes), reps, settings)
        verdicts.append(verdict)
        whys.append(why)
    found = pd.DataFrame({"doc_a": candidates["doc_a"], "doc_b": candidates["doc_b"], "verdict": verdicts,
                          "passages": candidates["passages"], "shared_quotes": candidates["shared_quotes"],
                          "entity_jaccard": candidates["jaccard"], "why": whys}, columns=PAIR_VERDICT_COLUMNS)
    if evidence_only:
        return _as_text(found[found["verdict"] != "no overlap"].reset_index(drop=True))
    ia, ib = np.triu_indices(len(ids), 1)
    shared = np.zeros(len(ia), dtype=np.int64)
    shared[_positions(ents, ids)] = ents["shared"].to_numpy(dtype=np.int64)
    jaccard = np.zeros(len(ia))
    jaccard[_positions(ents, ids)] = ents["jaccard"].to_numpy(dtype=float)
    plain = np.array([f"no reused passage, no shared quotation, {n} entities in common" for n in shared.tolist()],
                     dtype=object)
    defaults = {"verdict": "no overlap", "passages": 0, "shared_quotes": 0, "entity_jaccard": jaccard, "why": plain}
    return _every_pair(found, ids, PAIR_VERDICT_COLUMNS, defaults)


def _verdict_candidates(pairs: pd.DataFrame, ents: pd.DataFrame, quotes: Counter, settings: Settings) -> pd.DataFrame:
    """The pairs that may have more than ``no overlap`` to say, with their reuse, entity and quote evidence.

    A pair is a candidate when :func:`reuse_pairs` has its row (passages, set-aside overlaps, a copy
    cluster), when the two share a quotation, or when they share enough entities for the same story.
    """
    story = ents[(ents["shared"] >= settings.same_story_min_entities)
                 & (ents["jaccard"] >= settings.same_story_min_jaccard)]
    quoted = pd.DataFrame([(a, b, n) for (a, b), n in sorted(quotes.items())],
                          columns=["doc_a", "doc_b", "shared_quotes"]).astype({"shared_quotes": np.int64})
    keys = pd.concat([pairs[["doc_a", "doc_b"]], quoted[["doc_a", "doc_b"]], story[["doc_a", "doc_b"]]])
    frame = keys.drop_duplicates().sort_values(["doc_a", "doc_b"]).reset_index(drop=True)
    frame = frame.merge(pairs, on=["doc_a", "doc_b"], how="left")
    frame = frame.merge(ents[["doc_a", "doc_b", "jaccard", "shared"]], on=["doc_a", "doc_b"], how="left")
    frame = frame.merge(quoted, on=["doc_a", "doc_b"], how="left")
    for col in ("passages", "shared", "shared_quotes"):
        frame[col] = frame[col].fillna(0).astype(np.int64)
    frame["jaccard"] = frame["jaccard"].fillna(0.0).astype(float)
    for col in ("kinds", "source", "copier", "basis", "rejected"):
        frame[col] = frame[col].fillna("")
    return frame


def _verdict(r, jac: float, shared_e: int, nq: int, reps: pd.DataFrame, settings: Settings) -> tuple[str, str]:
    """``(verdict, why)`` of one pair (see :func:`pair_verdicts`)."""
    set_aside = f"; set aside: {r.rejected}" if r.rejected else ""
    if r.passages:
        verdict = "copied (spun)" if "spun" in r.kinds else "copied"
        direction = f", {r.copier} likely copied {r.source} (by {r.basis})" if r.copier else ", direction undecided"
        return verdict, f"{r.passages} reused passage(s) ({r.kinds}){direction}{set_aside}"
    if not pd.isna(r.cluster):
        return "copied", (f"copies of one story: both in copy cluster {r.cluster} ({reps.at[r.cluster, 'size']} "
                          f"articles), each aligned with its representative {reps.at[r.cluster, 'doc_id']}{set_aside}")
    if nq:
        return "shared quotes", f"no reused passage, but {nq} quotation(s) in common{set_aside}"
    if shared_e >= settings.same_story_min_entities and jac >= settings.same_story_min_jaccard:
        return "same story", f"no reused passage; {shared_e} entities in common (Jaccard {jac:.2f}){set_aside}"
    return "no overlap", f"no reused passage, no shared quotation, {shared_e} entities in common{set_aside}"
