"""Per-article summaries of reuse, the article × article tables for the heatmaps, and the copy graph.

* :func:`reuse_summary` – per article: churn, likely sources, copiers, spun verdict and evidence;
* :func:`matrix` – article × article tables for the heatmaps (passage, quote, entity);
* :func:`copy_graph` / :func:`pairs_graph` – the who-copied-whom directed graph (networkx).

The per-pair tables (reuse, entity overlap, verdicts) are in :mod:`analysis.overlap.pairs`.
Copy clusters (:func:`analysis.overlap.duplicate_clusters`) show as a ``cluster`` column in the
article table.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

import numpy as np
import pandas as pd

from ..corpus import Corpus
from .clusters import cluster_of, duplicate_clusters
from .pairs import covered_chars, entity_overlap, pair_rows, quote_pairs, reuse_pairs
from .passages import _analyse
from .settings import DEFAULTS, Settings
from .spin import spin_verdicts

SUMMARY_COLUMNS = ["doc_id", "title", "date", "source", "chars", "reused_chars", "churn_pct", "passages",
                   "partners", "likely_sources", "copied_by", "spun", "spun_evidence", "broken_names", "cluster"]
LEVELS = ("passage", "quote", "entity")


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
    special = pair_rows(result, number, verdicts, settings)
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
        covered = covered_chars(spans.get(d, []))
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
    values = _square(ids)
    if level == "passage":
        pairs = reuse_pairs(corpus, settings=settings, evidence_only=True)
        xs, ys = pairs["doc_a"].map(position).to_numpy(), pairs["doc_b"].map(position).to_numpy()
        values[xs, ys] = _percent(pairs["containment_a"].to_numpy())
        values[ys, xs] = _percent(pairs["containment_b"].to_numpy())
    elif level == "quote":
        for (a, b), n in quote_pairs(quote_groups).items():
            values[position[a], position[b]] = values[position[b], position[a]] = n
    else:
        pairs = entity_overlap(corpus, evidence_only=True)
        xs, ys = pairs["doc_a"].map(position).to_numpy(), pairs["doc_b"].map(position).to_numpy()
        values[xs, ys] = values[ys, xs] = pairs["jaccard"].to_numpy(dtype=float)
    return pd.DataFrame(values, index=pd.Index(ids, name="doc_id"), columns=ids, dtype=float)


def _percent(shares: np.ndarray) -> np.ndarray:
    """``round(100 * share, 1)`` of each share, rounded as Python rounds (0 stays 0 without a call)."""
    out = np.zeros(len(shares))
    for at in np.flatnonzero(shares).tolist():
        out[at] = round(100 * float(shares[at]), 1)
    return out


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
