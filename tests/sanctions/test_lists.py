"""Official lists: both file formats, verdicts against the UK list, decoys and newer files."""
from __future__ import annotations

import gzip

from analysis import sanctions as S

from .cases import UK_TARGETS


def test_lists_load_both_formats(lists):
    assert set(lists["list"]) == {"OFAC SDN", "UK Sanctions List"}
    uk = lists[lists["list_id"] == "RUS1654"].iloc[0]
    assert (uk["name"], uk["listing_date"], uk["entity_type"]) == ("Seyed Hojjatollah QUREISHI", "2022-10-20", "person")
    center = lists[(lists["list"] == "OFAC SDN") & (lists["list_id"] == "39637")].iloc[0]
    assert center["first_seen"] == "2022-11-15"       # absent from the 2022-10-26 file
    aka = lists[(lists["list_id"] == "24470") & (lists["name_type"] == "alias")]
    assert "Mahmud BAGHERI" in set(aka["name"])


def test_sample_targets_match_uk_entries_with_verdicts(rows, lists):
    matches = S.match_lists(rows, lists)
    for name, (_, _, _, list_id, verdict) in UK_TARGETS.items():
        uk = matches[(matches["target"] == name) & (matches["list"] == "UK Sanctions List")]
        assert uk["list_id"].tolist() == [list_id], name
        assert uk["verdict"].tolist() == [verdict], name
    center = matches[matches["list_id"] == "39637"]
    assert center[["target", "verdict"]].values.tolist() == [["Shahed Aviation Industries", "related"]]


def test_decoys_never_match(rows, lists):
    matches = S.match_lists(rows, lists)
    decoys = {"13105", "INU0279", "24470", "IRN0060", "25285", "28530"}  # other Aghajani/Bagheri, other Shahed
    assert not set(matches["list_id"].dropna()) & decoys
    assert S.compare_names("Saeed Aghajani", "Hosein AGHAJANI", "person")[0] == "no match"
    assert S.compare_names("Mohammad Hossein Bagheri", "Mohammad-Bagher Bagheri", "person")[0] == "no match"
    assert S.compare_names("Mohammad Hossein Bagheri", "Mahmoud BAGHERI", "person")[0] == "no match"
    assert S.compare_names("Hojatollah Ghoreishi", "Seyed Hojjatollah QUREISHI", "person")[0] == "match"


def test_other_people_in_the_sample_match_no_list_entry(lists):
    people = [(n, "person") for n in ["John Kirby", "Ned Price", "James Cleverly", "Mahsa Amini", "Antony Blinken",
                                      "Karine Jean-Pierre", "Vedant Patel", "Barbara Woodward", "Richard Mills"]]
    matches = S.match_lists(people, lists)
    assert set(matches["verdict"]) == {"no match"}
    assert len(matches) == len(people)


def test_newer_list_files_of_the_same_format(tmp_path):
    (tmp_path / "uk").mkdir()
    (tmp_path / "ofac_sdn_2030-01-01.csv").write_text(
        '1,"DOE, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'DOE, Johnny\'."\n',
        encoding="utf-8")
    with gzip.open(tmp_path / "uk" / "subjects.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write("unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\n"
                 "IRN9999,entity,,1,05/03/2030,05/03/2030\n")
    (tmp_path / "uk" / "subject_names.csv").write_text(
        "name_id,unique_id,name_type,alias_strength,full_name,name_6,name_1,name_2,name_3,name_4,name_5\n"
        "1,IRN9999,primary,,Example Drone Works,Example Drone Works,,,,,\n", encoding="utf-8")
    got = S.load_lists(tmp_path)
    assert sorted(zip(got["list_id"], got["name"])) == [("1", "John DOE"), ("1", "Johnny DOE"),
                                                         ("IRN9999", "Example Drone Works")]
    uk = got[got["list_id"] == "IRN9999"].iloc[0]
    assert (uk["programme"], uk["listing_date"]) == ("Iran", "2030-03-05")
    m = S.match_lists([("Johnny Doe", "person"), ("Example Drone Works", "organization")], got)
    assert m[["target", "verdict", "list_id"]].values.tolist() == [
        ["Example Drone Works", "match", "IRN9999"], ["Johnny Doe", "match", "1"]]
