"""Government texts (fact sheets, joint statements, briefing transcripts): one test per failure cause.

Every text is written here, with invented names; each test failed on the extractor before its fix.
"""
from __future__ import annotations

import pytest

from analysis import sanctions as S
from analysis.nlp.docs import parse
from analysis.sanctions.issuer import document_issuer

from .cases import rows_of, sanctions_of_texts

GOV_TEXTS = {
    # "we" and an unnamed actor in a government release are the issuer named in its header
    "issuer_we": "FACT SHEET: Holding Northland Accountable\n\nThe White House\n\n"
                 "Today we are imposing sanctions on Northland Shipping Company.\n",
    # every signatory of a joint statement is an authority
    "joint": "Joint Statement on Northland\n\n"
             "We, the leaders of France, Canada and the United States, condemn the attack on our allies.\n\n"
             "We will impose sanctions on the Northland Central Bank.\n",
    # a reporter's question is asked, not stated; a state usually sanctioned keeps its own action
    "briefing": "Press Briefing by the Press Secretary\n\nBriefing Room\n\n"
                "Q Was it considered sanctioning Minister Ivan Petrovsky? And what about the ports?\n\n"
                "MS. DOE: We do not comment on that.\n\n"
                "Q Yesterday Britain imposed sanctions on Acme Trading. "
                "Today China announced sanctions against Congressman John Smith.\n",
    # lists: names after "including" inside a group, legal forms, "Among these individuals are ...",
    # a long rank before a name, and a colon that opens a clause rather than a list
    "lists": "FACT SHEET: Northland\n\n"
             "Imposing sanctions on military officers: Today, President Jane Roe launched a new program.\n\n"
             "The Department of the Treasury designated 12 individuals and two entities for their role in the coup. "
             "Among these individuals are five members of the Northland Defense Council, including "
             "Commander-in-Chief of the Northland armed forces Karl Brandt and Deputy Commander-in-Chief of the "
             "Northland armed forces Otto Weiss, as well as three members of the Northland Security Council.\n\n"
             "Two entities, including Northland Amber Enterprise and Northland Granite Trading Co., LTD. which are "
             "owned by the military, have also been designated.\n",
    # measures the lexicon lacked: SWIFT removal, Entity List, a restricting clause on the measure,
    # FTO designations, investment bans
    "vocabulary": "Joint Statement\n\n"
                  "We, the leaders of France and Canada, condemn the invasion.\n\n"
                  "We commit to ensuring that selected Northland banks are removed from the SWIFT messaging system.\n\n"
                  "We commit to imposing restrictive measures that will prevent the Northland Reserve Bank from "
                  "deploying its reserves.\n",
    "entity_list": "FACT SHEET: Northland\n\nThe White House\n\n"
                   "The Department of Commerce is adding 40 parties located in Northland to the Entity List. "
                   "The State Department designated six cartels as FTOs and SDGTs, including Rio Verde Cartel.\n",
    # a list after a name: plural items are more targets, not the name's role
    "plural_items": "FACT SHEET: Southland\n\nThe White House\n\n"
                    "The Order maintains sanctions on Omar Haddad, his associates, arms traffickers, and "
                    "persons linked to chemical weapons activities.\n",
    # review, suspension and relaxation of sanctions are no action
    "relief": "FACT SHEET: Southland\n\nThe White House\n\n"
              "The Order directs the Secretary of State to review Southland's designation as a State Sponsor of "
              "Terrorism. The Order permits the relaxation of export controls on certain goods and waives "
              "restrictions on certain foreign assistance to Southland. Treasury also "
              "removed three individuals from the SDN List, and the Order removes sanctions on Southland.\n",
    # the members of a counted set named one by one in the sentences after it
    "counted": "Background Press Call on Southland\n\nVia Teleconference\n\n"
               "SENIOR ADMINISTRATION OFFICIAL: The Department of the Treasury has sanctioned four companies. "
               "The Southland Arms Works is the largest arms maker. It builds rifles. "
               "Harbor Star Activities is controlled by Commander Ivan Petrov and his brother, Boris Volkov. "
               "And finally, Blue Coast Holdings is a front company. Jane Roe said the steps were overdue.\n",
    # not targets: the acting office, an effect sentence, pressure on a person; a usually sanctioned state
    # named inside the subject is the target, not the actor; a relative clause says who was hit
    "not_targets": "FACT SHEET: Northland\n\nThe White House\n\n"
                   "Under the new order, Treasury can also designate the spouses of these officials. "
                   "Those designated today are subject to an asset freeze and EU citizens are forbidden from "
                   "making funds available to them. "
                   "These actions ramp up pressure on President Ivan Petrov and impose costs on Russia. "
                   "This round of sanctions on Russia is the widest yet. "
                   "It welcomed the sanctions the allies have imposed on Belarus. "
                   "The order imposes maximum economic pressure on the Government of Iran.\n",
    # a title-case heading that states the act, then "This includes ..." naming its targets
    "heading": "FACT SHEET: Northland\n\nThe White House\n\n"
               "Full Blocking Sanctions on Additional Northland Oligarchs and their Family Members. "
               "This includes Boris Volkov, executives of banks we have sanctioned, and Senate members who "
               "sponsored the annexation law.\n",
    # frameworks that empower future sanctions impose none
    "authorization": "FACT SHEET: Northland\n\nThe White House\n\n"
                     "This directive provides authority for the government to expand sovereign debt sanctions on "
                     "Northland. Under the new order, the Secretary will have the ability to sanction foreign "
                     "nationals who attack civilians. The order invokes the Freedom Act, a law that sanctions the "
                     "Northland regime. Treasury will develop an order that will provide the United States increased "
                     "authorities to impose sanctions on elements of the Northland regime. "
                     "Today Treasury designated Northland Oil Company.\n",
    # the actor of "their sanctions" and of "sanctions imposed by X on Y"; a heading line above a sentence
    # is not its subject
    "actors": "Press Briefing by the Press Secretary\n\nBriefing Room\n\n"
              "MS. DOE: We condemn the PRC's January sanctions on 28 U.S. officials and their July sanctions on U.S. "
              "journalists. This came in retaliation of sanctions imposed by the United Kingdom "
              "on Chinese officials over Hong Kong.\n\nEnergy sector\n\n"
              "The EU is imposing sanctions on more than 45 Northland companies.\n",
    # the preposition of a measure's object names the target; a state's economy stands for the state
    "measure_preps": "FACT SHEET: Northland\n\nThe White House\n\n"
                     "The President has already banned new investments in the Northland mining sector. "
                     "The order prohibits the import of goods from several sectors of Belarus's economy.\n",
    # a government text that declares an act for the future announces it; a condition makes it a threat
    "announced": "FACT SHEET: Northland\n\nThe White House\n\n"
                 "Tomorrow the Treasury will designate Northland Timber Company. "
                 "If Northland invades, we will impose sanctions on Northland Steel Works.\n",
    # "punishment" is a sanction only against a state
    "punishment": "Sports desk\n\nThe coach handed out a punishment to the striker. The league imposed a "
                  "punishment on the club captain John Smith.\n",
    # one name a line after "designating the following:"; "the designation of X"
    "bullets": "PRESS RELEASE: Treasury Sanctions Northland Network\n\nU.S. Department of the Treasury\n\n"
               "Today, the Department of the Treasury is designating the following:\n\n"
               "Ivan Petrov, the head of Northland Steel;\n\nNorthland Timber Company, a logging firm;\n\n"
               "• Boris Volkov, a banker.\n\nThese actions follow earlier steps.\n\n"
               "Elena Popova welcomed the designation of Northland Oil Company as a terrorist organization.\n",
    # "is also listed" (passive only); list items the parse hung inside a reason clause
    "listed": "Council of the EU\n\nPress release\n\n"
              "An important Northland shipping company is also listed. They listed 370 victims of the war.\n",
    "clause_tail": "FACT SHEET: Southland\n\nThe White House\n\n"
                   "The Order removes sanctions on Syria while maintaining sanctions on Omar Haddad, his associates, "
                   "human rights abusers, drug traffickers, persons linked to chemical weapons activities, Black "
                   "Banner Front or its affiliates, and Northland proxies.\n",
    # a bullet that opens with "Designated"; cutting off a group's access to finance
    "bullet_verb": "FACT SHEET: Southland\n\nThe White House\n\n"
                   "South Sudan. Designated five government and military officials in South Sudan who oversaw, "
                   "ordered, or failed to prevent attacks.\n\n"
                   "This includes taking steps to cut off Black Banner Front's access to international financial "
                   "systems.\n",
    # a package of sanctions that two actors would impose: both act, and "would" makes it a threat
    "container": "Background Press Call on Northland\n\nVia Teleconference\n\n"
                 "SENIOR ADMINISTRATION OFFICIAL: We have been coordinating closely on a swift and severe package "
                 "of sanctions that the U.S. and Europe would both impose on Belarus in the event of an invasion.\n",
    # "These measures cover ...", "The list also includes ...": the action just stated; places are no targets
    "referring": "Council of the EU\n\nPress release\n\n"
                 "In addition, the EU imposes individual sanctions on actors enabling the Northland fleet. "
                 "These measures cover shipping companies transporting Northland oil, including entities from "
                 "the United Arab Emirates, Turkey and Hong Kong. The list also includes one important insurer "
                 "of the Northland shipping industry.\n",
}


@pytest.fixture(scope="module")
def gov(tmp_path_factory):
    return sanctions_of_texts(tmp_path_factory.mktemp("gov-texts"), GOV_TEXTS)


def test_we_in_a_release_is_its_issuer(gov):
    got = rows_of(gov, "issuer_we")
    assert got[["authority", "target"]].values.tolist() == [["United States", "Northland Shipping Company"]]
    # a news story is nobody's release, even when its lead names the White House
    lex = S.load_lexicon()
    lead = parse("Officials at the White House met on Monday. Sanctions were imposed on Northland Oil.")
    assert document_issuer(lead, lex, header="Northland faces new pressure\n\n") == []
    assert document_issuer(lead, lex, header="FACT SHEET: Northland\n\n") == ["United States"]


def test_joint_statement_gives_one_row_per_signatory(gov):
    got = rows_of(gov, "joint")
    assert sorted(got["authority"]) == ["Canada", "France", "United States"]
    assert set(got["target"]) == {"Northland Central Bank"}


def test_reporter_question_is_no_action_and_china_keeps_its_authority(gov):
    got = rows_of(gov, "briefing")
    assert "Ivan Petrovsky" not in set(got["target"])
    pairs = sorted(got[["authority", "target"]].itertuples(index=False, name=None))
    assert pairs == [("China", "John Smith"), ("United Kingdom", "Acme Trading")]


def test_lists_inside_groups_and_after_among_these(gov):
    got = rows_of(gov, "lists")
    named = sorted(got.loc[got["target_type"].isin(["person", "organization"]), "target"])
    assert named == ["Karl Brandt", "Northland Amber Enterprise", "Northland Granite Trading Co., LTD", "Otto Weiss"]
    groups = set(got.loc[got["target_type"] == "group", "target"])
    assert {"five members of the Northland Defense Council", "three members of the Northland Security Council",
            "Two entities"} <= groups
    assert "Jane Roe" not in set(got["target"])


def test_swift_removal_and_restricting_clause_are_measures(gov):
    got = rows_of(gov, "vocabulary")
    banks = got[got["target"] == "selected Northland banks"]
    assert sorted(banks["authority"]) == ["Canada", "France"]
    assert all("financial sanctions" in m for m in banks["measures"])
    assert sorted(got.loc[got["target"] == "Northland Reserve Bank", "authority"]) == ["Canada", "France"]


def test_entity_list_and_fto_designations(gov):
    got = rows_of(gov, "entity_list")
    parties = got[got["target"] == "40 parties located in Northland"]
    assert parties["measures"].tolist() == [["export controls"]]
    assert {"six cartels", "Rio Verde Cartel"} <= set(got["target"])
    assert set(got["authority"]) == {"United States"}


def test_plural_items_after_a_name_are_targets(gov):
    got = rows_of(gov, "plural_items")
    assert got["target"].tolist() == ["Omar Haddad", "his associates", "arms traffickers",
                                      "persons linked to chemical weapons activities"]
    assert got.iloc[0]["position"] is None


def test_review_and_relaxation_are_no_action(gov):
    assert rows_of(gov, "relief").empty


def test_members_of_a_counted_set_in_the_next_sentences(gov):
    got = rows_of(gov, "counted")
    assert got[["authority", "target", "target_type"]].values.tolist() == [
        ["United States", "four companies", "group"],
        ["United States", "Southland Arms Works", "organization"],
        ["United States", "Harbor Star Activities", "organization"],
        ["United States", "Blue Coast Holdings", "organization"]]


def test_acting_office_effects_and_soft_pressure_are_not_targets(gov):
    got = rows_of(gov, "not_targets")
    assert set(got["authority"]) == {"United States"}
    named = got[got["target_type"].isin(["person", "organization"])]
    assert named.empty
    countries = sorted(got.loc[got["target_type"] == "country", "target"])
    assert countries == ["Belarus", "Government of Iran", "Russia", "Russia"]
    assert "the spouses of these officials" in set(got["target"])


def test_heading_capitals_are_no_name_and_this_includes_continues(gov):
    got = rows_of(gov, "heading")
    kinds = dict(zip(got["target"], got["target_type"]))
    assert kinds["Additional Northland Oligarchs"] == "group"
    assert kinds["Boris Volkov"] == "person"
    assert [t for t, k in kinds.items() if k in ("person", "organization")] == ["Boris Volkov"]
    assert any(t.startswith("Senate members") for t in kinds)


def test_authorizations_impose_nothing(gov):
    got = rows_of(gov, "authorization")
    assert got[["authority", "target"]].values.tolist() == [["United States", "Northland Oil Company"]]


def test_actor_of_their_sanctions_and_of_a_clause(gov):
    got = rows_of(gov, "actors")
    pairs = sorted(got[["authority", "target"]].itertuples(index=False, name=None))
    assert pairs == [("China", "28 U.S. officials"), ("China", "U.S. journalists"),
                     ("European Union", "more than 45 Northland companies"),
                     ("United Kingdom", "Chinese officials")]


def test_measure_object_prepositions_and_economy(gov):
    got = rows_of(gov, "measure_preps")
    assert got[["target", "target_type", "measures"]].values.tolist() == [
        ["the Northland mining sector", "group", ["financial sanctions"]],
        ["Belarus", "country", ["trade sanctions"]]]


def test_future_act_in_a_release_is_announced_and_a_condition_a_threat(gov):
    got = rows_of(gov, "announced")
    assert got[["target", "status", "announced"]].values.tolist() == [
        ["Northland Timber Company", "imposed", True],
        ["Northland Steel Works", "threatened", False]]
    assert got["confidence"].between(0.3, 1.0).all()
    assert got.iloc[0]["confidence"] == 0.9     # authority named in the sentence; no measure named


def test_punishment_of_a_person_is_no_sanction(gov):
    assert rows_of(gov, "punishment").empty


def test_lines_after_the_following_and_designation_of(gov):
    got = rows_of(gov, "bullets")
    assert got[["authority", "target", "target_type", "position"]].values.tolist() == [
        ["United States", "Ivan Petrov", "person", "the head of Northland Steel"],
        ["United States", "Northland Timber Company", "organization", "a logging firm"],
        ["United States", "Boris Volkov", "person", "a banker"],
        ["United States", "Northland Oil Company", "organization", None]]


def test_passive_listing_and_list_items_inside_a_reason_clause(gov):
    got = rows_of(gov, "listed")
    assert set(got["authority"]) == {"European Union"}
    targets = got["target"].tolist()
    assert targets[0] == "An important Northland shipping company"
    assert not any("victims" in t for t in targets)
    assert targets == ["An important Northland shipping company"]
    tail = rows_of(gov, "clause_tail")
    assert {"Omar Haddad", "drug traffickers", "Black Banner Front"} <= set(tail["target"])
    assert any("Northland proxies" in t for t in tail["target"])


def test_verb_first_bullet_and_cut_off_access(gov):
    got = rows_of(gov, "bullet_verb")
    assert got["target"].iloc[0].startswith("five government and military officials")
    front = got[got["target"] == "Black Banner Front"]
    assert front["measures"].tolist() == [["financial sanctions"]]
    assert set(got["authority"]) == {"United States"}


def test_clause_on_a_package_of_sanctions(gov):
    got = rows_of(gov, "container")
    belarus = got[got["target"] == "Belarus"]
    assert sorted(belarus["authority"]) == ["European Union", "United States"]
    assert set(belarus["status"]) == {"threatened"}


def test_these_measures_cover_and_the_list_includes(gov):
    got = rows_of(gov, "referring")
    assert set(got["authority"]) == {"European Union"}
    targets = set(got["target"])
    assert any(t.startswith("shipping companies") for t in targets)
    assert any(t.startswith("one important insurer") for t in targets)
    assert not targets & {"Hong Kong", "Turkey"}
