"""Copy clusters: articles that are copies of one story, as a table (:func:`duplicate_clusters`).

The clusters are found by the first pass of :func:`analysis.overlap.passages` (exact and
near duplicates by MinHash, verified exactly: :mod:`analysis.overlap.minhash`); this module
adds the files the loader set aside as exact duplicates of a loaded article (they are members
of that article's cluster: ``corpus.rejected`` entries with reason ``duplicate``), numbers the
clusters and names each one's earliest member and credited source. :func:`cluster_overview`
gives one row per cluster for a report.
"""
from __future__ import annotations

import re

import pandas as pd

from ..corpus import Article, Corpus
from .minhash import MATCH_REPRESENTATIVE, MATCH_SAME
from .passages import _analyse
from .settings import DEFAULTS, Settings

CLUSTER_COLUMNS = ["cluster", "doc_id", "title", "source", "date", "is_representative", "similarity", "match",
                   "loaded", "earliest", "credited_source", "size"]
OVERVIEW_COLUMNS = ["cluster", "size", "representative", "title", "earliest", "earliest_date", "credited_source"]
#: the loader's detail of a duplicate file: "same text as <doc_id>"
_DUPLICATE_DETAIL = re.compile(r"^same text as (?P<doc_id>.+)$")


def duplicate_clusters(corpus: Corpus, *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per member of each copy cluster (articles that are copies of one story).

    Columns:

    * ``cluster`` – cluster number, 1 = the largest (ties by representative doc id);
    * ``doc_id, title, source, date`` – the member (``source``: the wire it credits);
    * ``is_representative`` – the member the others are aligned with: the earliest dated
      loaded member (then the one with most words, then the doc id);
    * ``similarity`` – Jaccard similarity of the member's word 3-gram shingles with the
      representative's (1.0 for the representative and for the same text);
    * ``match`` – ``representative``, ``same text`` (case and spacing aside) or ``near duplicate``;
    * ``loaded`` – False for a file the loader set aside as a duplicate of a loaded member
      (``corpus.rejected``; its title, source and date are empty unless the loader kept them);
    * ``earliest`` – the cluster's earliest member by date (empty when no member is dated);
    * ``credited_source`` – the source every member that credits one names (empty when they
      name different sources or none);
    * ``size`` – members in the cluster.

    Sorted by ``cluster`` with the representative first, then by ``doc_id``. Articles in no
    cluster are left out; an empty table (same columns) when no article is a copy of another.
    """
    articles = list(corpus)
    result = _analyse(articles, settings)
    by_id = {a.doc_id: a for a in articles}
    groups = [{"rows": [_member_row(by_id[d], sim, match) for d, sim, match
                        in zip(g["doc_ids"], g["similarity"], g["match"])]} for g in result.groups]
    _add_loader_duplicates(groups, getattr(corpus, "rejected", []) or [], by_id)
    rows = []
    ordered = sorted(groups, key=lambda g: (-len(g["rows"]), g["rows"][0]["doc_id"]))
    for number, group in enumerate(ordered, start=1):
        members = group["rows"]
        earliest = _earliest(members)
        credited = _credited(members)
        for row in members[:1] + sorted(members[1:], key=lambda r: str(r["doc_id"])):
            rows.append({"cluster": number, **row, "earliest": earliest, "credited_source": credited,
                         "size": len(members)})
    frame = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    return frame.astype({"cluster": "int64", "size": "int64", "similarity": "float64",
                         "is_representative": "bool", "loaded": "bool"})


def _member_row(article: Article, similarity: float, match: str) -> dict:
    """The member columns of one loaded article."""
    return {"doc_id": article.doc_id, "title": article.title, "source": article.source, "date": article.date,
            "is_representative": match == MATCH_REPRESENTATIVE, "similarity": similarity, "match": match,
            "loaded": True}


def _add_loader_duplicates(groups: list[dict], rejected: list[dict], by_id: dict[str, Article]) -> None:
    """Put each file the loader set aside as a duplicate into its loaded twin's group (a new group if none)."""
    where = {row["doc_id"]: group for group in groups for row in group["rows"]}
    for entry in rejected:
        if entry.get("reason") != "duplicate":
            continue
        twin = entry.get("duplicate_of")
        if not twin:
            found = _DUPLICATE_DETAIL.match(str(entry.get("detail") or ""))
            twin = found.group("doc_id") if found else None
        if twin not in by_id:
            continue
        if twin not in where:
            where[twin] = {"rows": [_member_row(by_id[twin], 1.0, MATCH_REPRESENTATIVE)]}
            groups.append(where[twin])
        twin_row = next(r for r in where[twin]["rows"] if r["doc_id"] == twin)
        where[twin]["rows"].append({"doc_id": entry.get("doc_id"), "title": entry.get("title"),
                                    "source": entry.get("source"), "date": entry.get("date"),
                                    "is_representative": False, "similarity": twin_row["similarity"],
                                    "match": MATCH_SAME if twin_row["match"] == MATCH_REPRESENTATIVE
                                    else twin_row["match"], "loaded": False})


def _earliest(members: list[dict]) -> str | None:
    """doc id of the earliest dated member (ties: the representative, then by doc id), None when none is dated."""
    dated = [(r["date"], not r["is_representative"], str(r["doc_id"])) for r in members
             if isinstance(r["date"], str) and r["date"]]
    return min(dated)[2] if dated else None


def _credited(members: list[dict]) -> str | None:
    """The source every crediting member names, None when they disagree or none credits one."""
    sources = {r["source"] for r in members if isinstance(r["source"], str) and r["source"]}
    return sources.pop() if len(sources) == 1 else None


def cluster_overview(clusters: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster of a :func:`duplicate_clusters` table, largest first.

    Columns: ``cluster``, ``size``, ``representative`` (doc id) and its ``title``,
    ``earliest`` (doc id of the earliest dated member) and ``earliest_date``, ``credited_source``.
    """
    rows = []
    for number, members in clusters.groupby("cluster", sort=True):
        rep = members[members["is_representative"]].iloc[0]
        earliest = rep["earliest"]
        dates = members.set_index("doc_id")["date"]
        rows.append({"cluster": int(number), "size": len(members), "representative": rep["doc_id"],
                     "title": rep["title"], "earliest": earliest,
                     "earliest_date": dates.get(earliest) if isinstance(earliest, str) else None,
                     "credited_source": rep["credited_source"]})
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def cluster_of(clusters: pd.DataFrame) -> dict[str, int]:
    """doc id -> cluster number, from a :func:`duplicate_clusters` table."""
    return dict(zip(clusters["doc_id"], clusters["cluster"].astype(int)))
