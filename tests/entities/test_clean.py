"""Cleaning: titles and roles kept apart from names, brackets, spun titles."""
from __future__ import annotations

from analysis import entities

from .util import canon


def test_roles_are_kept_apart_from_names(sample_mentions):
    m = sample_mentions
    aghajani = m[m["canonical"] == "Saeed Aghajani"]
    assert aghajani["role"].tolist() == ["Brigadier General"]
    kirby = m[(m["doc_id"] == "000_7a1e7394c9004f4f") & (m["text"] == "John Kirby")]
    assert kirby["role"].tolist() == ["spokesman"]
    # "Secretary of State Antony Blinken": State is part of the title, not an organisation mention
    blinken = m[m["canonical"] == "Antony Blinken"]
    assert blinken["role"].tolist() == ["Secretary of State"]
    raw = "Secretary of State Antony Blinken"
    start = blinken["start"].iloc[0] - len("Secretary of State ")
    inside = m[(m["doc_id"] == blinken["doc_id"].iloc[0]) & (m["start"] >= start) & (m["end"] <= start + len(raw))]
    assert inside["canonical"].tolist() == ["Antony Blinken"]


def test_own_roles(own):
    wrona = own[(own["doc_id"] == "a_port") & (own["text"] == "Tomasz Wrona")]
    assert wrona["role"].tolist() == ["Deputy director"]


def test_own_bracketed_acronym_and_portfolio_role(make_corpus):
    corpus = make_corpus({"c.txt": (
        "Grain office fines traders\n\n"
        "The Danube Grain Office (DGO) fined two traders on Tuesday, Interior Minister Petra Novak said. "
        "The DGO said Novak had been told.\n")})
    m = entities.mentions(corpus)
    assert canon(m, "c", "Danube Grain Office") == [("Danube Grain Office", "ORG")]
    assert canon(m, "c", "DGO") == [("Danube Grain Office", "ORG")]
    assert not m["text"].str.contains(r"\(").any()
    novak = m[m["text"] == "Petra Novak"]
    assert novak["role"].tolist() == ["Interior Minister"] and novak["label"].tolist() == ["PERSON"]
    assert canon(m, "c", "Novak") == [("Petra Novak", "PERSON")]
    assert "Interior" not in set(m["text"])


def test_own_spun_titles_and_names(make_corpus):
    corpus = make_corpus({"s.txt": (
        "Advisor speaks\n\n"
        "Nationwide Safety Advisor Jake Sullivan mentioned on Tuesday that the State Division would act. "
        "Pentagon press secretary Brig. Gen. Pat Ryder agreed, and the State Division's spokesman Ned Value "
        "mentioned new measures. Value mentioned allies were informed.\n")})
    m = entities.mentions(corpus)
    assert m.loc[m["text"] == "Jake Sullivan", "role"].tolist() == ["Nationwide Safety Advisor"]
    assert not m["text"].str.contains("Advisor|Brig", regex=True).any()
    assert m.loc[m["text"] == "Pat Ryder", "role"].tolist() == ["Brig. Gen."]
    assert canon(m, "s", "State Division") == [("State Department", "ORG")]
    assert canon(m, "s", "Ned Value") == [("Ned Price", "PERSON")]
    assert canon(m, "s", "Value") == [("Ned Price", "PERSON")]


def test_an_adjective_made_from_a_name_is_no_name(make_corpus):
    """"Boston-based", "Amman-bound", "House-focused": a name with a hyphenated adjective ending
    (data/entities_lexicon.yaml, adjective_suffixes) is an adjective; a hyphenated name is kept."""
    text = ("Bank deal\n\nBoston-based Harlow Bancorp said on Friday it would buy a Chicago-based rival. "
            "An Amman-bound plane landed in Cyprus. The House-focused fund raised $5 million, "
            "said Kim Ji-hoon, its treasurer. Its New York-based parent did not comment.\n")
    m = entities.mentions(make_corpus({"a.txt": text}))
    assert not any(t.endswith(("-based", "-bound", "-focused")) for t in m["text"])
    assert "Kim Ji-hoon" in set(m["text"])
    assert "New York" not in set(m["text"])  # the span stops before "-based"
