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

from ..corpus import Article, Corpus
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
    """
    result = _analyse(corpus, settings)
    clusters = cluster_of(duplicate_clusters(corpus, settings=settings))
    verdicts = spin_verdicts(result, settings)
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in result.rows:
        by_pair[(row["doc_a"], row["doc_b"])].append(row)
    arts = {a.doc_id: a for a in result.articles}
    ids = sorted(arts)
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            prs = by_pair.get((a, b), [])
            cov_a = _covered([r["_text_a"] for r in prs])
            cov_b = _covered([r["_text_b"] for r in prs])
            con_a = cov_a / max(1, len(arts[a].text))
            con_b = cov_b / max(1, len(arts[b].text))
            source = copier = basis = ""
            if prs:
                source, copier, basis = _direction(arts[a], arts[b], con_a, con_b, verdicts, settings)
            kinds = Counter(r["kind"] for r in prs)
            rej = sorted((reason, n) for (da, db, reason), n in result.rejected.items() if (da, db) == (a, b))
            rows.append({"doc_a": a, "doc_b": b, "passages": len(prs),
                         "kinds": ", ".join(f"{k}×{kinds[k]}" for k in ("verbatim", "near", "spun") if kinds[k]),
                         "reused_chars_a": cov_a, "reused_chars_b": cov_b,
                         "containment_a": round(con_a, 4), "containment_b": round(con_b, 4),
                         "source": source, "copier": copier, "basis": basis,
                         "rejected": ", ".join(f"{reason}×{n}" for reason, n in rej),
                         "cluster": clusters[a] if clusters.get(a, 0) == clusters.get(b, -1) else None})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS).astype({"cluster": "Int64"})


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
    pairs = reuse_pairs(corpus, settings=settings)
    pairs = pairs[pairs["passages"] > 0]
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
        mine = pairs[(pairs["doc_a"] == d) | (pairs["doc_b"] == d)]
        partners = sorted((set(mine["doc_a"]) | set(mine["doc_b"])) - {d})
        sources = [f"{r.source} ({r.basis})" for r in mine.itertuples() if r.copier == d]
        copied = [f"{r.copier} ({r.basis})" for r in mine.itertuples() if r.source == d]
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


def entity_overlap(corpus: Corpus, *, top: int = 8) -> pd.DataFrame:
    """Article × article similarity of their sets of named entities ("same story" signal).

    Columns: ``doc_a, doc_b``; ``entities_a, entities_b`` (distinct canonical
    entities in each); ``shared`` (in both); ``jaccard`` (shared / union, 0-1);
    ``shared_entities`` (up to ``top`` shared names, most mentioned first, ties
    by name). One row per pair, sorted by ``doc_a, doc_b``. Canonical names come
    from :func:`analysis.entities.mentions`.
    """
    sets = _entity_sets(corpus)
    ids = sorted(sets)
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = sets[ids[x]], sets[ids[y]]
            common = set(a) & set(b)
            union = set(a) | set(b)
            names = sorted(common, key=lambda n: (-(a[n] + b[n]), n))[:top]
            rows.append({"doc_a": ids[x], "doc_b": ids[y], "entities_a": len(a), "entities_b": len(b),
                         "shared": len(common), "jaccard": round(len(common) / len(union), 4) if union else 0.0,
                         "shared_entities": ", ".join(names)})
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


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
    table = pd.DataFrame(np.nan, index=pd.Index(ids, name="doc_id"), columns=ids, dtype=float)
    if level == "passage":
        for r in reuse_pairs(corpus, settings=settings).itertuples():
            table.at[r.doc_a, r.doc_b] = round(100 * r.containment_a, 1)
            table.at[r.doc_b, r.doc_a] = round(100 * r.containment_b, 1)
    elif level == "quote":
        for x in ids:
            for y in ids:
                if x != y:
                    table.at[x, y] = 0.0
        for _, members in quote_groups.groupby("group"):
            docs = sorted(set(members["doc_id"]))
            for x in docs:
                for y in docs:
                    if x != y:
                        table.at[x, y] += 1
    else:
        for r in entity_overlap(corpus).itertuples():
            table.at[r.doc_a, r.doc_b] = table.at[r.doc_b, r.doc_a] = r.jaccard
    return table


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
    ents = entity_overlap(corpus).set_index(["doc_a", "doc_b"])
    quotes = matrix(corpus, "quote", quote_groups=quote_groups)
    clusters = duplicate_clusters(corpus, settings=settings)
    reps = clusters[clusters["is_representative"]].set_index("cluster")
    rows = []
    for r in pairs.itertuples():
        jac = float(ents.at[(r.doc_a, r.doc_b), "jaccard"]) if (r.doc_a, r.doc_b) in ents.index else 0.0
        shared_e = int(ents.at[(r.doc_a, r.doc_b), "shared"]) if (r.doc_a, r.doc_b) in ents.index else 0
        nq = int(quotes.at[r.doc_a, r.doc_b]) if not pd.isna(quotes.at[r.doc_a, r.doc_b]) else 0
        set_aside = f"; set aside: {r.rejected}" if r.rejected else ""
        if r.passages:
            verdict = "copied (spun)" if "spun" in r.kinds else "copied"
            direction = f", {r.copier} likely copied {r.source} (by {r.basis})" if r.copier else ", direction undecided"
            why = f"{r.passages} reused passage(s) ({r.kinds}){direction}{set_aside}"
        elif not pd.isna(r.cluster):
            verdict = "copied"
            why = (f"copies of one story: both in copy cluster {r.cluster} ({reps.at[r.cluster, 'size']} articles), "
                   f"each aligned with its representative {reps.at[r.cluster, 'doc_id']}{set_aside}")
        elif nq:
            verdict = "shared quotes"
            why = f"no reused passage, but {nq} quotation(s) in common{set_aside}"
        elif shared_e >= settings.same_story_min_entities and jac >= settings.same_story_min_jaccard:
            verdict = "same story"
            why = f"no reused passage; {shared_e} entities in common (Jaccard {jac:.2f}){set_aside}"
        else:
            verdict = "no overlap"
            why = f"no reused passage, no shared quotation, {shared_e} entities in common{set_aside}"
        rows.append({"doc_a": r.doc_a, "doc_b": r.doc_b, "verdict": verdict, "passages": r.passages,
                     "shared_quotes": nq, "entity_jaccard": jac, "why": why})
    return pd.DataFrame(rows, columns=PAIR_VERDICT_COLUMNS)


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
