"""Release styles outside the development set: OFAC and FCDO lists, wire stories, counter-sanctions, calls.

Every text is written here, with invented names and invented states; each test failed on the extractor before
its fix.
"""
from __future__ import annotations

import pytest

from analysis import sanctions as S

from .cases import rows_of, sanctions_of_texts

STYLE_TEXTS = {
    # list lines that open with a rank, and company names the tagger does not tag
    "fcdo_list": "UK sanctions Eastmark officials\n\nPress release\n\n"
                 "The UK has today sanctioned three senior Eastmark officials.\n\n"
                 "The individuals sanctioned today are:\n\n"
                 "Colonel Dmitri Sarkov, commander of the Eastmark riot police\n"
                 "General Anton Belyev, head of the Interior Ministry troops\n"
                 "Marta Kolva, deputy prosecutor general\n",
    "ofac_list": "Treasury Sanctions Drone Suppliers\n\nPress release\n\n"
                 "OFAC is designating the following entities pursuant to E.O. 13382:\n\n"
                 "Polar Star Trading LLC, an Eastmark-based front company.\n\n"
                 "Kestrel Avionics Limited, which shipped engines to the network.\n\n"
                 "Sanctions Implications\n\n"
                 "All property of the designated persons is blocked.\n",
    # a wire dateline is not the subject of the lead sentence
    "dateline": "US and Britain hit Eastmark tycoons\n\n"
                "LONDON (Wire) — The United States and Britain on Tuesday imposed sanctions on two Eastmark "
                "billionaires.\n",
    # "blacklisted metals magnate X and Y": the tagger reads the role noun as a verb
    "misparsed_object": "Eastmark tycoons hit\n\n"
                        "The U.S. Treasury said it had blacklisted metals magnate Oleg Rubin and his business "
                        "partner Sergei Malkov.\n",
    # counter-sanctions: "countermeasures against", "barred entry to X, including Y"
    "counter": "Moscow hits back\n\n"
               "Russia's foreign ministry announced countermeasures against Redfield Defense Systems over arms "
               "sales.\n\n"
               "Russia also barred entry to 25 Canadian citizens, including former defence minister Paul Jarvis.\n\n"
               "Officials denied entry to Canada to the reporters.\n",
    # calls for sanctions: "urged X to sanction Y" (the tagger reads "sanction" as a noun), "should sanction"
    "calls": "Pressure grows on Eastmark\n\n"
             "Opposition leader Maria Voss urged the United States to sanction Eastmark's president, Igor Dunov.\n\n"
             "Senator Ann Grey said the European Union should sanction Eastmark Oil Company.\n",
    # a given name the tagger left out of the person's entity
    "given_name": "Visa notice\n\nPress Statement\n\nDepartment of State\n\n"
                  "The Department is also designating his wife, Sonja Kadrova, and his adult son, Petar Kadrov.\n",
    # "The measures include freezing their assets": what is done, not whom
    "measures_include": "Beijing hits back\n\n"
                        "China's foreign ministry announced sanctions against Redfield Defense Systems. The measures "
                        "include freezing their assets in China and banning them from entering the country.\n",
    # an EU release lists in the active ("decided to list 120 individuals"), which counts when the object is a
    # set of persons or entities
    "eu_list": "Eastmark: Council adopts new sanctions\n\nCouncil of the EU\n\nPress release\n\n"
               "The Council decided to list an additional 120 individuals and entities. The listings include "
               "members of the armed forces, including Vektor Media Group.\n\n"
               "Aid groups listed 370 victims of the war.\n",
    # an abbreviating full stop before a lower-case word ("Gen. Ivan Petrov. plus ...") ends no sentence
    "abbreviation": "Ottawa acts\n\n"
                    "Canada sanctioned Gen. Ivan Petrov. plus two of his deputies, Col. Oleg Sokol and Col. Pavel "
                    "Ivanov.\n\nThe EU sanctioned Lt. Gen. Boris Lenko. including his deputy Anton Rusak.\n",
    # a name inside an "including" phrase the parse hung on a clause of the targeted set
    "clause_including": "G7 Foreign Ministers' Statement\n\n"
                        "We, the Foreign Ministers of Canada and Japan, condemn the sham elections.\n\n"
                        "We will impose further restrictive measures on individuals and entities supporting the "
                        "regime, including the Eastmark Central Election Commission.\n",
    # "Also designated today is X": the subject of the inverted auxiliary
    "inverted": "Foreign Secretary designates arms dealers\n\nPress release\n\n"
                "The Foreign Secretary has today designated two individuals.\n\n"
                "Also designated today is Amber Logistics FZE, a company registered abroad.\n",
    # "No persons were designated": nobody is hit
    "nobody": "Treasury Issues Guidance\n\nPress release\n\n"
              "The President signed an order on Eastmark. No persons were designated under the order today.\n",
    # a reporter addresses the speaker by name; the actor is the apposition
    "vocative": "Press Briefing by the Press Secretary\n\nBriefing Room\n\n"
                "Q Anna, the European Union this morning sanctioned twelve Eastmark officials. Is the U.S. going to "
                "follow suit?\n\nMS. LOWE: We are coordinating with our partners.\n",
    # "the sanctions regime on X" names its targets even under "measures under ..."; a legal act named after an
    # authority ("UN Security Council Resolution") is that authority's, not its negotiator's
    "regime": "Security Council renews measures\n\n"
              "Last year, Britain negotiated the adoption of UN Security Council Resolution 2801, renewing measures "
              "under the sanctions regime on the Red Dawn Brigade.\n\n"
              "Northland, under sanctions since 2014, is short of spare parts.\n",
    # news: a government's reported decision is announced (a condition keeps it a threat); "who was sanctioned
    # by X" hits the antecedent; "it" under "warned" is the one who warned
    "relative": "Appeal planned\n\n"
                "Officials named Acme Ltd, which the EU sanctioned in 2020. Oleg Rubin, who was previously sanctioned "
                "by Canada in 2022, did not respond to a request for comment.\n",
    # a list of states the parse reads as an apposition; sanctions that remain in force are imposed
    "state_list": "Joint Statement on Southmark\n\n"
                  "We, the Foreign Ministers of Australia, Canada, New Zealand and the United Kingdom, condemn the "
                  "executions.\n\n"
                  "Today, Australia, Canada and the United Kingdom have imposed sanctions on Amir Tabesh.\n\n"
                  "The sanctions on Westoil remain in place.\n",
    # a temporal clause states its own fact: the threat in the main clause does not reach into it
    "after_clause": "Northmark leader warns West\n\n"
                    "Northmark's president threatened to seize Western assets after Canada announced new sanctions "
                    "against Crown Bank.\n",
    # "called on X to ... sanction Y": X is called upon (the authority), Y the target, "sanction" tagged a noun
    "called_on": "Pressure on Brussels\n\n"
                 "Senator Mary Holt called on the EU to go further and sanction Northmark's state airline, "
                 "Northmark Air.\n",
    # a possessor tagged together with its "'s" modifies the name after it
    "possessor": "Unit designated\n\n"
                 "The EU is also designating the Westmark Interior Ministry's Rapid Response Unit, which carried out "
                 "the arrests, and its chief, Colonel Ester Vang.\n",
    "reported": "Tokyo acts\n\n"
                "Japan said it would freeze the assets of Northland Railways. Britain said it would impose sanctions "
                "on Acme Ltd if the attacks continue.\n\n"
                "Pavel Grin, who was sanctioned by Canada last year, denied wrongdoing.\n\n"
                "Britain imposed sanctions on Delta Shipping. The EU warned it would sanction Beta Holdings.\n",
    # numbered list lines
    "numbered": "Treasury Designates Gold Smugglers\n\nPress release\n\n"
                "Today, OFAC is sanctioning the following individuals and entities:\n\n"
                "1. Karim Latouf, a courier.\n2. Sahel Air Cargo, an airline that flies the gold out.\n",
}


@pytest.fixture(scope="module")
def styles(tmp_path_factory):
    return sanctions_of_texts(tmp_path_factory.mktemp("release-styles"), STYLE_TEXTS)


def named(frame):
    got = frame[frame["target_type"].isin(["person", "organization"])]
    return sorted(got[["authority", "target", "status"]].itertuples(index=False, name=None))


def test_list_lines_with_a_rank_are_targets(styles):
    got = rows_of(styles, "fcdo_list")
    assert named(got) == [("United Kingdom", "Anton Belyev", "imposed"), ("United Kingdom", "Dmitri Sarkov", "imposed"),
                          ("United Kingdom", "Marta Kolva", "imposed")]
    assert got.loc[got["target"] == "Dmitri Sarkov", "title"].tolist() == ["Colonel"]


def test_list_lines_with_untagged_company_names_are_targets(styles):
    got = rows_of(styles, "ofac_list")
    assert [t for t in named(got)] == [("United States", "Kestrel Avionics Limited", "imposed"),
                                       ("United States", "Polar Star Trading LLC", "imposed")]
    assert "Sanctions Implications" not in set(got["target"])


def test_a_dateline_is_not_the_actor(styles):
    got = rows_of(styles, "dateline")
    assert sorted(got["authority"]) == ["United Kingdom", "United States"]
    assert set(got["target"]) == {"two Eastmark billionaires"}


def test_an_object_misparsed_as_a_clause_is_still_the_target(styles):
    got = rows_of(styles, "misparsed_object")
    assert named(got) == [("United States", "Oleg Rubin", "imposed"), ("United States", "Sergei Malkov", "imposed")]


def test_counter_sanctions_vocabulary(styles):
    got = rows_of(styles, "counter")
    assert named(got) == [("Russia", "Paul Jarvis", "imposed"), ("Russia", "Redfield Defense Systems", "imposed")]
    entry = got[got["target"] == "25 Canadian citizens"]
    assert entry["measures"].tolist() == [["travel ban"]]
    assert "Canada" not in set(got["target"])     # where the reporters may not go, not whom


def test_calls_for_sanctions(styles):
    got = rows_of(styles, "calls")
    assert named(got) == [("European Union", "Eastmark Oil Company", "called_for"),
                          ("United States", "Igor Dunov", "called_for")]


def test_a_given_name_outside_the_entity_stays_in_the_name(styles):
    got = rows_of(styles, "given_name")
    assert named(got) == [("United States", "Petar Kadrov", "imposed"), ("United States", "Sonja Kadrova", "imposed")]


def test_measures_listed_after_an_action_are_no_targets(styles):
    got = rows_of(styles, "measures_include")
    assert got["target"].tolist() == ["Redfield Defense Systems"]


def test_an_active_listing_of_persons_is_a_designation(styles):
    got = rows_of(styles, "eu_list")
    assert sorted(got["target"]) == ["Vektor Media Group", "an additional 120 individuals and entities",
                                     "members of the armed forces"]
    assert set(got["authority"]) == {"European Union"}


def test_a_lower_case_word_continues_the_sentence_cut_at_an_abbreviation(styles):
    got = rows_of(styles, "abbreviation")
    assert named(got) == [("Canada", "Ivan Petrov", "imposed"), ("Canada", "Oleg Sokol", "imposed"),
                          ("Canada", "Pavel Ivanov", "imposed"), ("European Union", "Anton Rusak", "imposed"),
                          ("European Union", "Boris Lenko", "imposed")]


def test_a_name_included_under_a_clause_of_the_set_is_a_target(styles):
    got = rows_of(styles, "clause_including")
    assert named(got) == [("Canada", "Eastmark Central Election Commission", "imposed"),
                          ("Japan", "Eastmark Central Election Commission", "imposed")]
    assert got["announced"].all()      # "we will impose" in a joint statement announces
    assert set(got.loc[got["target_type"] == "group", "target"]) == {"individuals and entities supporting the regime"}


def test_an_inverted_passive_names_its_subject(styles):
    got = rows_of(styles, "inverted")
    assert named(got) == [("United Kingdom", "Amber Logistics FZE", "imposed")]
    assert "designated today" not in set(got["target"])


def test_a_negative_determiner_hits_nobody(styles):
    assert rows_of(styles, "nobody").empty


def test_a_name_addressed_by_a_reporter_is_not_the_actor(styles):
    got = rows_of(styles, "vocative")
    assert got[["authority", "target"]].values.tolist() == [["European Union", "twelve Eastmark officials"]]


def test_a_sanctions_regime_on_a_group_names_it_and_a_resolution_is_its_authoritys(styles):
    got = rows_of(styles, "regime")
    assert named(got) == [("United Nations", "Red Dawn Brigade", "imposed")]
    assert len(got) == 1        # "under sanctions since 2014" stays background


def test_news_reports_decisions_relative_clauses_and_warnings(styles):
    got = rows_of(styles, "reported")
    rows = sorted(got[["authority", "target", "status", "announced"]].itertuples(index=False, name=None))
    assert rows == [("Canada", "Pavel Grin", "imposed", False),
                    ("European Union", "Beta Holdings", "threatened", False),
                    ("Japan", "Northland Railways", "imposed", True),
                    ("United Kingdom", "Acme Ltd", "threatened", False),
                    ("United Kingdom", "Delta Shipping", "imposed", False)]


def test_numbered_list_lines_are_targets(styles):
    got = rows_of(styles, "numbered")
    assert sorted(got.loc[got["target_type"] != "group", "target"]) == ["Karim Latouf", "Sahel Air Cargo"]
    assert set(got["authority"]) == {"United States"}


def test_a_relative_clause_sanctions_its_antecedent_whatever_the_main_clause_says(styles):
    got = rows_of(styles, "relative")
    assert named(got) == [("Canada", "Oleg Rubin", "imposed"), ("European Union", "Acme Ltd", "imposed")]


def test_a_list_of_states_read_as_an_apposition_and_sanctions_that_remain(styles):
    got = rows_of(styles, "state_list")
    assert sorted(got.loc[got["target"] == "Amir Tabesh", "authority"]) == ["Australia", "Canada", "United Kingdom"]
    assert set(got.loc[got["target"] == "Westoil", "status"]) == {"imposed"}


def test_a_temporal_clause_keeps_its_own_status(styles):
    got = rows_of(styles, "after_clause")
    assert named(got) == [("Canada", "Crown Bank", "imposed")]


def test_the_one_called_upon_is_the_authority_not_the_target(styles):
    got = rows_of(styles, "called_on")
    assert got[["authority", "target", "status"]].values.tolist() == [["European Union", "Northmark Air", "called_for"]]


def test_a_possessor_tagged_with_its_apostrophe_is_no_target(styles):
    got = rows_of(styles, "possessor")
    assert named(got) == [("European Union", "Ester Vang", "imposed"), ("European Union", "Rapid Response Unit", "imposed")]
