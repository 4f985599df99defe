"""Causes of errors on unseen news (issue 14), one test per cause, on short texts written here.

Wrong merges, missed merges, labels, missed names, spans, headlines and the article's layout.
"""
from __future__ import annotations

import pytest

from analysis import entities

from .util import canon

TEXTS = {
    "a_nick.txt": (
        "Rally in Dover\n\n"
        "Supporters chanted about Crooked Mara Velis at the rally on Monday, and the candidate called her "
        "Crooked Mara again.\n"),
    "b_velis.txt": (
        "Hammering Mara Velis On Taxes\n\n"
        "Mara Velis said on Tuesday that the budget was fair. Velis spoke in Albany.\n\n"
        "Billionaire Tobias Renn, who funds the campaign, declined to comment. Renn's spokesman said the Daily "
        "Ledger had misquoted him; the Ledger stood by its story.\n"),
    "c_family.txt": (
        "Family business\n\n"
        "Susan Whitfield, the owner, runs the shop. Susan said sales were up in May.\n"),
    "f_kin.txt": (
        "Whitfield family\n\n"
        "Melania Whitfield visited the port on Monday. Melania spoke to workers there.\n"),
    "g_kin.txt": (
        "Shop owners\n\n"
        "Tom Whitfield spoke on Monday. His wife Melania watched. The Times and the Brackley newspaper chain "
        "filed a motion.\n"),
    "h_match.txt": (
        "Derby day\n\n"
        "The club signed him from Chelsea last year. Chelsea beat Everton 2-0.\n"),
    "i_oil.txt": (
        "Oil market\n\n"
        "Budget airline Ryanair said fares would fall. The oil giant Yukos said its unit Yukos USA had filed "
        "for bankruptcy. Yukos denied it.\n"),
    "j_data.txt": (
        "Budget news\n\n"
        "The Treasury said Britain's borrowing rose in May, USA TODAY reported. Critics of Obamacare said "
        "the ACA raised costs, and Burma, also called Myanmar, was discussed.\n"),
    "k_media.txt": (
        "Media deal\n\n"
        "Media giant Brantwell Holdings said profits rose. Brantwell Holdings owns two studios.\n"),
    "l_media.txt": (
        "Studio sale\n\n"
        "BrantwellHoldings agreed to sell a studio, the firm said. BrantwellHoldings declined to comment.\n"),
    "d_congress.txt": (
        "Lawmakers react\n\n"
        "Rep. Ann Dorr (D-Wis.) and Sen. Paul Gresh, R-S.C., spoke in Flint, Mich., on Friday with Del. Rona "
        "Pike. Dorr said the "
        "Coastal Fisheries Act was failing, and judges handling federal Freedom of Information Act lawsuits "
        "agreed.\n\n"
        "Dorr compared the vote to World War II, not to World War I in any way. Officials from South America "
        "and South Africa attended. Later, TD said it backed Tyra Dunmore. The deficit reached £280bn. "
        "The Tories said a Tory government would act.\n"),
    "e_layout.txt": (
        "Port strike spreads\n\n"
        "Larisa Venko\n\n"
        "KORVATH 2024-05-02\n\n"
        "Dock workers in Korvath walked out. Nils Abbot, 43, was arrested. Abbot was later released. "
        "Grace Okafor Bello, 52, leads the union.\n\n"
        "Limited Tools.\n\n"
        "The union said the Harbor Council of Korvath would meet. Fox News's Ed Henry asked the Ohio "
        "Democratic Party about the American Civil Liberties Union of Ohio and the A. Philip Randolph "
        "Institute.\n"),
}


@pytest.fixture(scope="module")
def corpus(make_corpus):
    return make_corpus(TEXTS)


@pytest.fixture(scope="module")
def m(corpus):
    return entities.mentions(corpus)


# --------------------------------------------------------------------------- wrong merges
def test_a_two_word_name_is_not_merged_into_a_longer_name_of_another_article(m):
    # "Crooked Mara Velis" in one article must not become the canonical name of "Mara Velis" elsewhere
    assert canon(m, "b_velis", "Mara Velis") == [("Mara Velis", "PERSON")]
    assert "Crooked Mara Velis" not in set(m["canonical"])


def test_places_events_and_numbered_names_are_not_fuzzy_merged(m):
    assert canon(m, "d_congress", "World War II") == [("World War II", "EVENT")]
    assert canon(m, "d_congress", "World War I") == [("World War I", "EVENT")]
    assert canon(m, "d_congress", "South America") == [("South America", "LOC")]
    assert canon(m, "d_congress", "South Africa") == [("South Africa", "GPE")]


def test_two_letter_acronym_is_not_resolved_by_initials(m):
    # "TD" is not "Tyra Dunmore" because its letters are her initials
    assert canon(m, "d_congress", "TD") == [("TD", "ORG")]
    assert canon(m, "d_congress", "Tyra Dunmore") == [("Tyra Dunmore", "PERSON")]


# --------------------------------------------------------------------------- missed merges
def test_descriptor_and_nickname_word_are_cut_and_the_first_name_resolves(m):
    assert canon(m, "b_velis", "Tobias Renn") == [("Tobias Renn", "PERSON")]
    assert set(m.loc[(m["doc_id"] == "b_velis") & (m["text"] == "Tobias Renn"), "role"]) == {"Billionaire"}
    # "Crooked Mara" is the article's nickname for Mara Velis
    assert canon(m, "a_nick", "Mara") == [("Mara Velis", "PERSON")]


def test_first_name_alone_is_the_person_of_the_article(m):
    assert canon(m, "c_family", "Susan") == [("Susan Whitfield", "PERSON")]


def test_first_name_of_a_relative_named_elsewhere_in_the_corpus(m):
    # the article names the surname (Tom Whitfield); the corpus names the one Melania Whitfield
    assert canon(m, "g_kin", "Melania") == [("Melania Whitfield", "PERSON")]


def test_a_first_name_is_a_person_whatever_spacy_says(m):
    assert canon(m, "f_kin", "Melania") == [("Melania Whitfield", "PERSON")]
    assert canon(m, "f_kin", "Melania Whitfield") == [("Melania Whitfield", "PERSON")]


def test_an_organisation_noun_after_the_name_makes_an_organisation(m):
    assert canon(m, "g_kin", "Brackley") == [("Brackley", "ORG")]


def test_one_word_short_form_of_an_organisation_of_the_article(m):
    assert canon(m, "b_velis", "Ledger") == [("Daily Ledger", "ORG")]


def test_state_abbreviations_and_party_tags_name_the_state(m):
    assert canon(m, "d_congress", "Wis.") == [("Wisconsin", "GPE")]
    assert canon(m, "d_congress", "S.C.") == [("South Carolina", "GPE")]
    assert canon(m, "d_congress", "Mich.") == [("Michigan", "GPE")]
    # "Del." before a name is a delegate's title, not Delaware
    assert "Delaware" not in set(m.loc[m["doc_id"] == "d_congress", "canonical"])


def test_an_organisation_written_with_and_without_a_space_is_one_entity(m):
    # "TimeWarner" / "Time Warner": one company however the outlet spaces its name
    a = canon(m, "k_media", "Brantwell Holdings")
    b = canon(m, "l_media", "BrantwellHoldings")
    assert len(a) == 1 and a == b
    ids = set(m.loc[m["text"].isin(["Brantwell Holdings", "BrantwellHoldings"]), "entity_id"])
    assert len(ids) == 1


def test_norp_plural_in_ies_is_one_group(m):
    assert canon(m, "d_congress", "Tories") == canon(m, "d_congress", "Tory") == [("Tory", "NORP")]


def test_audit_table_gives_the_evidence_of_every_merge(corpus):
    report = entities.aliases_report(corpus)
    assert report["detail"].astype(bool).all()
    row = report[report["surface"] == "Susan"].iloc[0]
    assert (row["canonical"], row["method"]) == ("Susan Whitfield", "same_article_firstname")
    assert "first name" in row["detail"]


# --------------------------------------------------------------------------- labels
def test_laws_are_labelled_law_and_found_when_spacy_misses_them(m):
    assert canon(m, "d_congress", "Coastal Fisheries Act") == [("Coastal Fisheries Act", "LAW")]
    assert canon(m, "d_congress", "Freedom of Information Act") == [("Freedom of Information Act", "LAW")]


def test_an_age_after_the_name_makes_a_person(m):
    assert canon(m, "e_layout", "Grace Okafor Bello") == [("Grace Okafor Bello", "PERSON")]


def test_a_team_named_after_its_town_in_a_match_is_an_organisation(m):
    # spaCy calls it a person; "beat" before it and the score after it make it a team
    assert canon(m, "h_match", "Everton") == [("Everton", "ORG")]


def test_companies_spacy_calls_people(m):
    # an organisation noun before or after the name; a name ending with a country
    assert canon(m, "i_oil", "Ryanair") == [("Ryanair", "ORG")]
    assert canon(m, "i_oil", "Yukos") == [("Yukos", "ORG")]
    assert canon(m, "i_oil", "Yukos USA") == [("Yukos USA", "ORG")]


def test_alias_data_merges_only_what_it_lists(m):
    # a bare "Treasury" is no longer renamed the US Treasury Department; "USA" inside "USA TODAY" is no country
    assert canon(m, "j_data", "Treasury") == [("Treasury", "ORG")]
    assert canon(m, "j_data", "USA TODAY") == [("USA Today", "ORG")]
    assert canon(m, "j_data", "Obamacare") == canon(m, "j_data", "ACA") == [("Affordable Care Act", "LAW")]
    assert canon(m, "j_data", "Burma") == canon(m, "j_data", "Myanmar") == [("Myanmar", "GPE")]


def test_an_abbreviated_country_is_the_country_not_an_initial_and_surname(make_corpus):
    # "N. Korea" read as a person (initial + surname) and apart from North Korea; "S. Korea" apart from South Korea
    frame = entities.mentions(make_corpus({
        "a.txt": "Talks\n\nN. Korea fired a missile on Monday, officials said.\n",
        "b.txt": "Trade\n\nSouth Korea said on Tuesday that exports rose. Seoul and S. Korea officials met.\n"}))
    assert canon(frame, "a", "N. Korea") == [("North Korea", "GPE")]
    assert canon(frame, "b", "S. Korea") == canon(frame, "b", "South Korea") == [("South Korea", "GPE")]


def test_amounts_are_not_names(m):
    assert not m["text"].str.contains("280").any()


# --------------------------------------------------------------------------- headline and layout
def test_headline_names_are_mentions_flagged_in_headline(corpus, m):
    rows = m[(m["doc_id"] == "b_velis") & m["in_headline"]]
    assert list(zip(rows["text"], rows["canonical"], rows["sentence_id"])) == [("Mara Velis", "Mara Velis", -1)]
    article = corpus["b_velis"]
    assert [article.raw[s:e] for s, e in zip(rows["start"], rows["end"])] == ["Mara Velis"]
    # body sentences are numbered from 0 as before
    assert set(m.loc[(m["doc_id"] == "b_velis") & (m["text"] == "Albany"), "sentence_id"]) == {1}


def test_subheading_words_are_not_names(m):
    assert "Limited Tools" not in set(m["text"])


def test_dateline_place_and_byline_author(corpus, m):
    assert canon(m, "e_layout", "KORVATH") == [("Korvath", "GPE")]
    assert canon(m, "e_layout", "Korvath") == [("Korvath", "GPE")]
    assert canon(m, "e_layout", "Larisa Venko") == [("Larisa Venko", "PERSON")]
    row = m[(m["doc_id"] == "e_layout") & (m["text"] == "Larisa Venko")].iloc[0]
    assert corpus["e_layout"].raw[row["start"]:row["end"]] == "Larisa Venko" and not row["in_headline"]


# --------------------------------------------------------------------------- spans
def test_spans_spacy_cuts_or_overruns(m):
    doc = m[m["doc_id"] == "e_layout"]
    texts = set(doc["text"])
    # a possessive joins two names; an organisation keeps its "of" complement and leading initial
    assert {"Fox News", "Ed Henry", "American Civil Liberties Union of Ohio", "A. Philip Randolph Institute",
            "Harbor Council of Korvath"} <= texts
    assert canon(m, "e_layout", "Ohio Democratic Party") == [("Ohio Democratic Party", "ORG")]
    # a name inside a longer name is not a mention of its own
    assert "Ohio" not in texts and "Democratic Party" not in texts
