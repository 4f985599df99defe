"""Speakers carry the entity layer's id (issue 13, cause 8): spans and texts written here, expectations by hand."""
from __future__ import annotations

from analysis.claims import DEFAULTS, claims
from analysis.claims.linking import entity_linker

# (start, end, entity_id, canonical, label, text) of one article's mentions, raw offsets
SPANS = [(10, 32, "org:port-authority", "Port Authority", "ORG", "Lisbon Port Authority"),
         (100, 109, "person:anna-berg", "Anna Berg", "PERSON", "Anna Berg"),
         (150, 154, "person:anna-berg", "Anna Berg", "PERSON", "Berg"),
         (200, 210, "org:timewarner", "Time Warner", "ORG", "TimeWarner")]


def _link():
    return entity_linker(SPANS, lambda a, b: (a, b), DEFAULTS)


def test_an_entity_heading_a_long_speaker_name_lends_its_id():
    # "the influential and fiercely independent Lisbon Port Authority": the entity ends the name
    assert _link()(0, 32, "influential and fiercely independent Lisbon Port Authority") == \
        ("Port Authority", "org:port-authority")


def test_a_speaker_with_no_mention_at_its_offsets_is_linked_by_its_name():
    link = _link()
    assert link(300, 309, "Anna Berg") == ("Anna Berg", "person:anna-berg")     # the same name elsewhere
    assert link(400, 404, "Berg") == ("Anna Berg", "person:anna-berg")          # the surname of one person
    assert link(500, 510, "TimeWarner") == ("Time Warner", "org:timewarner")    # a surface form of the entity
    assert link(600, 610, "Bob Stone") == ("Bob Stone", None)


def test_one_person_is_one_speaker_however_the_article_writes_the_name(make_corpus):
    corpus = make_corpus({"a.txt": "Title\n\nFinance minister Anna Berg spoke on Monday. “We will cut the levy,” "
                                   "Berg said. She added: “Nobody will pay more.”\n"})
    frame = claims(corpus)
    assert frame[["speaker", "speaker_entity_id"]].values.tolist() == [["Anna Berg", "person:anna-berg"]] * 2
