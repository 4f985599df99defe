"""Who acts: coordinated authorities, possessives, offices and "among those sanctioned by"."""
from __future__ import annotations

from .cases import of


def test_coordinated_authorities_give_a_row_each(small):
    _, frame = small
    got = of(frame, "two_authorities")
    assert sorted(got["authority"]) == ["United Kingdom", "United States"]
    assert set(got["target"]) == {"two Iranian companies"}
    assert set(got["date"]) == {"2022-10-14"}


def test_among_those_and_possessive_authorities(small):
    _, frame = small
    among = of(frame, "among_was")
    assert among[["authority", "target", "target_type", "title"]].values.tolist() == [
        ["Canada", "Mohammad Reza Ashtiani", "person", "Iran's defence minister"]]
    eu = of(frame, "eu_ministers")
    assert eu[["authority", "office", "target", "date"]].values.tolist() == [
        ["European Union", None, "11 Iranian officials", "2022-10-17"]]      # the Monday before 20 October
    assert sorted(eu.iloc[0]["measures"]) == ["asset freeze", "visa restrictions"]


def test_sample_offices_and_reasons(rows):
    r004 = rows[rows["target"] == "three commanders within the IRGC"].iloc[0]
    assert set(r004["office"].split("; ")) == {"State Department", "Treasury/OFAC"}
    assert r004["reason"].startswith("for his or her brutal responses to protests")
    r000 = rows[(rows["doc_id"].str.startswith("000_")) & (rows["target"] == "Iran")].iloc[0]
    assert r000["reason"].startswith("over the government’s crackdown")
    price = rows[rows["target"] == "everyone involved in these transfers"].iloc[0]
    assert price["office"] == "State Department"
