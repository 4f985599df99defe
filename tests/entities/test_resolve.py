"""Resolution: alias table, acronyms, short forms, fuzzy and spun names, one name per entity."""
from __future__ import annotations

from analysis import entities
from analysis.entities import alias_key

from .util import canon


def test_sample_hard_cases(sample_mentions):
    m = sample_mentions
    for doc_id, forms in {"000_7a1e7394c9004f4f": ["US"], "003_0d55d710c7bf9c8f": ["US", "U.S."],
                          "001_28ca36ce2e4e94c5": ["United States"]}.items():
        for form in forms:
            assert canon(m, doc_id, form) == [("United States", "GPE")]
    assert canon(m, "000_7a1e7394c9004f4f", "Kirby") == [("John Kirby", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "Kirby") == [("John Kirby", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "IRGC") == [("Islamic Revolutionary Guard Corps", "ORG")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Revolutionary Guards Corps") == [("Islamic Revolutionary Guard Corps", "ORG")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Vladimir Putin") == [("Vladimir Putin", "PERSON")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Putin") == [("Vladimir Putin", "PERSON")]
    assert canon(m, "003_0d55d710c7bf9c8f", "James Cleverley") == [("James Cleverly", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "White Home") == [("White House", "ORG")]
    assert canon(m, "004_5ba1a730b4e5b811", "Nationwide Safety Council") == [("National Security Council", "ORG")]
    assert canon(m, "001_28ca36ce2e4e94c5", "JCPOA") == [("Joint Comprehensive Plan of Action", "LAW")]
    # Crimea is a place everywhere, Kirby never an organisation
    assert set(m.loc[m["canonical"] == "Crimea", "label"]) == {"GPE"}
    assert set(m.loc[m["text"].str.contains("Kirby"), "label"]) == {"PERSON"}
    # the possessive is not part of the name
    assert "Vladimir Putin's" not in set(m["text"])
    # the fuzzy merge is reported with its score
    fuzzy = m[m["text"] == "James Cleverley"]
    assert fuzzy["method"].str.startswith("fuzzy(").all() and (fuzzy["score"] >= 88).all()


def test_own_text_acronym_defined_in_text(own):
    assert canon(own, "a_port", "BMA") == [("Baltic Maritime Authority", "ORG")]


def test_own_acronym_by_initials(own):
    assert canon(own, "a_port", "NGC") == [("Northern Grain Consortium", "ORG")]


def test_own_surname_resolves_in_article_and_across_corpus(own):
    assert canon(own, "a_port", "Kowalczyk") == [("Marta Kowalczyk", "PERSON")]
    assert canon(own, "a_port", "Wrona") == [("Tomasz Wrona", "PERSON")]
    # second article: the surname comes before any full name there; the misspelt full name is fuzzy
    assert canon(own, "b_followup", "Kowalczyk") == [("Marta Kowalczyk", "PERSON")]
    assert canon(own, "b_followup", "Marta Kowalczik") == [("Marta Kowalczyk", "PERSON")]


def test_own_spun_names_and_places(own):
    assert canon(own, "b_followup", "White Home") == [("White House", "ORG")]
    assert canon(own, "b_followup", "Nationwide Safety Council") == [("National Security Council", "ORG")]
    assert canon(own, "b_followup", "Crimea") == [("Crimea", "GPE")]
    assert canon(own, "b_followup", "U.S.") == [("United States", "GPE")]
    assert canon(own, "b_followup", "US") == [("United States", "GPE")]
    assert canon(own, "a_port", "Moscow") == [("Moscow", "GPE")]


def test_own_every_entity_has_one_name(own):
    # no canonical name differs from another only by case, dots or a leading "the"
    names = own.drop_duplicates("entity_id")["canonical"].map(alias_key)
    assert not names.duplicated().any(), sorted(own["canonical"].unique())
    assert own.groupby("entity_id")["label"].nunique().max() == 1


def test_fuzzy_does_not_merge_different_words(make_corpus):
    corpus = make_corpus({"f.txt": (
        "Forces\n\n"
        "The Indian Air Force and the Indian Armed Force held drills, said Eliot Spitzer. "
        "South African and South American officials watched. Elliot Spitzer said the Indian Air Force led.\n")})
    m = entities.mentions(corpus)
    air = set(m.loc[m["text"] == "Indian Air Force", "entity_id"])
    armed = set(m.loc[m["text"] == "Indian Armed Force", "entity_id"])
    assert air and armed and not air & armed
    assert set(m.loc[m["text"] == "South African", "canonical"]) != set(m.loc[m["text"] == "South American", "canonical"])
    spitzer = m[m["text"].isin(["Eliot Spitzer", "Elliot Spitzer"])]
    assert spitzer["entity_id"].nunique() == 1 and len(spitzer) == 2
