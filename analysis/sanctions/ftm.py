"""Exports of the sanction rows: FollowTheMoney entities (:func:`to_ftm`) and the who-sanctions-whom graph
(:func:`graph`, drawn by :mod:`analysis.plots.sanctions`)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .authorities import authority_country, country_name
from .lexicon import Lexicon, load_lexicon
from .tables import NO_AUTHORITY

#: FollowTheMoney schema of each target type that can carry a Sanction (unnamed groups cannot).
TARGET_SCHEMAS = {"person": "Person", "organization": "Organization", "country": "PublicBody"}
#: Statuses from strongest to weakest: an edge of the graph shows the strongest.
STATUS_ORDER = {"imposed": 0, "threatened": 1, "considered": 2, "called_for": 3}


class _Entities:
    """FollowTheMoney entity dicts in first-seen order; a proxy met again merges its property values."""

    def __init__(self):
        self.by_id: dict[str, dict] = {}
        self.order: list[str] = []

    def put(self, proxy) -> None:
        data = proxy.to_dict()
        if proxy.id not in self.by_id:
            self.order.append(proxy.id)
            self.by_id[proxy.id] = data
            return
        merged = self.by_id[proxy.id]["properties"]
        for prop, values in data["properties"].items():
            for v in values:
                if v not in merged.setdefault(prop, []):
                    merged[prop].append(v)

    def result(self) -> list[dict]:
        return [self.by_id[i] for i in self.order]


def _article_entity(model, row, article):
    proxy = model.make_entity("Article")
    proxy.make_id("news-article", row.doc_id)
    if article is not None:
        proxy.add("title", article.title)
        proxy.add("author", article.author)
        proxy.add("publishedAt", article.date)
        proxy.add("publisher", article.source)
        proxy.add("sourceUrl", article.url)
        proxy.add("fileName", article.path)
    return proxy


def _target_entity(model, row, lex: Lexicon):
    target = model.make_entity(TARGET_SCHEMAS[row.target_type])
    target.make_id("sanction-target", row.target_type, row.canonical)
    if row.target_type == "country":
        cname = country_name(row.target, lex) or row.target
        target.add("name", f"Government of {cname}")
        target.add("jurisdiction", authority_country(cname, lex))
    else:
        target.add("name", row.target)
    if row.target_type == "person":
        target.add("title", row.title)
        target.add("position", row.position)
    elif row.position and row.target_type == "organization":
        target.add("description", row.position)
    target.add("topics", "sanction" if row.status == "imposed" else None)
    return target


def _sanction_entity(model, row, target, doc_proxy, article, lex: Lexicon):
    sanction = model.make_entity("Sanction")
    sanction.make_id("sanction", row.doc_id, row.start, row.end, row.authority, row.status)
    sanction.add("entity", target.id)
    sanction.add("authority", row.authority)
    sanction.add("country", authority_country(row.authority, lex))
    sanction.add("provisions", list(row.measures))
    sanction.add("status", row.status)
    sanction.add("reason", row.reason)
    sanction.add("startDate", row.date)
    sanction.add("summary", row.sentence)
    sanction.add("recordId", f"{row.doc_id}:{row.start}-{row.end}")
    sanction.add("sourceUrl", article.url if article is not None else None)
    sanction.add("proof", doc_proxy.id)
    for office in (row.office or "").split("; "):
        sanction.add("authority", office or None)
    return sanction


def _documentation_entity(model, row, target, doc_proxy):
    link = model.make_entity("Documentation")
    link.make_id("documentation", row.doc_id, row.start, row.end, target.id)
    link.add("document", doc_proxy.id)
    link.add("entity", target.id)
    link.add("role", f"sanction target ({row.status})")
    link.add("summary", row.sentence)
    link.add("recordId", f"{row.doc_id}:{row.start}-{row.end}")
    return link


def to_ftm(rows: pd.DataFrame, corpus, out: str | Path | None = None, *,
           lexicon: Lexicon | None = None) -> list[dict]:
    """FollowTheMoney entities for the sanction rows; written as JSON lines to ``out`` when given.

    * one ``Person`` / ``Organization`` per distinct named target (``PublicBody`` for a
      country), merged on the :func:`~analysis.sanctions.canonical_name` key, with name, title and position;
    * one ``Sanction`` per row: ``entity``, ``authority``, ``country`` (of the
      authority), ``provisions`` (measures), ``status``, ``reason``, ``startDate``,
      ``summary`` (the evidence sentence), ``recordId`` (``doc_id:start-end``, raw
      offsets), ``sourceUrl`` (the article's URL), ``proof`` (the Article);
    * one ``Article`` per article with a row (title, author, publishedAt, publisher);
    * one ``Documentation`` per row linking the Article to the target.

    Unnamed groups have no entity to carry a Sanction and are left out.
    Returns the entity dicts, in a stable order.
    """
    from followthemoney import model
    lex = lexicon or load_lexicon()
    entities = _Entities()
    articles = {a.doc_id: a for a in corpus}
    for row in rows.itertuples(index=False):
        if row.target_type not in TARGET_SCHEMAS:
            continue
        article = articles.get(row.doc_id)
        doc_proxy = _article_entity(model, row, article)
        entities.put(doc_proxy)
        target = _target_entity(model, row, lex)
        entities.put(target)
        entities.put(_sanction_entity(model, row, target, doc_proxy, article, lex))
        entities.put(_documentation_entity(model, row, target, doc_proxy))
    result = entities.result()
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for data in result:
                fh.write(json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n")
    return result


def target_label(row) -> str:
    """Short label of a target for tables and graphs: the country for countries, else the name as written."""
    if row["target_type"] == "country":
        return country_name(row["target"]) or row["target"]
    return row["target"]


def graph(rows: pd.DataFrame):
    """networkx DiGraph authority -> target (country names for countries).

    Node attribute ``kind`` (``authority`` or the target type); edge attributes
    ``weight`` (rows), ``statuses`` (sorted list) and ``status`` (the strongest:
    imposed > threatened > considered > called_for). Rows without an authority hang
    off the node :data:`~analysis.sanctions.tables.NO_AUTHORITY`.
    """
    import networkx as nx
    g = nx.DiGraph()
    if rows.empty:
        return g
    frame = rows.assign(label_=rows.apply(target_label, axis=1), auth_=rows["authority"].fillna(NO_AUTHORITY))
    for row in frame.sort_values(["auth_", "label_", "status"], kind="stable").itertuples():
        g.add_node(row.auth_, kind="authority")
        if not g.has_node(row.label_):
            g.add_node(row.label_, kind=row.target_type)
        if g.has_edge(row.auth_, row.label_):
            data = g[row.auth_][row.label_]
            data["weight"] += 1
            data["statuses"] = sorted(set(data["statuses"]) | {row.status}, key=STATUS_ORDER.get)
        else:
            g.add_edge(row.auth_, row.label_, weight=1, statuses=[row.status])
        g[row.auth_][row.label_]["status"] = g[row.auth_][row.label_]["statuses"][0]
    return g
