"""Claim attribution: a hand-made answer key of the sample's quotes and small texts pinning each hard case."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.claims import CLAIM_COLUMNS, claims, denials, normalise_quote, quote_groups

# Hand-checked answer key of the sample: every direct and partial quote (a snippet of
# it) -> the speaker's surname(s) as a reader of the article would name them
# (None: no clear speaker, the quote must only be found).
SAMPLE_KEY = [
    ("000", "right on the ground", ["White House"]),
    ("000", "relatively small number", ["Kirby"]),
    ("000", "The information we have is that the Iranians have sent trainers", ["Kirby"]),
    ("000", "The systems themselves suffered from failures", ["Kirby"]),
    ("000", "So the Iranians decided to bring in some trainers", ["Kirby"]),
    ("000", "not focused on diplomacy at this point", ["Kirby"]),
    ("000", "We are focused on making sure we hold the regime accountable", ["Kirby"]),
    ("000", "These cowardly drone attacks are an act of desperation", ["Cleverly"]),
    ("000", "We will make sure they are held accountable for their actions", ["Cleverly"]),
    ("001", "We assess that", ["Kirby"]),
    ("001", "We are way far apart with the Iranians", ["Kirby"]),           # run-on, tag two paragraphs later
    ("001", "They had demands that were well in excess", ["Kirby"]),
    ("001", "expose, deter and confront", ["Kirby"]),                        # partial, "He said"
    ("001", "they can lie to the world", ["Kirby"]),                          # "he said"
    ("002", "deeply involves Iran in the war on the Russian side", ["Mulroy"]),
    ("002", "that have killed and injured civilians", ["Mulroy"]),
    ("002", "the work of the best talents of Iran", ["Khamenei"]),
    ("002", "honor for the country", ["Khamenei"]),
    ("002", "A few years ago, when images of our advanced missile", ["Khamenei"]),  # "And he added:"
    ("002", "We express our grave concern", ["Price"]),
    ("002", "We now have abundant evidence", ["Price"]),
    ("002", "We will not hesitate to use our sanctions", ["Price"]),
    ("003", "an unprecedented level of military and technical support", ["Kirby"]),
    ("003", "These fighter jets will significantly strengthen", ["Kirby"]),
    ("003", "will use the tools at our disposal", ["Kirby"]),
    ("003", "deepening and growing defense partnership", None),
    ("003", "perfect insight into Iran’s thinking", ["Kirby"]),
    ("003", "unprecedented levels of military and technical support", ["Woodward"]),
    ("003", "We are concerned that Russia intends", ["Woodward"]),            # "she said"
    ("003", "That is why it is imperative", ["Woodward"]),
    ("003", "Ukraine demands that Iran immediately stop", ["Kislytsa"]),      # apposition after the name
    ("003", "The military-industrial complex in Russia", ["Nebenzia"]),       # "he said"
    ("003", "what we are seeing is", ["Mills"]),
    ("003", "It is Russia that cynically called for this meeting", ["Mills"]),
    ("003", "desperate alliance", ["Cleverley"]),
    ("003", "Iran is now one of Russia’s biggest military backers", ["Cleverley"]),
    ("003", "Their abhorrent deals have resulted", ["Cleverley"]),
    ("003", "In return, Russia is offering military and technical support", ["Cleverley"]),  # no cue: continues
    ("004", "exhausting to argue", ["Kirby"]),                                # spun "informed reporters"
    ("004", "Iran is now straight engaged on the bottom", ["Kirby"]),         # spun "mentioned"
    ("004", "operator and system failures early on", ["Kirby"]),
    ("004", "The proof that Iran helps Russia", ["Jean-Pierre"]),
    ("004", "And it's public", ["Jean-Pierre"]),
    ("004", "Cease killing your folks", ["Jean-Pierre"]),
    ("004", "could also be contemplating", ["Jean-Pierre", "Kirby"]),         # spun "noted", two speakers
    ("004", "We see indicators that they could be contemplating", ["Kirby"]),  # spun "explained" -> "defined"
    ("004", "I'd simply say we have seen indicators", ["Kirby"]),
    ("004", "for his or her brutal responses to protests in Iran", ["Blinken"]),  # spun "according to"
    ("004", "We stay dedicated to making sure", ["Jean-Pierre"]),
]
SCARE_QUOTES = [("001", "inappropriate attire"), ("003", "Star Wars"), ("004", "kamikaze")]


@pytest.fixture(scope="module")
def sample_claims(sample_corpus):
    return claims(sample_corpus, use_entities=False)


def _doc(corpus, prefix):
    return next(a for a in corpus if a.doc_id.startswith(prefix))


def _find(frame, doc_id, snippet):
    quotes = frame[(frame["doc_id"] == doc_id) & frame["kind"].isin(["direct", "partial"])]
    return quotes[quotes["quote"].map(lambda q: snippet in q)]


def test_columns_kinds_and_stances(sample_claims):
    assert list(sample_claims.columns) == CLAIM_COLUMNS
    assert set(sample_claims["kind"]) <= {"direct", "partial", "indirect", "according_to"}
    assert set(sample_claims["stance"]) <= {"assert", "deny", "believe", "call"}
    assert set(sample_claims["kind"]) == {"direct", "partial", "indirect", "according_to"}
    assert sample_claims["confidence"].between(0, 1).all()


@pytest.mark.parametrize("prefix,snippet,speakers", SAMPLE_KEY)
def test_sample_answer_key(sample_corpus, sample_claims, prefix, snippet, speakers):
    doc_id = _doc(sample_corpus, prefix).doc_id
    found = _find(sample_claims, doc_id, snippet)
    assert len(found) == 1, f"{snippet!r} found {len(found)} times"
    if speakers is not None:
        speaker = found.iloc[0]["speaker"] or ""
        for name in speakers:
            assert name in speaker, f"{snippet!r}: speaker {speaker!r}, expected {name}"


def test_sample_recall_and_speaker_accuracy(sample_corpus, sample_claims):
    found = right = 0
    for prefix, snippet, speakers in SAMPLE_KEY:
        hit = _find(sample_claims, _doc(sample_corpus, prefix).doc_id, snippet)
        found += not hit.empty
        if speakers and not hit.empty and all(n in (hit.iloc[0]["speaker"] or "") for n in speakers):
            right += 1
    assert found / len(SAMPLE_KEY) >= 0.95
    assert right / sum(1 for *_, s in SAMPLE_KEY if s) >= 0.90


@pytest.mark.parametrize("prefix,term", SCARE_QUOTES)
def test_scare_quotes_are_not_claims(sample_corpus, sample_claims, prefix, term):
    doc_id = _doc(sample_corpus, prefix).doc_id
    rows = sample_claims[(sample_claims["doc_id"] == doc_id) & sample_claims["kind"].isin(["direct", "partial"])]
    assert not rows["quote"].map(lambda q: q.strip(" .,") == term).any()


def test_offsets_point_into_the_original_file(sample_corpus, sample_claims):
    raws = {a.doc_id: a.raw for a in sample_corpus}
    for row in sample_claims.itertuples(index=False):
        raw = raws[row.doc_id]
        first = re.split(r" … ", row.quote)[0]
        assert " ".join(raw[row.start:row.end].split()).startswith(" ".join(first.split())[:40])
        if row.cue is not None and row.cue_start is not pd.NA:
            assert raw[int(row.cue_start):].lower().startswith(row.cue.split()[0].lower())
        if row.speaker_start is not pd.NA:
            assert raw[int(row.speaker_start):int(row.speaker_end)].strip()


def test_spun_article_offsets_differ_from_text_offsets(sample_corpus, sample_claims):
    # 002 repeats its title and lead as boilerplate: raw and text offsets differ there
    article = _doc(sample_corpus, "002")
    row = _find(sample_claims, article.doc_id, "We express our grave concern").iloc[0]
    assert article.raw[row.start:row.end].startswith("We express our grave concern")
    assert article.text.find("We express our grave concern") != row.start


def test_speaker_role_kept_apart(sample_corpus, sample_claims):
    row = _find(sample_claims, _doc(sample_corpus, "000").doc_id, "These cowardly drone attacks").iloc[0]
    assert row["speaker"] == "James Cleverly"
    assert row["speaker_role"] == "British Foreign Secretary"
    raw = _doc(sample_corpus, "000").raw
    assert raw[row["speaker_start"]:row["speaker_end"]] == "James Cleverly"


# --- small texts of our own ------------------------------------------------------------------

HARD_CASES = {
    "a_mixed_marks.txt": 'Talks stall\n\n“We will respond firmly," Jane Doe said on Monday.\n',
    "b_run_on.txt": ("Budget\n\nFinance minister Alan Brook spoke to parliament on Tuesday.\n\n"
                     "“The first point is settled, and the banks have agreed to the plan.\n\n"
                     "“The second point is not settled yet,” Brook said.\n"),
    "c_pronouns.txt": ("Storm\n\nMayor Maria Lopez said the city was prepared. She added that shelters were open.\n\n"
                       "“Roads are closed across the north of the city,” said Tom Hale, the police chief. "
                       "He urged drivers to stay home.\n\n"
                       "“We are ready for the storm and for what comes after,” she said.\n"),
    "d_spokesman.txt": ("Report\n\nForeign ministry spokesman Li Wen said the report was false.\n\n"
                        "“We reject these claims entirely and completely,” the spokesman said.\n"),
    "e_continuation.txt": ("Rally\n\n“We are ready to win this vote,” Ann Smith told reporters.\n\n"
                           "“Nothing will stop us now, not even the rain.”\n"),
    "f_apposition.txt": ("UN\n\n“Sanctions work when everyone applies them,” Tom Reed, the country's ambassador to the UN, "
                         "told CNN on Friday.\n\n“We will act now,” Foreign Secretary Jane Hill said in a statement.\n"),
    "g_surname.txt": ("Visit\n\nDeputy minister Paul Grant visited the site on Monday.\n\n"
                      "“It is safe for the families to return,” Grant said.\n"),
    "h_collective.txt": ("Talks\n\nThe White House said on Monday that the talks had failed.\n\n"
                         "Iran and Russia both denied the report.\n\n"
                         "Senator Amy Ward urged the government to act quickly on the crisis.\n\n"
                         "Analyst Ben Cole believes that prices will rise next year.\n"),
    "i_scare.txt": ("Drones\n\nThe so-called “kamikaze” drones hit the city. The “Star Wars” contest ended long ago.\n"),
    "j_according.txt": ("Arrests\n\nAccording to a government statement, ten people were arrested in the capital.\n"),
    "k_partial.txt": ("Army\n\nDefence chief Mark Olsen said the army would “respond with force” if attacked.\n"),
    "l_unresolved.txt": ("Crisis\n\n“This cannot go on much longer,” he said.\n"),
    "m_dash.txt": ("Voices\n\n“The debate changed my mind about the whole race.” ― Carla Ortiz\n"),
    "n_definite.txt": ("Strikes\n\nPortugal’s defence ministry denied targeting civilian infrastructure. “Our strikes are "
                       "aimed only at military targets,” the ministry said in a statement.\n"),
    "o_dateline.txt": ("Border\n\nLisbon – Portugal said on Monday that it had closed the border for a week.\n"),
    "p_nested.txt": ("Visit\n\nForeign Minister Ana Costa said the attacks showed “the desperation of the regime.”\n"),
}


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims-hard")
    for name, text in HARD_CASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, claims(corpus, use_entities=False)


def _one(hard, doc_id, snippet):
    corpus, frame = hard
    rows = frame[(frame["doc_id"] == doc_id) & frame["quote"].map(lambda q: snippet in q)]
    assert len(rows) >= 1, f"{doc_id}: {snippet!r} not found in {frame[frame['doc_id'] == doc_id]['quote'].tolist()}"
    return rows.iloc[0]


def test_mixed_unbalanced_quote_marks(hard):
    row = _one(hard, "a_mixed_marks", "We will respond firmly")
    assert (row["kind"], row["speaker"], row["cue"]) == ("direct", "Jane Doe", "said")


def test_run_on_quote_over_paragraphs(hard):
    row = _one(hard, "b_run_on", "The first point is settled")
    assert row["kind"] == "direct" and row["speaker"] == "Alan Brook"
    assert "The second point is not settled yet" in row["quote"]


def test_pronoun_goes_to_nearest_compatible_speaker(hard):
    assert _one(hard, "c_pronouns", "Roads are closed")["speaker"] == "Tom Hale"
    row = _one(hard, "c_pronouns", "We are ready for the storm")
    assert row["speaker"] == "Maria Lopez"   # not Tom Hale, the nearer but male speaker
    corpus, _ = hard
    raw = corpus["c_pronouns"].raw
    assert raw[row["speaker_start"]:row["speaker_end"]] == "she"


def test_role_noun_refers_back(hard):
    row = _one(hard, "d_spokesman", "We reject these claims")
    assert row["speaker"] == "Li Wen"
    assert "spokesman" in row["speaker_role"]


def test_quote_without_cue_continues_previous_speaker(hard):
    row = _one(hard, "e_continuation", "Nothing will stop us now")
    assert row["speaker"] == "Ann Smith" and row["cue"] is None and row["confidence"] < 0.9


def test_appositions(hard):
    row = _one(hard, "f_apposition", "Sanctions work")
    assert row["speaker"] == "Tom Reed" and "ambassador to the UN" in row["speaker_role"]
    row = _one(hard, "f_apposition", "We will act now")
    assert (row["speaker"], row["speaker_role"]) == ("Jane Hill", "Foreign Secretary")


def test_surname_resolves_to_full_name(hard):
    assert _one(hard, "g_surname", "It is safe")["speaker"] == "Paul Grant"


def test_collective_speakers_and_stances(hard):
    corpus, frame = hard
    rows = frame[frame["doc_id"] == "h_collective"].set_index("speaker")
    assert rows.loc["White House", "kind"] == "indirect"
    assert "the talks had failed" in rows.loc["White House", "quote"]
    assert rows.loc["Iran and Russia", "stance"] == "deny"
    assert rows.loc["Amy Ward", "stance"] == "call"
    assert rows.loc["Ben Cole", "stance"] == "believe"


def test_scare_quotes_small_text(hard):
    corpus, frame = hard
    assert frame[frame["doc_id"] == "i_scare"].empty


def test_according_to(hard):
    row = _one(hard, "j_according", "ten people were arrested")
    assert row["kind"] == "according_to" and row["speaker"] == "government"


def test_partial_quote_in_reported_speech(hard):
    corpus, frame = hard
    rows = frame[(frame["doc_id"] == "k_partial") & (frame["kind"] == "partial")]
    assert rows[["quote", "speaker"]].values.tolist() == [["respond with force", "Mark Olsen"]]
    assert (frame[frame["doc_id"] == "k_partial"]["kind"] == "indirect").any()


def test_unresolvable_speaker_is_none(hard):
    row = _one(hard, "l_unresolved", "This cannot go on")
    assert row["speaker"] is None and row["confidence"] <= 0.3


def test_dash_attribution(hard):
    assert _one(hard, "m_dash", "The debate changed my mind")["speaker"] == "Carla Ortiz"


def test_definite_noun_phrase_names_an_earlier_speaker(hard):
    row = _one(hard, "n_definite", "Our strikes are aimed only")
    assert row["speaker"] == "Portugal’s defence ministry"


def test_dateline_is_not_part_of_the_speaker(hard):
    assert _one(hard, "o_dateline", "closed the border")["speaker"] == "Portugal"


def test_nested_attribution_goes_to_the_outer_named_speaker(hard):
    corpus, frame = hard
    rows = frame[(frame["doc_id"] == "p_nested") & (frame["kind"] == "partial")]
    assert rows[["quote", "speaker"]].values.tolist() == [["the desperation of the regime.", "Ana Costa"]]


# --- cross-source views ------------------------------------------------------------------------

def test_quote_groups_match_spun_copy_and_flag_conflicts(sample_corpus, sample_claims):
    groups = quote_groups(sample_corpus, sample_claims)
    spun = groups[groups["quote"].str.contains("straight engaged on the bottom")]
    assert len(spun) == 1
    members = groups[groups["group_id"] == spun.iloc[0]["group_id"]]
    assert members["quote"].str.contains("directly engaged on the ground").any()
    assert not members["conflict"].any()
    woodward = groups[groups["speaker"] == "Barbara Woodward"]
    assert woodward["conflict"].all()


def test_quote_groups_conflict_on_small_texts(tmp_path):
    (tmp_path / "a.txt").write_text("One\n\n“The bridge will reopen next spring after the repairs,” Karl Benz said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two\n\n“The bridge will re-open next spring after repairs,” Otto Lang said.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    groups = quote_groups(corpus, claims(corpus, use_entities=False))
    assert len(groups) == 2 and groups["conflict"].all() and (groups["n_articles"] == 2).all()


def test_normalise_quote_undoes_spinner_synonyms():
    assert normalise_quote("Tehran is now straight engaged on the bottom", {"straight": "directly", "bottom": "ground"}) \
        == "tehran is now directly engaged on the ground"


def test_denials_pair_with_the_claims_they_answer(sample_corpus, sample_claims):
    table = denials(sample_corpus, sample_claims)
    korea = table[table["denier"] == "North Korea"]
    assert len(korea) == 1 and korea.iloc[0]["claimant"] == "White House" and korea.iloc[0]["match"] == "anaphora"
    sale = table[table["denial"] == "selling the munitions"].iloc[0]
    assert "accused Iran of selling drones" in sale["claim"]


# --- command line and entity integration ------------------------------------------------------------------

def test_cli_writes_claims_groups_and_denials(tmp_path):
    from analysis.cli import main
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(HARD_CASES["f_apposition.txt"], encoding="utf-8")
    out, groups = tmp_path / "claims.csv", tmp_path / "groups.csv"
    assert main(["claims", "--corpus", str(folder), "--out", str(out), "--groups", str(groups)]) == 0
    frame = pd.read_csv(out)
    assert list(frame.columns) == CLAIM_COLUMNS and len(frame) == 2
    assert groups.exists()


def test_speakers_link_to_entities_when_present(sample_corpus):
    pytest.importorskip("analysis.entities")
    frame = claims(sample_corpus)
    kirby = frame[frame["speaker"].fillna("").str.contains("Kirby")]
    assert len(kirby) >= 10
    assert kirby["speaker_entity_id"].notna().mean() >= 0.9
    assert kirby["speaker_entity_id"].nunique() == 1


# --- markup left in scraped plain text ----------------------------------------------------------------------

MARKUP_TEXT = (
    "Harbour deal\n\n"
    "Mayor Ines Duarte said the contract would be reviewed. Read the auditors' memo at "
    "<a href=\"https://example.org/memo\" title=\"the full memo\">the memo</a>.\n\n"
    "<img src=x onerror=\"document.title='gotcha'\"> The harbour board declined to comment. "
    "<svg onload=\"alert('svg')\"><circle r=9></circle></svg>\n\n"
    "Councillor Paulo Reis said the vote had been <!-- editor: check this --> rushed.\n\n"
    "“We will appeal, <b>whatever</b> it costs,” Reis told reporters.\n\n"
    "Loose markup x onclick=\"steal()\" and onload=\"grab cookies now\" was pasted here, the clerk said.\n"
)


@pytest.fixture(scope="module")
def markup_claims(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims-markup")
    (folder / "m.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus, claims(corpus, use_entities=False)


def test_attribute_values_in_markup_are_not_quotations(markup_claims):
    _, frame = markup_claims
    quotes = " | ".join(frame["quote"])
    for code in ["https://example.org/memo", "the full memo", "gotcha", "alert", "steal()", "grab cookies now"]:
        assert code not in quotes, code
    assert set(frame["kind"]) <= {"direct", "indirect"}     # no partial quote made of an attribute value


def test_reported_speech_stops_at_markup(markup_claims):
    corpus, frame = markup_claims
    reis = frame[(frame["kind"] == "indirect") & (frame["speaker"] == "Paulo Reis")]
    assert reis["quote"].tolist() == ["the vote had been"]
    raw = next(iter(corpus)).raw
    row = reis.iloc[0]
    assert raw[row["start"]:row["end"]] == "the vote had been"
    assert not frame["quote"].str.contains("<|-->|=", regex=True).any()


def test_direct_quote_keeps_its_words_without_tags(markup_claims):
    corpus, frame = markup_claims
    row = frame[frame["kind"] == "direct"].iloc[0]
    assert row["quote"] == "We will appeal, whatever it costs"
    assert row["speaker"] == "Paulo Reis"
    raw = next(iter(corpus)).raw
    assert raw[row["start"]:row["end"]] == "We will appeal, <b>whatever</b> it costs"


def test_markup_spans_find_tags_comments_scripts_and_attribute_values():
    from analysis.claims import markup_spans, strip_markup
    text = ("a <a href=\"x>y\">b</a> c <!-- d --> e <script>f(\"g\")</script> h k=\"v\" "
            "[l](javascript:m) “n”")
    got = [text[a:b] for a, b in markup_spans(text)]
    assert got == ["<a href=\"x>y\">", "</a>", "<!-- d -->", "<script>f(\"g\")</script>", "=\"v\"",
                   "(javascript:m)"]
    assert " ".join(strip_markup(text).split()) == "a b c e h k [l] “n”"
    assert markup_spans("profits rose 3% < 5% > last year") == []
