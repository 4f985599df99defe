"""Candidates: what is taken for a name (spaCy's entities, alias forms, organisation patterns) and what is not."""
from __future__ import annotations

import re

from analysis import entities

from .util import canon


def test_lower_case_and_quoted_words_are_not_entities(make_corpus):
    corpus = make_corpus({"k.txt": (
        "Drones hit city\n\n"
        "Russia launched Iranian-made \"Kamikaze\" drones at Odesa on Monday. The kamikaze drones were shot down, "
        "the Ukrainian air force said. Officials called it \"the Star Wars\" of drone warfare.\n")})
    m = entities.mentions(corpus)
    assert "Kamikaze" not in set(m["text"])
    assert not any(re.search(r"[\"“”]", t) for t in m["text"])
    assert canon(m, "k", "Odesa") == [("Odesa", "GPE")]


def test_middle_initials_and_company_names(make_corpus):
    corpus = make_corpus({"q.txt": (
        "Firms listed\n\n"
        "Officials listed Safiran Airport Services and Norvik Cargo Services, said Tomas R. Lindqvist, "
        "a senior official. Tomas Lindqvist added that more names would follow.\n")})
    m = entities.mentions(corpus)
    assert canon(m, "q", "Safiran Airport Services") == [("Safiran Airport Services", "ORG")]
    assert canon(m, "q", "Norvik Cargo Services") == [("Norvik Cargo Services", "ORG")]
    people = m[m["label"] == "PERSON"]
    assert people["entity_id"].nunique() == 1 and len(people) == 2, people[["text", "canonical"]]
