"""The stages put together: candidates of one Doc (:func:`doc_candidates`), resolution over a set of
Docs (:func:`resolve_docs`), and :func:`extract_mentions`, the per-Doc extractor a user can call on
one spaCy Doc (the mentions table of a corpus holding that one text, offsets into ``doc.text``).

spaCy's recogniser counts one thing under many names ("NATO", "N.A.T.O.", "the North Atlantic
Treaty Organization"; "Kowalczyk", "Marta Kowalczyk"), labels a place a person now and then, and
takes quote fragments or common nouns for names. The stages, in order:

1. **Candidates**: spaCy entities, every alias-table form found in the text (case-sensitive; in
   all-capitals lines case-insensitive, except short stop words such as "US" in "LET US SPEAK"),
   coordinated names, capitalised names ending with an organisation word, bare acronyms.
2. **Cleaning**: determiners, quotes and possessives are cut; a title or role in front of a person
   is cut and kept in ``role``; a span is cut before a lower-case content word; plural acronyms and
   "Place + generic word" are fixed; two known names run together are split.
3. **Resolution** to a canonical name, first rule that applies (``method``): ``alias_table``
   (``data/aliases.yaml`` plus rigour's country names), ``acronym`` (defined in the text, or the
   initials of a longer name), ``same_article_fullname`` / ``corpus_fullname`` (a surname or short
   form), ``fuzzy(score)`` (a near-miss spelling or a spun variant, ``Settings.fuzzy_threshold``),
   else ``surface`` (the cleaned text, grouped case- and dot-insensitively).
4. **One label per entity**: the alias table's type when known, else a vote of the mentions' labels.
5. **Recall**: a form already found in an article (and a person's surname) is matched where spaCy
   missed it.

Metonyms (capitals and seats of government) stay separate entities; ``fold_metonyms=True`` counts
them as their country.
"""
from __future__ import annotations

from typing import Callable, Iterable

import pandas as pd

from .. import nlp as nlp_mod
from . import candidates as find
from .candidates import Candidate, DocContext
from .clean import clean, split_compound, split_possessive
from .labels import document_teams, vote
from .layout import VENUE_BEFORE, datelines, initial_name, in_match, in_results_row, nationality_names, results_row_names
from .lexicon import Lexicon, load_lexicon
from .names import slug
from .recall import drop_common_nouns, drop_unconfirmed_display, propagate
from .resolve import resolve
from .settings import COLUMNS, DEFAULTS, LABELS, Settings


#: The evidence a merge method stands on, for the audit table when the rule left no detail of its own.
MERGE_EVIDENCE = {
    "alias_table": "form listed in the alias table (data/aliases.yaml)",
    "same_article_fullname": "last word(s) of a full name in the same article",
    "corpus_fullname": "surname of the one person named in full elsewhere in the corpus",
    "same_article_firstname": "first name of a person named in the article",
    "corpus_firstname": "first name of a person of the corpus whose surname the article names",
    "same_article_shortname": "word of an organisation named in the article",
    "normalised": "same name after case, dots, determiner or plural",
}


def doc_candidates(doc, doc_id: str, nlp, lexicon: Lexicon,
                   settings: Settings = DEFAULTS) -> tuple[list[Candidate], DocContext]:
    """Cleaned, not yet resolved candidates of one Doc (sorted by position) and the Doc's context.

    ``nlp`` is the pipeline whose tokenizer builds the alias-table patterns.
    """
    merged = find.merge_alias_matches(find.ner_candidates(doc, doc_id), find.alias_matches(doc, nlp, lexicon),
                                      doc_id, lexicon)
    coords = find.coordinations(doc, doc_id, lexicon)
    if coords:
        taken = {(c.start, c.end) for c in coords}
        merged = [c for c in merged if not any(c.start <= s and e <= c.end for s, e in taken)
                  or (c.end - c.start) > 1] + coords
    tags = find.party_tags(doc, doc_id, lexicon) + datelines(doc, doc_id, lexicon) \
        + nationality_names(doc, doc_id, lexicon)
    if tags:
        tagged = {i for c in tags for i in range(c.start, c.end)}
        merged = [c for c in merged if not any(i in tagged for i in range(c.start, c.end))] + tags
    covered = {i for c in merged for i in range(c.start, c.end)}
    for start, end in find.org_head_phrases(doc, covered, lexicon, settings):
        merged.append(Candidate(doc_id, start, end, "ORG", "org_pattern"))
        covered.update(range(start, end))
    for start, end in find.law_phrases(doc, covered, lexicon, settings):
        merged.append(Candidate(doc_id, start, end, "LAW", "law_pattern"))
        covered.update(range(start, end))
    for c in results_row_names(doc, doc_id, covered, lexicon):
        merged.append(c)
        covered.update(range(c.start, c.end))
    merged += find.acronym_tokens(doc, doc_id, covered)
    merged.sort(key=lambda c: (c.start, c.end))
    doc_cands: list[Candidate] = []
    for c in (part for c in merged for part in split_possessive(c, doc, lexicon)):
        cleaned = clean(c, doc, lexicon)
        if cleaned is not None:
            doc_cands.extend(split_compound(cleaned, doc, lexicon))
    # a name inside a person's title ("Minister of Justice Ana Lopes") is part of the role
    role_ranges = [(c.extra["role_start"], c.start) for c in doc_cands if "role_start" in c.extra]
    doc_cands = [c for c in doc_cands
                 if not any(rs <= c.start and c.end <= re_ for rs, re_ in role_ranges) or c.label_hint == "PERSON"]
    doc_cands = without_nested(doc_cands)
    sent_index = {t.i: i for i, sent in enumerate(doc.sents) for t in sent}
    org_tokens = {i for c in doc_cands if (c.spacy_label or c.label_hint) == "ORG" and c.end - c.start > 1
                  for i in range(c.start, c.end)}  # an organisation of two words or more
    out = []
    for c in sorted(doc_cands, key=lambda c: (c.start, c.end)):
        span = doc[c.start:c.end]
        c.text = span.text
        c.char_start, c.char_end = span.start_char, span.end_char
        c.sentence_id = sent_index.get(c.start, 0)
        if find.followed_by_age(doc, c.end):
            c.extra["age"] = True
        if in_match(doc, c.start, c.end):
            c.extra["team"] = True
        if c.end - c.start == 1 and coordinated_with(doc[c.start], org_tokens):
            c.extra["org_conj"] = True  # "the Civil Rights Union and Demos": a one-word name beside an organisation
        if c.start > 0 and doc[c.start - 1].lower_ in VENUE_BEFORE:
            c.extra["venue"] = True  # "at Northvale", "in Northvale": where a match is played
        if in_results_row(doc, c.start, c.end) and c.label_hint != "PERSON" and not initial_name(c.text, lexicon):
            c.extra["team_row"] = True
        if c.end < len(doc) and doc[c.end].lower_ in lexicon.organisation_nouns \
                or c.start > 0 and doc[c.start - 1].lower_ in lexicon.organisation_nouns:
            c.extra["org_noun"] = True  # "the Daily Ledger newspaper", "budget airline Tessaro": an organisation
        out.append(c)
    return out, DocContext(doc, sent_index, find.text_acronyms(doc, doc_cands, settings))


def coordinated_with(tok, tokens: set[int]) -> bool:
    """``tok`` is a conjunct (spaCy's ``conj``) of a token of ``tokens``, or the other way round."""
    return tok.dep_ == "conj" and tok.head.i in tokens or any(ch.dep_ == "conj" and ch.i in tokens
                                                               for ch in tok.children)


def without_nested(cands: list[Candidate]) -> list[Candidate]:
    """Without candidates inside a longer one: a name inside a longer proper name is no mention of its
    own ("Nevada" in "Harbor Tenants Union of Nevada")."""
    spans = sorted({(c.start, c.end) for c in cands}, key=lambda se: (se[0], -se[1]))
    outer: list[tuple[int, int]] = []
    for s, e in spans:
        if not outer or s >= outer[-1][1] or e > outer[-1][1]:
            outer.append((s, e))
    return [c for c in cands if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                                        for s, e in outer[max(0, _first_at(outer, c.start) - 1):
                                                          _first_at(outer, c.end) + 1])]


def _first_at(spans: list[tuple[int, int]], token: int) -> int:
    """Index of the first span starting at or after ``token`` (spans sorted by start)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] < token:
            lo = mid + 1
        else:
            hi = mid
    return lo


def resolve_docs(docs: Iterable[tuple[str, object]], nlp, lexicon: Lexicon,
                 settings: Settings = DEFAULTS) -> tuple[list[Candidate], dict[str, str]]:
    """Every resolved mention of ``docs`` (``(doc_id, Doc)`` pairs) and the label of each canonical name.

    Candidates of each Doc, then resolution, the label vote and recall across all of them
    (a surname, an acronym or a spelling is resolved against the other Docs too).
    """
    cands: list[Candidate] = []
    context: dict[str, DocContext] = {}
    for doc_id, doc in docs:
        doc_cands, context[doc_id] = doc_candidates(doc, doc_id, nlp, lexicon, settings)
        cands.extend(doc_cands)
    resolve(cands, context, lexicon, settings)
    cands = [c for c in cands if not c.extra.get("need_acronym") or c.method == "acronym"]
    cands = drop_common_nouns(cands, context)
    cands = drop_unconfirmed_display(cands, context, lexicon)
    labels = vote(cands, lexicon, settings)
    cands += propagate(cands, context, labels, lexicon, settings)
    document_teams(cands, labels, lexicon)
    return cands, labels


def mention_frame(cands: list[Candidate], labels: dict[str, str], lexicon: Lexicon, fold_metonyms: bool,
                  span: Callable[[Candidate], tuple[int, int, str]],
                  heads: dict[str, tuple[int, int, int]] | None = None) -> pd.DataFrame:
    """The mentions table (:data:`~.settings.COLUMNS`) of resolved candidates of a reported label,
    sorted by ``doc_id, start, end``; ``span(c)`` gives a mention's ``(start, end, text)``; ``heads``
    the characters and sentences of front matter before each Doc's body and the headline's characters
    (:mod:`.headline`)."""
    heads = heads or {}
    rows = []
    for c in cands:
        label = c.extra.get("label") or labels.get(c.canonical)
        if label not in LABELS:
            continue
        canonical = c.canonical
        if fold_metonyms and canonical in lexicon.entries and lexicon.entries[canonical].metonym_of:
            canonical = lexicon.entries[canonical].metonym_of
            label = lexicon.entries[canonical].label if canonical in lexicon.entries else "GPE"
        start, end, text = span(c)
        rows.append({
            "doc_id": c.doc_id, "start": start, "end": end, "text": text,
            "label": label, "canonical": canonical, "entity_id": f"{label.lower()}:{slug(canonical)}",
            "sentence_id": int(c.sentence_id) - heads.get(c.doc_id, (0, 0, 0))[1]
            if c.char_start >= heads.get(c.doc_id, (0, 0, 0))[0] else -1,
            "role": c.role if label == "PERSON" else None,
            "method": c.method, "score": c.score, "detail": c.extra.get("detail") or MERGE_EVIDENCE.get(c.method),
            "source": c.source,
            "spacy_label": c.spacy_label if c.source in ("ner",) or c.spacy_label else None,
            "in_headline": c.char_start < heads.get(c.doc_id, (0, 0, 0))[2],
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["spacy_label"] = frame["spacy_label"].where(frame["spacy_label"].astype(bool), None) \
        if len(frame) else frame["spacy_label"]
    frame = frame.drop_duplicates(["doc_id", "start", "end"])
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def extract_mentions(doc, doc_id: str = "doc", *, nlp=None, fold_metonyms: bool = False,
                     settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Entity mentions of one spaCy Doc, resolved as in :func:`analysis.entities.mentions`.

    Same columns as ``mentions`` (``doc_id`` is the given ``doc_id``), but ``start`` and ``end``
    are character offsets into ``doc.text`` and ``text`` is ``doc.text[start:end]``. Surnames,
    acronyms and spellings are resolved within this Doc only. ``nlp`` (default: the workbook's
    pipeline) tokenizes the alias-table forms; the Doc needs entities, sentences and tags.
    """
    lexicon = load_lexicon()
    nlp = nlp if nlp is not None else nlp_mod.load_pipeline()
    cands, labels = resolve_docs([(doc_id, doc)], nlp, lexicon, settings)
    text = nlp_mod.doc_text(doc)  # built once, not once per mention
    return mention_frame(cands, labels, lexicon, fold_metonyms,
                         lambda c: (c.char_start, c.char_end, text[c.char_start:c.char_end]))
