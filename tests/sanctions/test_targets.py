"""Targets: appositions, coordinated lists, colon lists, continuation sentences and stray markup."""
from __future__ import annotations

from .cases import of


def test_sample_positions_are_the_appositions(rows):
    position = dict(zip(rows["target"], rows["position"]))
    assert position["Saeed Aghajani"] == "the head of the UAV Command of the Iranian Revolutionary Guard Aerospace Forces"
    assert position["Mohammad Hossein Bagheri"] == "chairman of the Armed Forces General Staff"
    assert position["Shahed Aviation Industries"] == "the Iranian maker of the drones used by Russia"


def test_coordinated_targets_share_measures_authority_and_date(small):
    _, frame = small
    got = of(frame, "imposed_list")
    assert got["target"].tolist() == ["Ali Reza Tangsiri", "Hossein Salami"]
    assert set(got["authority"]) == {"United States"}
    assert set(got["office"]) == {"Treasury/OFAC"}
    assert set(got["date"]) == {"2022-10-18"}          # the Tuesday before Thursday 20 October 2022
    assert got.iloc[0]["position"] == "the commander of the navy"


def test_list_in_the_next_sentence_continues_the_action(small):
    _, frame = small
    got = of(frame, "continuation")
    assert got[["target", "target_type", "title"]].values.tolist() == [
        ["three officers", "group", None],
        ["Saeed Aghajani", "person", "Brigadier General"],
        ["Mohammad Bagheri", "person", "Major General"]]
    assert set(got["authority"]) == {"United Kingdom"} and set(got["status"]) == {"imposed"}


def test_colon_lists_as_well_as_and_among_those(small):
    _, frame = small
    colon = of(frame, "colon")
    assert colon["target"].tolist() == ["Ali Karimi", "Reza Tavakoli", "Hassan Moradi"]
    assert all(sorted(m) == ["asset freeze", "travel ban"] for m in colon["measures"])
    both = of(frame, "as_well_as")
    assert both[["target", "target_type", "position"]].values.tolist() == [
        ["Ali Karimi", "person", "Iranian generals"], ["Reza Tavakoli", "person", "Iranian generals"],
        ["Pars Aviation Industries", "organization", "drone maker"]]
    among = of(frame, "among_were")
    assert among[["authority", "target", "position", "status"]].values.tolist() == [
        ["Canada", "Ivan Petrov", "a banker", "imposed"], ["Canada", "Boris Volkov", None, "imposed"]]


def test_targets_never_contain_markup(markup_rows):
    _, frame = markup_rows
    assert len(frame) > 0
    for text in frame["target"].tolist() + frame["position"].dropna().tolist():
        assert not any(ch in text for ch in "<>=\"") and "onerror" not in text and "script" not in text, text


def test_target_stops_at_tag_and_conjunct_after_the_tag_is_kept(markup_rows):
    _, frame = markup_rows
    got = of(frame, "tag_after_name")
    assert got[["target", "target_type", "position"]].values.tolist() == [
        ["Arvik Shipping Lines", "organization", None],
        ["Oskar Brenn", "person", "its managing director"],
        ["Oskar Brenn", "person", None]]            # "a travel ban on Brenn": the surname is the same person
    assert set(got["authority"]) == {"European Union"}
    listed = of(frame, "comment_in_list")
    assert listed["target"].tolist() == ["Tarvel Metals Corporation", "Osk Mining Company"]


def test_descriptor_before_a_person_is_the_position_not_the_name(markup_rows):
    corpus, frame = markup_rows
    got = of(frame, "script_after_descriptor")
    assert got[["target", "target_type", "title", "position"]].values.tolist() == [
        ["John Miller", "person", None, "Malta-based fuel trader"],
        ["Sliema Trading Company", "organization", None, "two of his firms"],
        ["Gozo Shipping Holdings", "organization", None, "two of his firms"]]
    raw = corpus["script_after_descriptor"].raw
    row = got.iloc[0]
    assert raw[row["start"]:row["end"]] == "John Miller"


def test_apposition_role_goes_to_the_named_person(markup_rows):
    _, frame = markup_rows
    got = of(frame, "clean_apposition")
    assert got[["target", "target_type", "position"]].values.tolist() == [
        ["Borealis Freight Holdings", "organization", None],
        ["Sarah Johnson", "person", "its chief executive"]]
