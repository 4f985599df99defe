"""The label vote: one label per entity; metonyms kept apart unless folded."""
from __future__ import annotations

from analysis import entities

from .util import canon


def test_model_designations_are_products_not_people(make_corpus):
    corpus = make_corpus({"p.txt": (
        "Drone deal\n\nThe army bought Karrar-220 and Talon-7 drones from Norvia. "
        "Officials said the Karrar-220 was tested in Norvia last year.\n")})
    m = entities.mentions(corpus)
    karrar = m[m["text"] == "Karrar-220"]
    assert len(karrar) == 2 and set(karrar["label"]) == {"PRODUCT"}
    assert canon(m, "p", "Norvia") == [("Norvia", "GPE")]


def test_metonyms_separate_by_default_and_foldable(sample_corpus):
    plain = entities.frequency(sample_corpus, by="entity")
    folded = entities.frequency(sample_corpus, by="entity", fold_metonyms=True)
    assert {"Tehran", "Moscow", "Washington"} <= set(plain["canonical"])
    assert not {"Tehran", "Moscow", "Washington"} & set(folded["canonical"])
    iran_plain = plain.loc[plain["canonical"] == "Iran", "mentions"].item()
    tehran = plain.loc[plain["canonical"] == "Tehran", "mentions"].item()
    assert folded.loc[folded["canonical"] == "Iran", "mentions"].item() == iran_plain + tehran


def test_one_word_name_coordinated_with_an_organisation_is_an_organisation(make_corpus):
    """A one-word name beside an organisation of several words ("lawyers from the Harbor Tenants
    Union and Velantis") is an organisation, though spaCy may call it a person."""
    text = ("Tenants go to court\n\nTwo tenant groups, helped by lawyers from the Northern Housing Rights Project "
            "and Velantis, asked a state judge on Monday to block the new eviction rules.\n")
    m = entities.mentions(make_corpus({"v.txt": text}))
    assert canon(m, "v", "Velantis") == [("Velantis", "ORG")]


def test_a_name_after_network_is_an_organisation(make_corpus):
    """'network' before or after a name says organisation (data/entities_lexicon.yaml organisation_nouns)."""
    text = ("Minister attacks press\n\nHe told the pro-government network Novaya on Sunday that reporters "
            "were biased.\n")
    m = entities.mentions(make_corpus({"n.txt": text}))
    assert canon(m, "n", "Novaya") == [("Novaya", "ORG")]


def test_word_for_a_people_is_no_place(make_corpus):
    """"Kuwaiti", "Ukrainians", "Chechens": a word for the people of a known place, which spaCy may
    take for a place or a person, is NORP; the place itself stays a place."""
    text = ("Donors pledge aid\n\nThe United States won Saudi and Kuwaiti pledges of money on Friday. "
            "Chechens greeted the fighters in Grozny, and Ukrainians marched in Kyiv. "
            "Officials in Kuwait and Ukraine said the aid would arrive soon.\n")
    m = entities.mentions(make_corpus({"d.txt": text}))
    for word in ("Kuwaiti", "Chechens", "Ukrainians"):
        assert set(m.loc[m["text"] == word, "label"]) <= {"NORP"}, word
    assert canon(m, "d", "Kuwait") == [("Kuwait", "GPE")]
    assert canon(m, "d", "Ukraine") == [("Ukraine", "GPE")]
