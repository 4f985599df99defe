"""Names the layout of a results page gives away: teams and players in results rows (layout.py)."""
from __future__ import annotations

from analysis import entities

from .util import canon

RESULTS = (
    "RUGBY - NORTHERN LEAGUE RESULTS .\n"
    "KORVATH 2024-05-02\n"
    "Results of Northern League matches played on Saturday :\n"
    "Tarnow 3 Belsk 2\n"
    "Velmora 1 Dastrup 1\n"
    "Standings :\n"
    "Tarnow 12 8 3\n"
    "Velmora 12 7 2\n"
    "Scorers : K. Dalberg 14 , T. Ostrowe 9\n"
    "Tarnow coach Anya Kessel said the team had earned its lead .\n"
)
TOWN = ("Floods reach Tarnow\n\nHeavy rain flooded streets in Tarnow on Sunday, officials in Tarnow said. "
        "Residents of Tarnow were told to stay indoors.\n")


def test_names_in_results_rows_are_found(make_corpus):
    """spaCy reads little of a results table: a name right before a score is a team, one written
    with an initial is a player."""
    m = entities.mentions(make_corpus({"r.txt": RESULTS}))
    assert canon(m, "r", "Belsk") == [("Belsk", "ORG")]
    assert canon(m, "r", "Dastrup") == [("Dastrup", "ORG")]
    assert canon(m, "r", "K. Dalberg") == [("K. Dalberg", "PERSON")]
    assert canon(m, "r", "T. Ostrowe") == [("T. Ostrowe", "PERSON")]


def test_team_of_a_results_row_is_a_team_in_its_article_only(make_corpus):
    """A town that plays in a results row is an organisation in every mention of that article; the same
    town in a story about the town stays a place."""
    m = entities.mentions(make_corpus({"r.txt": RESULTS, "t.txt": TOWN}))
    assert set(m.loc[(m["doc_id"] == "r") & (m["text"] == "Tarnow"), "label"]) == {"ORG"}
    assert len(m[(m["doc_id"] == "r") & (m["text"] == "Tarnow")]) == 3
    assert set(m.loc[(m["doc_id"] == "t") & (m["text"] == "Tarnow"), "label"]) == {"GPE"}


def test_player_followed_by_country_in_brackets_is_a_person(make_corpus):
    """Results and entry lists write a player with a country in brackets; spaCy takes the pair for an
    organisation or glues the seed number on."""
    text = ("TENNIS - HARBOUR OPEN RESULTS .\nKORVATH 2024-05-02\n"
            "Results from the Harbour Open on Friday :\n"
            "3 - Dana Morvik ( Norway ) beat Ilse Varga ( Hungary ) 6-4 6-3\n"
            "Petra Olsund ( Sweden ) beat 7 - Mira Tallek ( Estonia ) 7-5 6-2\n")
    m = entities.mentions(make_corpus({"t.txt": text}))
    for name in ("Dana Morvik", "Ilse Varga", "Petra Olsund", "Mira Tallek"):
        assert canon(m, "t", name) == [(name, "PERSON")], name
    assert canon(m, "t", "Hungary") == [("Hungary", "GPE")]


def test_a_spaced_dash_separates_two_names(make_corpus):
    """A dash between spaces is no part of a name: a team list "Country - Captain" holds two names."""
    text = ("CRICKET - SQUADS NAMED .\nKORVATH 2024-05-02\nThe squads named on Friday :\n"
            "Norway - Dana Morvik ( captain ) , Ilse Varga , Petra Olsund .\n"
            "Romania - Cosmin Varga ( captain ) , Mihai Olsund .\n")
    m = entities.mentions(make_corpus({"c.txt": text}))
    assert canon(m, "c", "Norway") == [("Norway", "GPE")]
    assert canon(m, "c", "Romania") == [("Romania", "GPE")]
    assert not any(" - " in t for t in m["text"])


SCORECARD = (
    "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES .\nLONDON 1996-08-30\n"
    "Result and close of play scores in English county championship matches on Friday :\n"
    "Tarnow : Nottshire 214 ( P. Jonsson 84 ; M. McCadden 4-55 ) , Kentmoor 108-3 .\n"
    "Dunmore : Glamshire 259 and 207 ( A. Dalby 69 , H. Morrow 69 ) , Durmoor 114 ( S. Hutton 51 ) .\n"
    "Hove : Sussmoor 363 ( W. Athby 111 , V. Drake 52 ; I. Austen 4-37 ) , Lancmoor 197-8 ( W. Hogg 54 )\n"
)


def test_initial_and_surname_is_a_person(make_corpus):
    """A scorecard writes players with an initial ("S. Hutton 51"); spaCy calls some of them
    organisations, and their place in a results row must not make them teams."""
    m = entities.mentions(make_corpus({"k.txt": SCORECARD}))
    for name in ("S. Hutton", "I. Austen", "P. Jonsson", "A. Dalby", "W. Hogg"):
        assert canon(m, "k", name) == [(name, "PERSON")], name


def test_a_team_of_the_results_is_a_team_where_teams_play_and_the_venue_stays_a_place(make_corpus):
    """A name that plays in a results row somewhere in the corpus is a team in an article that shows
    teams playing ("Hollin beat Longmoor"), in all its mentions there; the town where the match is
    played ("at Velmora") stays a place."""
    results = ("CRICKET - COUNTY RESULTS .\nKORVATH 2024-05-02\nResults on Friday :\n"
               "Hollin 296 Longmoor 174\nDunshire 210 Eastmoor 208\n")
    prose = ("CRICKET - HOLLIN TAKE OVER AT TOP .\nLONDON 2024-05-03\n"
             "Anna Berg took four for 38 on Friday as Hollin beat Longmoor by an innings and 39 runs at Velmora "
             "to take over at the head of the championship .\n"
             "Their stay on top may be short-lived as title rivals Dunshire and Eastmoor closed in on victory .\n"
             "Longmoor got a solid start to their second innings .\n")
    m = entities.mentions(make_corpus({"r.txt": results, "p.txt": prose}))
    for name in ("Hollin", "Longmoor"):
        rows = m[(m["doc_id"] == "p") & (m["text"] == name)]
        assert len(rows) >= 1 and set(rows["label"]) == {"ORG"}, name
    assert len(m[(m["doc_id"] == "p") & (m["text"] == "Longmoor")]) == 2
    assert set(m.loc[(m["doc_id"] == "p") & (m["text"] == "Velmora"), "label"]) == {"GPE"}


def test_standings_in_capitals_are_teams(make_corpus):
    """A standings table in capitals is no heading: its names stay, and are teams in every mention of
    the article (also where the schedule repeats them)."""
    text = ("BASEBALL - LEAGUE STANDINGS .\nKORVATH 2024-05-02\nStandings after games played on Friday :\n"
            "W L PCT GB\nNORTHVALE 74 59 .556 -\nEASTMOOR 70 63 .526 4\nWESTSHIRE 69 65 .515 5\n"
            "SATURDAY 'S SCHEDULE\nNORTHVALE AT EASTMOOR\n")
    m = entities.mentions(make_corpus({"s.txt": text}))
    for name in ("NORTHVALE", "EASTMOOR", "WESTSHIRE"):
        rows = m[m["text"] == name]
        assert len(rows) >= 1 and set(rows["label"]) == {"ORG"}, name
    assert len(m[m["text"] == "NORTHVALE"]) == 2


def test_a_row_heading_is_no_team(make_corpus):
    """"Total 103", "Extras 4" head rows of a scorecard (data/entities_lexicon.yaml, table_words): no team."""
    text = ("CRICKET - NORVIA V KORVATH SCORECARD .\nKORVATH 2024-05-02\nScoreboard on Friday :\n"
            "S. Lund c Berg b Olsen 13\nP. Olsen lbw b Berg 22\nExtras 4 Total 103\nAttendance 8 Halftime 12\n")
    m = entities.mentions(make_corpus({"c.txt": text}))
    assert not {"Extras", "Total", "Attendance", "Halftime"} & set(m["text"])
