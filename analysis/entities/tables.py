"""The DataFrames of the entity layer: :func:`mentions` (one row per mention, memoised), and built on
it :func:`frequency`, :func:`aliases_report`, :func:`cooccurrence`, :func:`label_corrections`; helpers
for other analyses: :func:`entity_at`, :func:`resolve_name`; :func:`render_html` for one article.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pandas as pd
from rapidfuzz import fuzz

from .. import cache
from .. import nlp as nlp_mod
from ..corpus import Corpus, corpus_fingerprint
from .clean import strip_name
from .extract import mention_frame, resolve_docs
from .headline import headed_docs, with_headline
from .lexicon import load_lexicon
from .names import slug
from .settings import DEFAULTS, LABELS, Settings


def mentions(corpus: Corpus, fold_metonyms: bool = False, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per entity mention, sorted by ``doc_id, start``.

    Columns:

    * ``doc_id``; ``start``, ``end`` – character offsets into the article's
      original file (``article.raw``), end exclusive; ``text`` – ``raw[start:end]``;
    * ``label`` – one of :data:`LABELS`, the same for every mention of an entity (a town that plays in a
      results row of an article is a team, ORG, in that article: an entity of its own);
    * ``canonical`` – the entity's canonical name; ``entity_id`` – a stable slug
      (``label:name``), the key to count by;
    * ``sentence_id`` – 0-based sentence number within the article body (spaCy's parser), -1 in the headline
      and bylines;
    * ``role`` – title or role written before a person's name ("spokesman"), else empty;
    * ``method`` – how the surface form was tied to the canonical name: ``exact``,
      ``alias_table``, ``acronym``, ``same_article_fullname``, ``corpus_fullname``, ``same_article_firstname``,
      ``corpus_firstname``, ``same_article_shortname`` (a word of an organisation named in the article),
      ``fuzzy(score)``, ``normalised`` (determiners, dots, plural cut), ``surface``;
    * ``score`` – the fuzzy score (0-100) for ``fuzzy`` merges, else empty;
    * ``detail`` – evidence of a merge: spinner synonyms used ("home→house"), a
      spelling variant, acronym "initials" or "defined in the text (doc)", else empty;
    * ``source`` – how the span was found: ``ner`` (spaCy), ``alias_match``
      (alias table form in the text), ``coordination`` ("Justice and Energy
      ministries"), ``org_pattern`` (capitalised words ending with an organisation word),
      ``acronym_match`` (a capitalised token that is an acronym of a name), ``party_tag`` (the state of
      a "(D-Wyo.)" tag), ``results_row`` (a name before a score in a results row), ``nationality`` (a player written
      "Name ( Country )"), ``law_pattern`` (capitalised words ending with "Act", "Amendment", ...),
      ``string_match`` (a form or surname already found in the article);
    * ``spacy_label`` – spaCy's own label for the span (empty when spaCy missed it);
    * ``in_headline`` – True for a mention in the headline line (the headline and bylines are read with
      the body, :mod:`~analysis.entities.headline`; their offsets point into those lines of the file).

    ``fold_metonyms=True`` counts capitals and seats of government named in the
    alias table (``metonym_of``) as their country. Each article's candidates come from
    :func:`~analysis.entities.extract.doc_candidates`; resolution runs over the whole corpus.
    Results are memoised per corpus content, data files, settings and code
    (:func:`analysis.cache.memo`, in this process and on disk); a copy is returned.
    """
    fold = bool(fold_metonyms)
    return cache.memo("entities.mentions", (corpus_fingerprint(corpus), fold, settings),
                      lambda: _build(corpus, fold, settings))


def _build(corpus: Corpus, fold_metonyms: bool, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """The mentions table, computed: every Doc of the corpus, resolved together, offsets into ``article.raw``."""
    lexicon = load_lexicon()
    nlp = nlp_mod.load_pipeline()
    articles, heads = {}, {}

    def docs():
        for article, doc in headed_docs(corpus, nlp):
            articles[article.doc_id] = article
            front = len(article.text) - len(corpus[article.doc_id].text)
            headline = with_headline(corpus[article.doc_id])[2]
            heads[article.doc_id] = (front, sum(1 for s in doc.sents if s.start_char < front), headline)
            yield article.doc_id, doc

    def raw_span(c):
        article = articles[c.doc_id]
        start, end = article.raw_span(c.char_start, c.char_end)
        return start, end, article.raw[start:end]

    cands, labels = resolve_docs(docs(), nlp, lexicon, settings)
    return mention_frame(cands, labels, lexicon, fold_metonyms, raw_span, heads)


def frequency(corpus: Corpus, by: str = "entity", fold_metonyms: bool = False) -> pd.DataFrame:
    """Counts of the canonical mentions.

    * ``by="entity"``: ``entity_id, canonical, label, mentions, articles, surface_forms``
      (number of distinct surface forms), sorted by mentions, articles, canonical;
    * ``by="label"``: ``label, entities, mentions, articles``, sorted by mentions;
    * ``by="article"``: ``doc_id, entities, mentions`` and one ``entities_<LABEL>``
      column per label, sorted by ``doc_id``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    if by == "entity":
        g = m.groupby(["entity_id", "canonical", "label"], sort=False)
        out = g.agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique"),
                    surface_forms=("text", "nunique")).reset_index()
        return out.sort_values(["mentions", "articles", "canonical", "entity_id"],
                               ascending=[False, False, True, True], kind="stable").reset_index(drop=True)
    if by == "label":
        g = m.groupby("label", sort=False)
        out = g.agg(entities=("entity_id", "nunique"), mentions=("doc_id", "size"),
                    articles=("doc_id", "nunique")).reset_index()
        return out.sort_values(["mentions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if by == "article":
        base = pd.DataFrame({"doc_id": corpus.doc_ids})
        g = m.groupby("doc_id").agg(entities=("entity_id", "nunique"), mentions=("entity_id", "size")).reset_index()
        per = m.groupby(["doc_id", "label"])["entity_id"].nunique().unstack(fill_value=0)
        per = per.reindex(columns=list(LABELS), fill_value=0).add_prefix("entities_").reset_index()
        out = base.merge(g, on="doc_id", how="left").merge(per, on="doc_id", how="left").fillna(0)
        for col in out.columns[1:]:
            out[col] = out[col].astype(int)
        return out.sort_values("doc_id", kind="stable").reset_index(drop=True)
    raise ValueError(f"by must be 'entity', 'label' or 'article', not {by!r}")


def aliases_report(corpus: Corpus, fold_metonyms: bool = False) -> pd.DataFrame:
    """Every surface form merged into a different canonical name, and why.

    Columns: ``surface`` (text as written), ``canonical``, ``entity_id``, ``label``,
    ``method`` (``alias_table``, ``acronym``, ``same_article_fullname``,
    ``corpus_fullname``, ``fuzzy(score)``, ``normalised``), ``score`` (fuzzy score
    or empty), ``detail`` (spinner synonyms used, "initials", "defined in the
    text", or empty), ``mentions``, ``articles``. Sorted by canonical, method, surface.
    Forms identical to the canonical name (up to case, dots and a leading "the")
    are left out. Override a merge by editing ``data/aliases.yaml``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    key = load_lexicon().key
    m = m[m["method"] != "exact"]
    m = m[m["text"].map(key) != m["canonical"].map(key)]
    cols = ["surface", "canonical", "entity_id", "label", "method", "score", "detail", "mentions", "articles"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(surface=m["text"].str.replace(r"\s+", " ", regex=True), score=m["score"].fillna(-1),
                 detail=m["detail"].fillna(""))
    out = (m.groupby(["surface", "canonical", "entity_id", "label", "method", "score", "detail"], sort=False)
           .agg(mentions=("doc_id", "size"), articles=("doc_id", "nunique")).reset_index())
    out["score"] = out["score"].where(out["score"] >= 0, None)
    return out[cols].sort_values(["canonical", "method", "surface"], kind="stable").reset_index(drop=True)


def cooccurrence(corpus: Corpus, fold_metonyms: bool = False, labels=("PERSON", "ORG", "GPE", "LOC")) -> pd.DataFrame:
    """Entity pairs named in the same sentence.

    Columns: ``entity_a, canonical_a, label_a, entity_b, canonical_b, label_b``
    (a pair ordered by entity_id), ``sentences`` (sentences naming both),
    ``articles`` (articles with such a sentence). Only ``labels`` are paired.
    Sorted by sentences, articles, then the ids.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    m = m[m["label"].isin(labels)]
    names = dict(zip(m["entity_id"], zip(m["canonical"], m["label"])))
    pairs: dict[tuple[str, str], set] = defaultdict(set)
    for (doc_id, sentence_id), ids in m.groupby(["doc_id", "sentence_id"])["entity_id"]:
        for a, b in combinations(sorted(set(ids)), 2):
            pairs[(a, b)].add((doc_id, sentence_id))
    rows = [{"entity_a": a, "canonical_a": names[a][0], "label_a": names[a][1],
             "entity_b": b, "canonical_b": names[b][0], "label_b": names[b][1],
             "sentences": len(s), "articles": len({d for d, _ in s})} for (a, b), s in pairs.items()]
    cols = ["entity_a", "canonical_a", "label_a", "entity_b", "canonical_b", "label_b", "sentences", "articles"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["sentences", "articles", "entity_a", "entity_b"], ascending=[False, False, True, True],
                           kind="stable").reset_index(drop=True)


def entity_at(mentions_frame: pd.DataFrame, doc_id: str, start: int, end: int) -> dict | None:
    """The mention of ``mentions_frame`` that best covers the raw span ``[start, end)`` of ``doc_id``.

    Returns the row as a dict (``canonical``, ``entity_id``, ``label``, ...), the
    mention with the largest overlap (ties: the shorter mention), or None.
    """
    m = mentions_frame[(mentions_frame["doc_id"] == doc_id) & (mentions_frame["start"] < end)
                       & (mentions_frame["end"] > start)]
    if m.empty:
        return None
    overlap = m[["end"]].clip(upper=end)["end"] - m[["start"]].clip(lower=start)["start"]
    m = m.assign(_overlap=overlap, _length=m["end"] - m["start"])
    best = m.sort_values(["_overlap", "_length", "start"], ascending=[False, True, True], kind="stable").iloc[0]
    return best.drop(["_overlap", "_length"]).to_dict()


def resolve_name(corpus: Corpus, text: str, doc_id: str | None = None, fold_metonyms: bool = False,
                 settings: Settings = DEFAULTS) -> dict | None:
    """Canonical entity for a free-text name (a speaker, a listed party), or None.

    Tries, in order: a surface form already resolved in ``doc_id`` then anywhere in
    the corpus; the alias table; a surname of a person named in full in ``doc_id``
    then in the corpus (unique only); a fuzzy match (>= :attr:`Settings.fuzzy_threshold`)
    against the corpus's canonical names. Returns ``{"canonical", "entity_id",
    "label", "method"}``.
    """
    m = mentions(corpus, fold_metonyms=fold_metonyms, settings=settings)
    lexicon = load_lexicon()
    alias_key = lexicon.key
    key = alias_key(strip_name(text, lexicon))
    if not key:
        return None
    m = m.assign(_key=m["text"].map(alias_key))

    def pick(frame, method):
        counts = frame.groupby(["canonical", "entity_id", "label"]).size().reset_index(name="n")
        counts = counts.sort_values(["n", "canonical"], ascending=[False, True], kind="stable")
        if counts.empty:
            return None
        row = counts.iloc[0]
        return {"canonical": row["canonical"], "entity_id": row["entity_id"], "label": row["label"], "method": method}

    scopes = ([m[m["doc_id"] == doc_id]] if doc_id else []) + [m]
    for scope in scopes:
        hit = pick(scope[(scope["_key"] == key) | (scope["canonical"].map(alias_key) == key)], "mention")
        if hit:
            return hit
    canonical = lexicon.index.get(key)
    if canonical:
        label = lexicon.entries[canonical].label
        if fold_metonyms and lexicon.entries[canonical].metonym_of:
            canonical = lexicon.entries[canonical].metonym_of
            label = "GPE"
        return {"canonical": canonical, "entity_id": f"{label.lower()}:{slug(canonical)}", "label": label,
                "method": "alias_table"}
    words = key.split()
    for scope in scopes:
        persons = scope[scope["label"] == "PERSON"]
        mask = [len(n.split()) > len(words) and alias_key(n).split()[-len(words):] == words
                for n in persons["canonical"]]
        full = persons[pd.Series(mask, index=persons.index, dtype=bool)]
        if full["canonical"].nunique() == 1:
            return pick(full, "fullname")
    best, best_score = None, 0.0
    for canonical in sorted(set(m["canonical"])):
        s = fuzz.ratio(key, alias_key(canonical))
        if s > best_score:
            best, best_score = canonical, s
    if best is not None and best_score >= settings.fuzzy_threshold:
        hit = pick(m[m["canonical"] == best], f"fuzzy({best_score:.0f})")
        return hit
    return None


#: displaCy colours for the reported labels (others use displaCy's defaults).
RENDER_COLORS = {"PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561", "NORP": "#c887fb",
                 "LAW": "#ff8197", "PRODUCT": "#bfeeb7", "EVENT": "#ffeb80"}


def render_html(corpus: Corpus, doc_id: str, fold_metonyms: bool = False, labels=LABELS) -> str:
    """The article's original text with its canonical mentions highlighted (displaCy ``style="ent"``).

    Uses the resolved labels of :func:`mentions` (not spaCy's raw ones) and the raw
    file text, so what is shown is the evidence the offsets point into. displaCy
    escapes the text it renders; no title or link (which it would not escape) is passed.
    """
    from spacy import displacy
    article = corpus[doc_id]
    m = mentions(corpus, fold_metonyms=fold_metonyms)
    m = m[(m["doc_id"] == doc_id) & m["label"].isin(labels)]
    ents = [{"start": int(r.start), "end": int(r.end), "label": r.label} for r in m.itertuples()]
    return displacy.render({"text": article.raw, "ents": ents}, style="ent", manual=True, jupyter=False,
                           options={"colors": RENDER_COLORS})


def label_corrections(frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions whose final label differs from spaCy's: ``canonical, label, spacy_label, mentions, articles``.

    These are the mislabelled mentions the vote (or the alias table) corrected.
    Sorted by mentions, canonical.
    """
    m = frame[frame["spacy_label"].notna() & (frame["spacy_label"] != frame["label"])]
    cols = ["canonical", "label", "spacy_label", "mentions", "articles"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    out = (m.groupby(["canonical", "label", "spacy_label"]).agg(mentions=("doc_id", "size"),
                                                                articles=("doc_id", "nunique")).reset_index())
    return out.sort_values(["mentions", "canonical", "spacy_label"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)[cols]
