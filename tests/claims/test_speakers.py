"""Speaker mentions and their resolution: appositions, roles, pronouns, surnames, continuations."""
from __future__ import annotations

from .cases import doc_of, find, one


def test_speaker_role_kept_apart(sample_corpus, sample_claims):
    row = find(sample_claims, doc_of(sample_corpus, "000").doc_id, "These cowardly drone attacks").iloc[0]
    assert row["speaker"] == "James Cleverly"
    assert row["speaker_role"] == "British Foreign Secretary"
    raw = doc_of(sample_corpus, "000").raw
    assert raw[row["speaker_start"]:row["speaker_end"]] == "James Cleverly"


def test_pronoun_goes_to_nearest_compatible_speaker(hard):
    assert one(hard, "c_pronouns", "Roads are closed")["speaker"] == "Tom Hale"
    row = one(hard, "c_pronouns", "We are ready for the storm")
    assert row["speaker"] == "Maria Lopez"   # not Tom Hale, the nearer but male speaker
    corpus, _ = hard
    raw = corpus["c_pronouns"].raw
    assert raw[row["speaker_start"]:row["speaker_end"]] == "she"


def test_role_noun_refers_back(hard):
    row = one(hard, "d_spokesman", "We reject these claims")
    assert row["speaker"] == "Li Wen"
    assert "spokesman" in row["speaker_role"]


def test_quote_without_cue_continues_previous_speaker(hard):
    row = one(hard, "e_continuation", "Nothing will stop us now")
    assert row["speaker"] == "Ann Smith" and row["cue"] is None and row["confidence"] < 0.9


def test_appositions(hard):
    row = one(hard, "f_apposition", "Sanctions work")
    assert row["speaker"] == "Tom Reed" and "ambassador to the UN" in row["speaker_role"]
    row = one(hard, "f_apposition", "We will act now")
    assert (row["speaker"], row["speaker_role"]) == ("Jane Hill", "Foreign Secretary")


def test_surname_resolves_to_full_name(hard):
    assert one(hard, "g_surname", "It is safe")["speaker"] == "Paul Grant"


def test_unresolvable_speaker_is_none(hard):
    row = one(hard, "l_unresolved", "This cannot go on")
    assert row["speaker"] is None and row["confidence"] <= 0.3


def test_dash_attribution(hard):
    assert one(hard, "m_dash", "The debate changed my mind")["speaker"] == "Carla Ortiz"


def test_definite_noun_phrase_names_an_earlier_speaker(hard):
    row = one(hard, "n_definite", "Our strikes are aimed only")
    assert row["speaker"] == "Portugal’s defence ministry"


def test_dateline_is_not_part_of_the_speaker(hard):
    assert one(hard, "o_dateline", "closed the border")["speaker"] == "Portugal"


def test_nested_attribution_goes_to_the_outer_named_speaker(hard):
    corpus, frame = hard
    rows = frame[frame["doc_id"] == "p_nested"]   # one mixed claim (a partial and an indirect row before issue 13)
    assert rows[["kind", "quote", "speaker"]].values.tolist() == [
        ["mixed", "the attacks showed “the desperation of the regime.”", "Ana Costa"]]
