"""Per-article and per-pair summaries of reuse, entity overlap and the article × article tables.

* :func:`reuse_pairs` – every pair: its passages, containment on both sides, who copied whom;
* :func:`reuse_summary` – per article: churn, likely sources, copiers, spun verdict and evidence;
* :func:`entity_overlap` – Jaccard similarity of two articles' canonical entities ("same story");
* :func:`matrix` – article × article tables for the heatmaps (passage, quote, entity);
* :func:`pair_verdicts` – every pair in plain words, and why;
* :func:`copy_graph` / :func:`pairs_graph` – the who-copied-whom directed graph (networkx).

Copy clusters (:func:`analysis.overlap.duplicate_clusters`) show as a ``cluster`` column in the
pair and article tables; two members of one large cluster are aligned through its representative
only, and their pair verdict says so.

Shared quotations come from :func:`analysis.quotes.quote_groups`, passed in by the caller
(that module uses this package's aligner, so this package does not import it).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import numpy as np
import pandas as pd

from .. import cache
from ..corpus import Article, Corpus, corpus_fingerprint
from ..entities import mentions
from .clusters import cluster_of, duplicate_clusters
from .passages import _analyse
from .settings import DEFAULTS, Settings
from .spin import spin_verdicts

SUMMARY_COLUMNS = ["doc_id", "title", "date", "source", "chars", "reused_chars", "churn_pct", "passages",
                   "partners", "likely_sources", "copied_by", "spun", "spun_evidence", "broken_names", "cluster"]
PAIR_COLUMNS = ["doc_a", "doc_b", "passages", "kinds", "reused_chars_a", "reused_chars_b", "containment_a",
                "containment_b", "source", "copier", "basis", "rejected", "cluster"]
ENTITY_COLUMNS = ["doc_a", "doc_b", "entities_a", "entities_b", "shared", "jaccard", "shared_entities"]
PAIR_VERDICT_COLUMNS = ["doc_a", "doc_b", "verdict", "passages", "shared_quotes", "entity_jaccard", "why"]
LEVELS = ("passage", "quote", "entity")


def _covered(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the union of ``(start, end)`` spans."""
    total, last = 0, -1
    for s, e in sorted(spans):
        if e <= last:
            continue
        total += e - max(s, last)
        last = e
    return total


def _pair_positions(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column numbers of every pair ``x < y`` of ``n`` sorted ids, in row order (the tables' order)."""
    return np.triu_indices(n, 1)


def _pair_position(x: int, y: int, n: int) -> int:
    """Row of the pair ``(x, y)`` (``x < y``) in the order of :func:`_pair_positions`."""
    return x * n - x * (x + 1) // 2 + (y - x - 1)


def _pair_rows(result, clusters: dict[str, int], verdicts: dict[str, dict], settings: Settings) -> dict:
    """``{(doc_a, doc_b): row}`` of :func:`reuse_pairs` for the pairs with passages or set-aside overlaps.

    Every other pair has no passage, nothing set aside, and a row of zeros and empty strings.
    """
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
        cov_a = _covered([r["_text_a"] for r in prs])
        cov_b = _covered([r["_text_b"] for r in prs])
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


def reuse_pairs(corpus: Corpus, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Every pair of articles, with its reuse and, where decidable, who copied whom.

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

    The table has a row for every pair (n·(n-1)/2 rows); pairs without passages or set-aside
    overlaps are filled column-wise, so only pairs that share text cost work of their own.
    """
    result = _analyse(corpus, settings)
    return cache.memo("overlap.reuse_pairs", (result.fingerprint, settings),
                      lambda: _all_pairs(corpus, result, settings), disk=False)


def _all_pairs(corpus: Corpus, result, settings: Settings) -> pd.DataFrame:
    """The table of :func:`reuse_pairs` (computed; the caller memoises it in this process)."""
    clusters = cluster_of(duplicate_clusters(corpus, settings=settings))
    special = _pair_rows(result, clusters, spin_verdicts(result, settings), settings)
    ids = sorted(a.doc_id for a in result.articles)
    n = len(ids)
    if n < 2:
        return pd.DataFrame([], columns=PAIR_COLUMNS).astype({"cluster": "Int64"})
    ia, ib = _pair_positions(n)
    names = np.array(ids, dtype=object)
    size = len(ia)
    columns: dict[str, np.ndarray] = {"doc_a": names[ia], "doc_b": names[ib]}
    for col in PAIR_COLUMNS[2:]:
        columns[col] = (np.zeros(size, dtype=np.int64) if col in ("passages", "reused_chars_a", "reused_chars_b")
                        else np.zeros(size) if col.startswith("containment") else np.full(size, "", dtype=object))
    number_a = np.array([clusters.get(d, 0) for d in ids], dtype=np.int64)
    number_b = np.array([clusters.get(d, -1) for d in ids], dtype=np.int64)
    same = number_a[ia] == number_b[ib]
    cluster = np.where(same, number_a[ia], 0)
    position = {d: i for i, d in enumerate(ids)}
    for (a, b), row in special.items():
        at = _pair_position(position[a], position[b], n)
        for col in PAIR_COLUMNS[2:-1]:
            columns[col][at] = row[col]
    frame = pd.DataFrame({col: columns[col].tolist() for col in PAIR_COLUMNS[:-1]}, columns=PAIR_COLUMNS[:-1])
    frame["cluster"] = pd.array(cluster, dtype="Int64")
    frame.loc[~same, "cluster"] = pd.NA
    return frame


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


def reuse_summary(corpus: Corpus, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per article: how much of it is reused, from where, and whether it was spun.

    Columns: ``doc_id, title, date, source`` (credited wire, e.g. "AP");
    ``chars`` (cleaned text length); ``reused_chars`` and ``churn_pct`` (share of
    the article's text inside passages it shares with any other article, %);
    ``passages`` (count, either side); ``partners`` (articles it shares
    passages with); ``likely_sources`` / ``copied_by`` (partners judged source or
    copier, with the basis in brackets, see :func:`reuse_pairs`; the credited
    wire is added as ``credits <source>``); ``spun`` (True when the article
    holds at least two spinner substitutions against its counterparts, two
    distinct broken names, or one of each); ``spun_evidence`` (the spinner words with the words they
    stand for) and ``broken_names`` (e.g. "Overseas Workplace (for Foreign Office, …)");
    ``cluster`` – its copy cluster (:func:`analysis.overlap.duplicate_clusters`), else empty; a
    member's ``likely_sources`` also names the cluster's earliest member.
    Sorted by ``doc_id``.
    """
    result = _analyse(corpus, settings)
    verdicts = spin_verdicts(result, settings)
    clusters = duplicate_clusters(corpus, settings=settings)
    number = cluster_of(clusters)
    earliest = dict(zip(clusters["doc_id"], clusters["earliest"]))
    special = _pair_rows(result, number, verdicts, settings)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for (a, b), row in sorted(special.items()):
        if row["passages"] > 0:
            by_doc[a].append(row)
            by_doc[b].append(row)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    counts: Counter = Counter()
    for row in result.rows:
        spans[row["doc_a"]].append(row["_text_a"])
        spans[row["doc_b"]].append(row["_text_b"])
        counts[row["doc_a"]] += 1
        counts[row["doc_b"]] += 1
    rows = []
    for article in sorted(result.articles, key=lambda a: a.doc_id):
        d = article.doc_id
        covered = _covered(spans.get(d, []))
        mine = by_doc.get(d, [])
        partners = sorted(({r["doc_a"] for r in mine} | {r["doc_b"] for r in mine}) - {d})
        sources = [f"{r['source']} ({r['basis']})" for r in mine if r["copier"] == d]
        copied = [f"{r['copier']} ({r['basis']})" for r in mine if r["source"] == d]
        first = earliest.get(d)
        if isinstance(first, str) and first != d and not any(s.startswith(f"{first} (") for s in sources):
            sources.append(f"{first} (earliest of copy cluster {number[d]})")
        if article.source:
            sources.append(f"credits {article.source}")
        v = verdicts[d]
        rows.append({"doc_id": d, "title": article.title, "date": article.date, "source": article.source,
                     "chars": len(article.text), "reused_chars": covered,
                     "churn_pct": round(100 * covered / max(1, len(article.text)), 1),
                     "passages": counts[d], "partners": ", ".join(partners),
                     "likely_sources": "; ".join(sources), "copied_by": "; ".join(copied),
                     "spun": bool(v["spun"]), "spun_evidence": "; ".join(v["subs"]),
                     "broken_names": v["names"], "cluster": number.get(d)})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"cluster": "Int64"})


def _entity_sets(corpus: Corpus) -> dict[str, Counter]:
    """doc_id -> Counter of canonical entity names, from :func:`analysis.entities.mentions`."""
    out: dict[str, Counter] = {a.doc_id: Counter() for a in corpus}
    frame = mentions(corpus)
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


def entity_overlap(corpus: Corpus, *, top: int = 8) -> pd.DataFrame:
    """Article × article similarity of their sets of named entities ("same story" signal).

    Columns: ``doc_a, doc_b``; ``entities_a, entities_b`` (distinct canonical
    entities in each); ``shared`` (in both); ``jaccard`` (shared / union, 0-1);
    ``shared_entities`` (up to ``top`` shared names, most mentioned first, ties
    by name). One row per pair, sorted by ``doc_a, doc_b``. Canonical names come
    from :func:`analysis.entities.mentions`. The shared counts of all pairs come from one
    matrix product; only pairs that share an entity cost work of their own.
    """
    return cache.memo("overlap.entity_overlap", (corpus_fingerprint(corpus), top),
                      lambda: _entity_pairs(corpus, top), disk=False)


def _entity_pairs(corpus: Corpus, top: int) -> pd.DataFrame:
    """The table of :func:`entity_overlap` (computed; the caller memoises it in this process)."""
    sets = _entity_sets(corpus)
    ids = sorted(sets)
    if len(ids) < 2:
        return pd.DataFrame([], columns=ENTITY_COLUMNS)
    counters = [sets[d] for d in ids]
    sizes = np.array([len(c) for c in counters], dtype=np.int64)
    ia, ib = _pair_positions(len(ids))
    shared = _shared_counts(counters)[ia, ib]
    union = sizes[ia] + sizes[ib] - shared
    jaccard = np.zeros(len(ia))
    names = np.full(len(ia), "", dtype=object)
    for at in np.flatnonzero(shared).tolist():
        a, b = counters[ia[at]], counters[ib[at]]
        common = a.keys() & b.keys()
        jaccard[at] = round(len(common) / int(union[at]), 4)
        names[at] = ", ".join(sorted(common, key=lambda n: (-(a[n] + b[n]), n))[:top])
    doc_ids = np.array(ids, dtype=object)
    return pd.DataFrame({"doc_a": doc_ids[ia].tolist(), "doc_b": doc_ids[ib].tolist(),
                         "entities_a": sizes[ia], "entities_b": sizes[ib], "shared": shared,
                         "jaccard": jaccard, "shared_entities": names.tolist()}, columns=ENTITY_COLUMNS)


def _square(ids: list[str]) -> np.ndarray:
    """An ``ids × ids`` float array, NaN on the diagonal and 0 elsewhere."""
    values = np.zeros((len(ids), len(ids)))
    np.fill_diagonal(values, np.nan)
    return values


def matrix(corpus: Corpus, level: str = "passage", *, quote_groups: pd.DataFrame | None = None,
           settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Article × article table (index and columns = doc_ids, diagonal empty) for a heatmap.

    * ``passage`` – row X, column Y: % of X's text inside passages shared with Y
      (containment, so the table is not symmetric);
    * ``quote`` – number of quote groups X and Y both carry, from ``quote_groups``
      (the table of :func:`analysis.quotes.quote_groups`; required for this level);
    * ``entity`` – Jaccard similarity of their canonical entity sets (0-1).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if level == "quote" and quote_groups is None:
        raise ValueError("level 'quote' needs quote_groups=analysis.quotes.quote_groups(corpus)")
    ids = sorted(a.doc_id for a in corpus)
    position = {d: i for i, d in enumerate(ids)}
    values = np.full((len(ids), len(ids)), np.nan)
    if level == "passage":
        pairs = reuse_pairs(corpus, settings=settings)
        xs, ys = pairs["doc_a"].map(position).to_numpy(), pairs["doc_b"].map(position).to_numpy()
        values[xs, ys] = _percent(pairs["containment_a"].to_numpy())
        values[ys, xs] = _percent(pairs["containment_b"].to_numpy())
    elif level == "quote":
        values = _square(ids)
        for _, members in quote_groups.groupby("group"):
            docs = [position[d] for d in sorted(set(members["doc_id"]))]
            for x in docs:
                for y in docs:
                    if x != y:
                        values[x, y] += 1
    else:
        pairs = entity_overlap(corpus)
        xs, ys = pairs["doc_a"].map(position).to_numpy(), pairs["doc_b"].map(position).to_numpy()
        values[xs, ys] = values[ys, xs] = pairs["jaccard"].to_numpy(dtype=float)
    return pd.DataFrame(values, index=pd.Index(ids, name="doc_id"), columns=ids, dtype=float)


def _percent(shares: np.ndarray) -> np.ndarray:
    """``round(100 * share, 1)`` of each share, rounded as Python rounds (0 stays 0 without a call)."""
    out = np.zeros(len(shares))
    for at in np.flatnonzero(shares).tolist():
        out[at] = round(100 * float(shares[at]), 1)
    return out


def pair_verdicts(corpus: Corpus, quote_groups: pd.DataFrame, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Every pair in plain words: copied text, shared quotes only, same story, or unrelated – and why.

    ``quote_groups`` is the table of :func:`analysis.quotes.quote_groups` for ``corpus``.
    Columns: ``doc_a, doc_b``; ``verdict`` (``copied (spun)``, ``copied``,
    ``shared quotes``, ``same story`` (at least ``same_story_min_entities`` entities and
    ``same_story_min_jaccard`` in common), ``no overlap``); ``passages``;
    ``shared_quotes`` (quote groups in common); ``entity_jaccard``; ``why`` (a
    sentence naming the evidence, including overlaps that were seen and set
    aside as entity titles or quotations; two members of one copy cluster are ``copied`` even
    when, aligned through the cluster's representative only, they have no passage of their own).
    Sorted by ``doc_a, doc_b``.
    """
    pairs = reuse_pairs(corpus, settings=settings)
    if pairs.empty:
        return pd.DataFrame([], columns=PAIR_VERDICT_COLUMNS)
    ents = entity_overlap(corpus)[["doc_a", "doc_b", "jaccard", "shared"]]
    pairs = pairs.merge(ents, on=["doc_a", "doc_b"], how="left", sort=False)
    jaccard = pairs["jaccard"].fillna(0.0).astype(float).tolist()
    shared = pairs["shared"].fillna(0).astype(np.int64).tolist()
    quotes = matrix(corpus, "quote", quote_groups=quote_groups)
    position = {d: i for i, d in enumerate(quotes.index)}
    table = np.nan_to_num(quotes.to_numpy(), nan=0.0)
    nq = table[pairs["doc_a"].map(position).to_numpy(), pairs["doc_b"].map(position).to_numpy()].astype(np.int64)
    clusters = duplicate_clusters(corpus, settings=settings)
    reps = clusters[clusters["is_representative"]].set_index("cluster")
    verdicts = ["no overlap"] * len(pairs)
    whys = [f"no reused passage, no shared quotation, {n} entities in common" for n in shared]
    plain = ((pairs["passages"].to_numpy() == 0) & pairs["cluster"].isna().to_numpy() & (nq == 0)
             & ~((np.array(shared) >= settings.same_story_min_entities)
                 & (np.array(jaccard) >= settings.same_story_min_jaccard))
             & (pairs["rejected"].to_numpy() == ""))
    evidence = np.flatnonzero(~plain)
    for at, r in zip(evidence.tolist(), pairs.iloc[evidence].itertuples()):  # pairs with evidence, one by one
        verdicts[at], whys[at] = _verdict(r, jaccard[at], shared[at], int(nq[at]), reps, settings)
    return pd.DataFrame({"doc_a": pairs["doc_a"].tolist(), "doc_b": pairs["doc_b"].tolist(),
                         "verdict": verdicts, "passages": pairs["passages"].to_numpy(),
                         "shared_quotes": nq, "entity_jaccard": jaccard, "why": whys},
                        columns=PAIR_VERDICT_COLUMNS)


def _verdict(r, jac: float, shared_e: int, nq: int, reps: pd.DataFrame, settings: Settings) -> tuple[str, str]:
    """``(verdict, why)`` of one row of :func:`reuse_pairs` (see :func:`pair_verdicts`)."""
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


def copy_graph(corpus: Corpus, *, settings: Settings = DEFAULTS):
    """networkx DiGraph source -> copier of ``corpus`` (see :func:`pairs_graph`)."""
    return pairs_graph(reuse_pairs(corpus, settings=settings), sorted(a.doc_id for a in corpus))


def pairs_graph(pairs: pd.DataFrame, doc_ids: Iterable[str]):
    """networkx DiGraph source -> copier from a :func:`reuse_pairs` table, one node per doc id.

    Edge attributes: ``chars`` (reused characters, the larger side), ``basis``, ``kinds``;
    pairs whose direction is undecided get an edge each way with ``basis="undecided"``.
    """
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(doc_ids))
    for r in pairs.itertuples():
        if not r.passages:
            continue
        if r.copier:
            graph.add_edge(r.source, r.copier, chars=int(max(r.reused_chars_a, r.reused_chars_b)),
                           basis=r.basis, kinds=r.kinds)
        else:
            for u, v in ((r.doc_a, r.doc_b), (r.doc_b, r.doc_a)):
                graph.add_edge(u, v, chars=int(max(r.reused_chars_a, r.reused_chars_b)),
                               basis="undecided", kinds=r.kinds)
    return graph
