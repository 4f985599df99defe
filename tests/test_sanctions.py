"""Sanction extraction, consolidation, list cross-check and FollowTheMoney export.

Expected values are written by hand from reading the texts and the official
lists; none is computed by the code under test.
"""
from __future__ import annotations

import gzip
import json

import pytest

from analysis import sanctions as S

UK_TARGETS = {
    # target as written: (type, title, measures, UK list id, verdict)
    "Mohammad Hossein Bagheri": ("person", "Major General", {"asset freeze", "travel ban"}, "RUS1652", "partial"),
    "Seyed Hojjatollah Qureishi": ("person", "Brigadier General", {"asset freeze", "travel ban"}, "RUS1654", "match"),
    "Saeed Aghajani": ("person", "Brigadier General", {"asset freeze", "travel ban"}, "RUS1653", "match"),
    "Shahed Aviation Industries": ("organization", None, {"asset freeze"}, "RUS1655", "match"),
}
# Every sanction action against a target in the sample, read by hand:
# (article prefix, target as written, target type, authority, status).
SAMPLE_KEY = {
    ("000", "Tehran", "country", "United States", "considered"),
    ("000", "Iran", "country", "United States", "imposed"),
    ("000", "Iranian officials and companies", "group", "United Kingdom", "imposed"),
    ("000", "Mohammad Hossein Bagheri", "person", "United Kingdom", "imposed"),
    ("000", "Seyed Hojjatollah Qureishi", "person", "United Kingdom", "imposed"),
    ("000", "Saeed Aghajani", "person", "United Kingdom", "imposed"),
    ("000", "Shahed Aviation Industries", "organization", "United Kingdom", "imposed"),
    ("001", "Iran", "country", "United States", "threatened"),
    ("002", "Tehran", "country", "United States", "considered"),
    ("002", "everyone involved in these transfers", "group", "United States", "threatened"),
    ("003", "Iranian firms and entities", "group", "United States", "imposed"),
    ("004", "Iranian entities and officers", "group", "United States", "imposed"),
    ("004", "three commanders within the IRGC", "group", "United States", "imposed"),
}
# People and organisations the sample names who were not sanctioned in it.
NOT_TARGETS = ["John Kirby", "Kirby", "Ned Price", "Price", "James Cleverly", "Mahsa Amini", "Amini",
               "Antony Blinken", "Karine Jean-Pierre", "Vedant Patel", "Barbara Woodward", "Richard Mills",
               "Vasily Nebenzia", "Ali Khamenei", "Vladimir Putin", "Joe Biden", "Mick Mulroy"]


@pytest.fixture(scope="module")
def rows(sample_corpus):
    return S.sanctions(sample_corpus)


@pytest.fixture(scope="session")
def lists():
    return S.load_lists()


def _article(doc_id_prefix, body, date="20 October 2022"):
    head = f"Headline {doc_id_prefix}\n\n"
    if date:
        head += f"Published {date}\n\n"
    return head + body + "\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Hand-written sentences, one per article, covering each status and the hard cases."""
    from analysis import load_corpus
    texts = {
        "imposed_list": "The US Treasury on Tuesday sanctioned Ali Reza Tangsiri, the commander of the navy, "
                        "and Hossein Salami for their role in the attacks.",
        "considered": "The European Union is weighing new sanctions on Iranian drone makers.",
        "threatened": "Britain threatened to impose travel bans on officials who took part in the crackdown.",
        "called_for": "Activists called for sanctions against the Iranian regime.",
        "two_authorities": "The United States and Britain on Friday imposed sanctions on two Iranian companies.",
        "pronoun_authority": "Canada said it would sanction five Iranian officials.",
        "freeze_assets": "Japan froze the assets of Qods Aviation Industries and Pars Trading Company.",
        "passive_context": "Britain announced new sanctions on Monday.\n\n"
                           "Hossein Salami and Qods Aviation Industries were also sanctioned.",
        "visa": "Washington imposed visa restrictions on 12 Iranian officials over the crackdown on protesters.",
        "relief": "Iran wants sanctions relief before it returns to the deal.",
        "lifting": "Tehran demands the lifting of sanctions against its oil sector.",
        "because": "Russia, because of tough sanctions, is turning to Iran for drones.",
        "hurt": "Russia's economy has been hit hard by Western sanctions.",
        "evaded": "Iran has evaded sanctions for years by selling oil abroad.",
        "condemned": "Iran's foreign ministry condemned the sanctions as illegal, spokesman Nasser Kanaani said.",
        "negated": "Kirby said the administration was not considering sanctions against Tehran.",
        "continuation": "Britain sanctioned three officers on Thursday. They include Brigadier General "
                        "Saeed Aghajani, who heads the drone command, and Major General Mohammad Bagheri.",
        "face": "In a statement, the Foreign Office said the individuals would face travel bans and asset freezes.",
        "expected": "The European Union is expected to approve sanctions against Iranian individuals next week.",
        "descriptor": "The EU imposed sanctions on Iranian drone maker Shahed Aviation Industries and three generals.",
        "other_sense": "Lawyers said a UN resolution sanctioning military action was needed. "
                       "A further £947m has been designated as unrecoverable.",
        "idiom": "The ministers put the threat of sanctions for deficit breaches on hold.",
        "among_was": "Iran's defence minister Mohammad Reza Ashtiani was among those sanctioned by Canada.",
        "eu_ministers": "The EU's foreign ministers agreed on Monday to impose asset freezes and visa bans on "
                        "11 Iranian officials.",
        "colon": "Britain imposed asset freezes and travel bans on three officers: Ali Karimi, Reza Tavakoli "
                 "and Hassan Moradi.",
        "as_well_as": "Canada has sanctioned Iranian generals Ali Karimi and Reza Tavakoli as well as drone maker "
                      "Pars Aviation Industries.",
        "spun_among": "Amongst these hit by the British with asset freezes and journey bans had been Main Common "
                      "Ali Karimi, chairman of the Armed Forces Common Workers.",
        "no_date": None,
        "variant_a": "Britain imposed an asset freeze on Brigadier General Hojatollah Ghoreishi.",
        "variant_b": "The EU sanctioned Seyyed Hojjatollah Qoreishi, a negotiator.",
    }
    folder = tmp_path_factory.mktemp("sanction-texts")
    for name, body in texts.items():
        if body is None:
            continue
        (folder / f"{name}.txt").write_text(_article(name, body), encoding="utf-8")
    (folder / "no_date.txt").write_text(
        "Headline\n\nBritain on Thursday imposed travel bans on Ali Akbar Ahmadian.\n", encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, S.sanctions(corpus)


def _of(frame, doc_id):
    return frame[frame["doc_id"] == doc_id]


# ---------------------------------------------------------------------------
# The sample
# ---------------------------------------------------------------------------

def test_sample_uk_targets_with_authority_measures_status(rows):
    for name, (kind, title, measures, _, _) in UK_TARGETS.items():
        hit = rows[rows["target"] == name]
        assert len(hit) == 1, name
        row = hit.iloc[0]
        assert row["doc_id"].startswith("000_")
        assert row["authority"] == "United Kingdom"
        assert row["target_type"] == kind
        assert row["title"] == title
        assert set(row["measures"]) == measures
        assert row["status"] == "imposed"


def test_sample_positions_are_the_appositions(rows):
    position = dict(zip(rows["target"], rows["position"]))
    assert position["Saeed Aghajani"] == "the head of the UAV Command of the Iranian Revolutionary Guard Aerospace Forces"
    assert position["Mohammad Hossein Bagheri"] == "chairman of the Armed Forces General Staff"
    assert position["Shahed Aviation Industries"] == "the Iranian maker of the drones used by Russia"


def test_sample_offsets_point_into_the_original_file(rows, sample_corpus):
    for row in rows.itertuples():
        raw = sample_corpus[row.doc_id].raw
        assert raw[row.start:row.end] == row.target
        assert row.target in " ".join(raw[row.sentence_start:row.sentence_end].split())


def test_sample_no_unsanctioned_person_or_org_is_a_target(rows):
    named = rows[rows["target_type"].isin(["person", "organization"])]
    assert set(named["target"]) == set(UK_TARGETS)
    for name in NOT_TARGETS:
        assert not rows["target"].str.contains(name, regex=False).any(), name


def test_sample_considered_threatened_and_groups(rows):
    got = {(r.doc_id[:3], r.target, r.target_type, r.authority, r.status) for r in rows.itertuples()}
    assert ("000", "Tehran", "country", "United States", "considered") in got
    assert ("000", "Iranian officials and companies", "group", "United Kingdom", "imposed") in got
    assert ("002", "everyone involved in these transfers", "group", "United States", "threatened") in got
    assert ("003", "Iranian firms and entities", "group", "United States", "imposed") in got
    assert ("004", "three commanders within the IRGC", "group", "United States", "imposed") in got
    assert ("004", "Iranian entities and officers", "group", "United States", "imposed") in got


def test_sample_rows_equal_the_hand_made_key(rows):
    got = {(r.doc_id[:3], r.target, r.target_type, r.authority, r.status) for r in rows.itertuples()}
    assert got == SAMPLE_KEY
    assert len(rows) == len(SAMPLE_KEY)


def test_sample_offices_and_reasons(rows):
    r004 = rows[rows["target"] == "three commanders within the IRGC"].iloc[0]
    assert set(r004["office"].split("; ")) == {"State Department", "Treasury/OFAC"}
    assert r004["reason"].startswith("for his or her brutal responses to protests")
    r000 = rows[(rows["doc_id"].str.startswith("000_")) & (rows["target"] == "Iran")].iloc[0]
    assert r000["reason"].startswith("over the government’s crackdown")
    price = rows[rows["target"] == "everyone involved in these transfers"].iloc[0]
    assert price["office"] == "State Department"


def test_sample_background_mentions_give_no_rows(rows):
    for phrase in ["lifting of sanctions", "suspension of sanctions", "relief from sanctions",
                   "because of tough sanctions", "sanctions against it because of the war"]:
        assert not rows["sentence"].str.contains(phrase, regex=False).any(), phrase


# ---------------------------------------------------------------------------
# Small texts of our own
# ---------------------------------------------------------------------------

def test_each_status(small):
    _, frame = small
    assert set(_of(frame, "imposed_list")["status"]) == {"imposed"}
    assert _of(frame, "considered")[["authority", "target", "target_type", "status"]].values.tolist() == [
        ["European Union", "Iranian drone makers", "group", "considered"]]
    threat = _of(frame, "threatened").iloc[0]
    assert (threat["authority"], threat["status"], threat["measures"]) == ("United Kingdom", "threatened", ["travel ban"])
    call = _of(frame, "called_for").iloc[0]
    assert (call["status"], call["target_type"]) == ("called_for", "country")


def test_coordinated_targets_share_measures_authority_and_date(small):
    _, frame = small
    got = _of(frame, "imposed_list")
    assert got["target"].tolist() == ["Ali Reza Tangsiri", "Hossein Salami"]
    assert set(got["authority"]) == {"United States"}
    assert set(got["office"]) == {"Treasury/OFAC"}
    assert set(got["date"]) == {"2022-10-18"}          # the Tuesday before Thursday 20 October 2022
    assert got.iloc[0]["position"] == "the commander of the navy"


def test_coordinated_authorities_give_a_row_each(small):
    _, frame = small
    got = _of(frame, "two_authorities")
    assert sorted(got["authority"]) == ["United Kingdom", "United States"]
    assert set(got["target"]) == {"two Iranian companies"}
    assert set(got["date"]) == {"2022-10-14"}


def test_pronoun_passive_and_freeze_verbs(small):
    _, frame = small
    assert _of(frame, "pronoun_authority")[["authority", "status"]].values.tolist() == [["Canada", "threatened"]]
    frozen = _of(frame, "freeze_assets")
    assert frozen["target"].tolist() == ["Qods Aviation Industries", "Pars Trading Company"]
    assert all(m == ["asset freeze"] for m in frozen["measures"])
    passive = _of(frame, "passive_context")
    assert passive["target"].tolist() == ["Hossein Salami", "Qods Aviation Industries"]
    assert set(passive["authority"]) == {"United Kingdom"}
    visa = _of(frame, "visa").iloc[0]
    assert visa["measures"] == ["visa restrictions"]
    assert visa["reason"] == "over the crackdown on protesters"


def test_background_and_negated_sentences_give_no_rows(small):
    _, frame = small
    for doc_id in ["relief", "lifting", "because", "hurt", "evaded", "condemned", "negated", "other_sense", "idiom"]:
        assert _of(frame, doc_id).empty, doc_id


def test_list_in_the_next_sentence_continues_the_action(small):
    _, frame = small
    got = _of(frame, "continuation")
    assert got[["target", "target_type", "title"]].values.tolist() == [
        ["three officers", "group", None],
        ["Saeed Aghajani", "person", "Brigadier General"],
        ["Mohammad Bagheri", "person", "Major General"]]
    assert set(got["authority"]) == {"United Kingdom"} and set(got["status"]) == {"imposed"}


def test_reported_face_raising_and_descriptors(small):
    _, frame = small
    face = _of(frame, "face").iloc[0]
    assert (face["authority"], face["office"], face["target"], face["status"]) == (
        "United Kingdom", "FCDO", "the individuals", "threatened")
    assert sorted(face["measures"]) == ["asset freeze", "travel ban"]
    expected = _of(frame, "expected").iloc[0]
    assert (expected["authority"], expected["status"]) == ("European Union", "considered")
    desc = _of(frame, "descriptor")
    assert desc[["target", "target_type", "title", "position"]].values.tolist() == [
        ["Shahed Aviation Industries", "organization", None, "Iranian drone maker"],
        ["three generals", "group", None, None]]


def test_date_needs_an_article_date(small):
    corpus, frame = small
    assert corpus["no_date"].date is None
    got = _of(frame, "no_date")
    assert got["target"].tolist() == ["Ali Akbar Ahmadian"]
    assert got["date"].tolist() == [None]
    assert S.resolve_date("Thursday", "2022-10-20") == "2022-10-20"
    assert S.resolve_date("on Wednesday", "2022-10-20") == "2022-10-19"
    assert S.resolve_date("yesterday", "2022-10-20") == "2022-10-19"
    assert S.resolve_date("Thursday", None) is None


def test_transliteration_variants_merge_in_consolidated(small):
    corpus, frame = small
    assert S.name_tokens("Brigadier General Seyed Hojjatollah Qureishi") == S.name_tokens("Hojatollah GHOREISHI")
    assert S.name_tokens("Seyyed Hojjatollah Qoreishi") == S.name_tokens("Hojjatollah Qureishi")
    assert S.name_tokens("Saeed Aghajani") == S.name_tokens("Said AGHAJANI")
    cons = S.consolidated(corpus, rows=frame, use_entities=False)
    merged = cons[cons["key"] == " ".join(S.name_tokens("Hojjatollah Qureishi"))]
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["sources"] == 2
    assert row["authorities"] == "European Union; United Kingdom"
    assert row["titles"] == "Brigadier General"


# ---------------------------------------------------------------------------
# Official lists
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# FollowTheMoney and the CLI
# ---------------------------------------------------------------------------

def test_ftm_export_validates(rows, sample_corpus, tmp_path):
    from followthemoney import model
    out = tmp_path / "sanctions.jsonl"
    S.to_ftm(rows, sample_corpus, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        proxy = model.get_proxy(data, cleaned=False)
        for prop_name, values in data["properties"].items():
            prop = schema.get(prop_name)
            assert prop is not None, (data["schema"], prop_name)
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (prop_name, value)
                if prop.type.name == "entity":
                    assert value in ids, (prop_name, value)
        for required in schema.required:
            assert data["properties"].get(required), (data["schema"], required)
    by_schema = {}
    for data in entities:
        by_schema.setdefault(data["schema"], []).append(data)
    named = rows[rows["target_type"].isin(["person", "organization", "country"])]
    assert len(by_schema["Sanction"]) == len(named)
    assert len(by_schema["Person"]) == 3 and len(by_schema["Organization"]) == 1
    qureishi = next(s for s in by_schema["Sanction"] if "Qureishi" in s["properties"]["summary"][0]
                    and s["properties"]["entity"][0] == next(p["id"] for p in by_schema["Person"]
                                                           if p["properties"]["name"] == ["Seyed Hojjatollah Qureishi"]))
    props = qureishi["properties"]
    assert props["authority"] == ["United Kingdom"] and props["country"] == ["gb"]
    assert sorted(props["provisions"]) == ["asset freeze", "travel ban"]
    doc_id, span = props["recordId"][0].split(":")
    start, end = map(int, span.split("-"))
    assert sample_corpus[doc_id].raw[start:end] == "Seyed Hojjatollah Qureishi"
    assert {"Article", "Documentation"} <= set(by_schema)


def test_cli_writes_table_and_ftm(small, tmp_path):
    from analysis.cli import main
    corpus, _ = small
    out, ftm, matches = tmp_path / "s.csv", tmp_path / "s.jsonl", tmp_path / "m.csv"
    assert main(["sanctions", "--corpus", corpus.path, "--out", str(out), "--ftm", str(ftm),
                 "--matches", str(matches)]) == 0
    import pandas as pd
    table = pd.read_csv(out)
    assert list(table.columns[:len(S.COLUMNS)]) == S.COLUMNS
    assert "asset freeze" in set(table["measures"])
    assert ftm.read_text(encoding="utf-8").count('"schema": "Sanction"') >= 5
    assert set(pd.read_csv(matches)["verdict"]) <= {"match", "partial", "related", "no match"}


def test_among_those_and_possessive_authorities(small):
    _, frame = small
    among = _of(frame, "among_was")
    assert among[["authority", "target", "target_type", "title"]].values.tolist() == [
        ["Canada", "Mohammad Reza Ashtiani", "person", "Iran's defence minister"]]
    eu = _of(frame, "eu_ministers")
    assert eu[["authority", "office", "target", "date"]].values.tolist() == [
        ["European Union", None, "11 Iranian officials", "2022-10-17"]]      # the Monday before 20 October
    assert sorted(eu.iloc[0]["measures"]) == ["asset freeze", "visa restrictions"]


def test_colon_lists_as_well_as_and_spun_text(small):
    _, frame = small
    colon = _of(frame, "colon")
    assert colon["target"].tolist() == ["Ali Karimi", "Reza Tavakoli", "Hassan Moradi"]
    assert all(sorted(m) == ["asset freeze", "travel ban"] for m in colon["measures"])
    both = _of(frame, "as_well_as")
    assert both[["target", "target_type", "position"]].values.tolist() == [
        ["Ali Karimi", "person", "Iranian generals"], ["Reza Tavakoli", "person", "Iranian generals"],
        ["Pars Aviation Industries", "organization", "drone maker"]]
    spun = _of(frame, "spun_among")
    assert spun[["authority", "target", "title", "status"]].values.tolist() == [
        ["United Kingdom", "Ali Karimi", "Main Common", "imposed"]]
    assert sorted(spun.iloc[0]["measures"]) == ["asset freeze", "travel ban"]


def test_status_table_and_graph(rows):
    table = S.status_by_authority(rows)
    assert table.index.tolist() == ["United States", "United Kingdom"]
    assert table.loc["United States", ["imposed", "considered", "threatened", "called_for"]].tolist() == [4, 2, 2, 0]
    assert table.loc["United Kingdom", "imposed"] == 5 and table.loc["United Kingdom", "total"] == 5
    g = S.graph(rows)
    assert set(g.successors("United Kingdom")) == {"Iranian officials and companies", "Mohammad Hossein Bagheri",
                                                   "Seyed Hojjatollah Qureishi", "Saeed Aghajani",
                                                   "Shahed Aviation Industries"}
    assert g["United States"]["Iran"]["statuses"] == ["imposed", "threatened", "considered"]
    assert g["United States"]["Iran"]["status"] == "imposed"


# ---------------------------------------------------------------------------
# Markup left in scraped plain text
# ---------------------------------------------------------------------------

MARKUP_TEXTS = {
    "tag_after_name": "The European Union on Monday imposed sanctions on Arvik Shipping Lines "
                      "<img src=x onerror=\"document.title='gotcha'\"> and its managing director, Oskar Brenn, "
                      "for moving embargoed oil.\n\nThe measures include a travel ban on Brenn, officials said.",
    "script_after_descriptor": "The US Treasury on Friday imposed sanctions on Malta-based fuel trader John Miller "
                               "<script>alert(1)</script> and two of his firms, Sliema Trading Company and Gozo "
                               "Shipping Holdings, for supplying fuel to Russia.",
    "comment_in_list": "Britain on Tuesday sanctioned Tarvel Metals Corporation <!-- editor: check --> and "
                       "Osk Mining Company.",
    "clean_apposition": "Canada on Monday imposed sanctions on Borealis Freight Holdings and its chief executive, "
                        "Sarah Johnson, accusing the company of smuggling arms.",
}


@pytest.fixture(scope="module")
def markup_rows(tmp_path_factory):
    from analysis import load_corpus
    folder = tmp_path_factory.mktemp("sanction-markup")
    for name, body in MARKUP_TEXTS.items():
        (folder / f"{name}.txt").write_text(_article(name, body), encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, S.sanctions(corpus)


def test_targets_never_contain_markup(markup_rows):
    _, frame = markup_rows
    assert len(frame) > 0
    for text in frame["target"].tolist() + frame["position"].dropna().tolist():
        assert not any(ch in text for ch in "<>=\"") and "onerror" not in text and "script" not in text, text


def test_target_stops_at_tag_and_conjunct_after_the_tag_is_kept(markup_rows):
    _, frame = markup_rows
    got = _of(frame, "tag_after_name")
    assert got[["target", "target_type", "position"]].values.tolist() == [
        ["Arvik Shipping Lines", "organization", None],
        ["Oskar Brenn", "person", "its managing director"],
        ["Oskar Brenn", "person", None]]            # "a travel ban on Brenn": the surname is the same person
    assert set(got["authority"]) == {"European Union"}
    listed = _of(frame, "comment_in_list")
    assert listed["target"].tolist() == ["Tarvel Metals Corporation", "Osk Mining Company"]


def test_descriptor_before_a_person_is_the_position_not_the_name(markup_rows):
    corpus, frame = markup_rows
    got = _of(frame, "script_after_descriptor")
    assert got[["target", "target_type", "title", "position"]].values.tolist() == [
        ["John Miller", "person", None, "Malta-based fuel trader"],
        ["Sliema Trading Company", "organization", None, "two of his firms"],
        ["Gozo Shipping Holdings", "organization", None, "two of his firms"]]
    raw = corpus["script_after_descriptor"].raw
    row = got.iloc[0]
    assert raw[row["start"]:row["end"]] == "John Miller"


def test_apposition_role_goes_to_the_named_person(markup_rows):
    _, frame = markup_rows
    got = _of(frame, "clean_apposition")
    assert got[["target", "target_type", "position"]].values.tolist() == [
        ["Borealis Freight Holdings", "organization", None],
        ["Sarah Johnson", "person", "its chief executive"]]
