"""One claim per attribution (issue 13, causes 1 and 2): texts written here, expectations by hand."""
from __future__ import annotations

import pandas as pd

from analysis.claims import claims, parse_spans, speaker_summary, words_quoted_by_article


def _claims(make_corpus, body: str) -> tuple[str, pd.DataFrame]:
    corpus = make_corpus({"a.txt": f"Title\n\n{body}\n"})
    return next(iter(corpus)).raw, claims(corpus, use_entities=False)


def _quoted(raw: str, row) -> list[str]:
    return [raw[a:b] for a, b in parse_spans(row["quoted_spans"])]


def test_mixed_quote_is_one_claim_with_its_quoted_fragments(make_corpus):
    raw, frame = _claims(make_corpus, "The mayor, Tom Hale, said the plan was “a disaster” for the town.")
    assert frame[["kind", "quote", "speaker", "cue"]].values.tolist() == [
        ["mixed", "the plan was “a disaster” for the town", "Tom Hale", "said"]]
    row = frame.iloc[0]
    assert raw[row["start"]:row["end"]] == "the plan was “a disaster” for the town"
    assert _quoted(raw, row) == ["a disaster"]
    summary = speaker_summary(frame)   # only the quoted words count as words quoted
    assert summary[["speaker", "quotes", "words_quoted", "claims"]].values.tolist() == [["Tom Hale", 1, 2, 1]]
    assert words_quoted_by_article(frame).loc["Tom Hale"].tolist() == [2]


def test_mixed_quote_with_two_fragments_keeps_both_spans(make_corpus):
    raw, frame = _claims(make_corpus, "Defence chief Mark Olsen said the army would “respond with force” and "
                                      "“without delay” if attacked.")
    assert frame["kind"].tolist() == ["mixed"]
    assert _quoted(raw, frame.iloc[0]) == ["respond with force", "without delay"]
    assert speaker_summary(frame)["words_quoted"].tolist() == [5]


def test_quote_speech_tag_rest_of_quote_is_one_claim(make_corpus):
    raw, frame = _claims(make_corpus, "“We will not give up the harbour,” Senator Ann Reed said. "
                                      "“The town needs it more than ever.”")
    assert frame[["kind", "speaker"]].values.tolist() == [["direct", "Ann Reed"]]
    assert _quoted(raw, frame.iloc[0]) == ["We will not give up the harbour", "The town needs it more than ever."]


def test_quote_resumed_in_lower_case_after_a_long_tag_is_one_claim(make_corpus):
    raw, frame = _claims(make_corpus, "“I think the moderator will be very fair,” Tom Lake said during a rally in "
                                      "Kenansville, N.C., “but a lot of people are going to be watching him.”")
    assert frame[["kind", "speaker"]].values.tolist() == [["direct", "Tom Lake"]]
    assert _quoted(raw, frame.iloc[0]) == ["I think the moderator will be very fair",
                                           "but a lot of people are going to be watching him."]


def test_quote_continued_over_a_paragraph_goes_on_after_its_tag(make_corpus):
    raw, frame = _claims(make_corpus, "Finance minister Alan Brook spoke on Tuesday.\n\n"
                                      "“The first point is settled.\n\n"
                                      "“The second point is not,” Brook said. “The third is open.”")
    assert frame[["kind", "speaker"]].values.tolist() == [["direct", "Alan Brook"]]
    assert _quoted(raw, frame.iloc[0]) == ["The first point is settled.", "The second point is not",
                                           "The third is open."]


def test_a_new_sentence_with_its_own_lead_in_is_another_claim(make_corpus):
    raw, frame = _claims(make_corpus, "Ruth Oakes asked if I believed in the devil. I gave my answer: "
                                      "“Of course I believe in the devil.” To which she said, "
                                      "“Thank God you still believe.”")
    quotes = frame[frame["kind"] == "direct"]
    assert [_quoted(raw, row) for _, row in quotes.iterrows()] == [["Of course I believe in the devil."],
                                                                   ["Thank God you still believe."]]


def test_quoted_spans_round_trip_through_the_csv_the_cli_writes(tmp_path):
    from analysis.cli import main
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\n“We will not give up the harbour,” Senator Ann Reed said. "
                                  "“The town needs it.”\n", encoding="utf-8")
    out = tmp_path / "claims.csv"
    assert main(["claims", "--corpus", str(folder), "--out", str(out)]) == 0
    raw = (folder / "a.txt").read_text(encoding="utf-8")
    row = pd.read_csv(out).iloc[0]
    assert [raw[a:b] for a, b in parse_spans(row["quoted_spans"])] == ["We will not give up the harbour",
                                                                       "The town needs it."]


def test_a_reported_clause_nested_in_another_is_one_attribution(make_corpus):
    # issue 13 (cause 1): "X said he thought that ... “...”" is X's one attribution, not an extra row
    raw, frame = _claims(make_corpus, "Mayor Tom Hale said he thought that the levy was “a very big mistake” "
                                      "for the town.")
    assert frame[["kind", "quote", "speaker"]].values.tolist() == [
        ["mixed", "he thought that the levy was “a very big mistake” for the town", "Tom Hale"]]
    assert _quoted(raw, frame.iloc[0]) == ["a very big mistake"]


def test_a_fragment_running_past_its_clause_stays_with_it(make_corpus):
    # issue 13 (cause 1): the second fragment, in a clause joined by "but", belongs to the same claim
    raw, frame = _claims(make_corpus, "Senator Ruth Moss is claiming that the fraud is “a big, big problem in "
                                      "this state” but “nobody has the guts to talk about it.”")
    assert frame["kind"].tolist() == ["mixed"]
    assert _quoted(raw, frame.iloc[0]) == ["a big, big problem in this state", "nobody has the guts to talk about it."]


def test_fragments_after_a_coordinated_cue_are_another_claim(make_corpus):
    # issue 13 (cause 2): "X said ... “A,” but he said ... “B”": two attributions, not one joined by "…"
    raw, frame = _claims(make_corpus, "Police chief Kerr Dunne said that the video did not give “clear evidence "
                                      "that a man held a gun,” but he said that the footage “supports what we heard” "
                                      "about the night.")
    assert [_quoted(raw, row) for _, row in frame.iterrows()] == [["clear evidence that a man held a gun"],
                                                                  ["supports what we heard"]]
    assert frame["speaker"].tolist() == ["Kerr Dunne", "Kerr Dunne"]


def test_a_clause_does_not_end_on_the_mark_opening_a_quote(make_corpus):
    # issue 13 (cause 2): 'she recalled thinking, “' is not a quote of its own
    raw, frame = _claims(make_corpus, "Judge Ann Lowe said she recalled thinking, “This is what people have "
                                      "talked about for years.”")
    assert frame[frame["quote"].str.contains("“")].empty
    assert frame[frame["kind"] == "direct"]["quote"].tolist() == ["This is what people have talked about for years."]


def test_a_clause_stops_at_a_dash_aside_and_at_a_coordinated_cue(make_corpus):
    # issue 13 (cause 2): the writer's aside after a dash, and a second cue of the same speaker, are not the quote
    raw, frame = _claims(make_corpus, "Mayor Tom Hale dismissed the port as “a relic of another age” — a view few "
                                      "in the town share. The ministry said it was “resolutely opposed” to the test "
                                      "and warned the north to refrain from further tests.")
    assert frame[["kind", "quote", "cue"]].values.tolist() == [
        ["mixed", "the port as “a relic of another age”", "dismissed"],
        ["mixed", "it was “resolutely opposed” to the test", "said"],
        ["indirect", "to refrain from further tests", "warned"]]


def test_a_quote_right_after_its_tag_is_direct_however_long_the_lead_in(make_corpus):
    # issue 13 (cause 2): a long lead-in ending in "X replied," is the reply's tag, not a reported clause holding it
    raw, frame = _claims(make_corpus, "When pressed on why the plan leaves out the harbour towns, the mayor of the "
                                      "county replied, “It is meant to help the families who need it most.”")
    direct = frame[frame["kind"] == "direct"]
    assert direct[["quote", "cue"]].values.tolist() == [["It is meant to help the families who need it most.",
                                                         "replied"]]
    assert not frame[(frame["kind"] != "direct") & frame["quote"].str.contains("“")].shape[0]


def test_a_lower_case_fragment_after_a_fragment_of_its_sentence_is_the_same_claim(make_corpus):
    # issue 13 (cause 1): '“some people” who feel that way, “but not among the vast majority.”' is one claim
    raw, frame = _claims(make_corpus, "Senator Ann Reed acknowledged that there are still “some people” who feel "
                                      "that way, “but not among the vast majority.”")
    assert frame["kind"].tolist() == ["mixed"]
    assert _quoted(raw, frame.iloc[0]) == ["some people", "but not among the vast majority."]


def test_quote_resumed_after_its_tag_and_a_conjunction_is_one_claim(make_corpus):
    # cause 2: '“A,” he said, but “b ...”' gave a direct quote and, apart, a partial one
    raw, frame = _claims(make_corpus, 'Tom Hale praised the firm. "You know, I like Ann," he said, but "when it '
                                      'comes to money, she has a long record of helping the banks."')
    assert frame[["kind", "speaker"]].values.tolist() == [["direct", "Tom Hale"]]
    assert _quoted(raw, frame.iloc[0]) == ["You know, I like Ann",
                                           "when it comes to money, she has a long record of helping the banks."]


def test_an_accusation_attributes_the_charge_not_the_one_accused(make_corpus):
    # 'X accused Y of “...”': the claim is the charge; the clause ran from Y, so a short quoted charge after a long
    # object was a small part of its own claim
    raw, frame = _claims(make_corpus, 'The council accused the mayor, Tom Hale, of "gross negligence." Ann Reed '
                                      'blamed the banks for the crisis in the town.')
    assert frame[["kind", "quote", "speaker"]].values.tolist() == [["partial", "gross negligence.", "council"],
                                                                   ["indirect", "the crisis in the town", "Ann Reed"]]
