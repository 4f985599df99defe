"""Source overlap: reused passages (verbatim, near, spun), spin verdicts, shared quotes, shared entities."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest

from analysis import overlap

D000 = "000_7a1e7394c9004f4f"
D001 = "001_28ca36ce2e4e94c5"
D003 = "003_0d55d710c7bf9c8f"
D004 = "004_5ba1a730b4e5b811"

FILLER_A = ("Officials in the region spent the morning reviewing harvest figures, which showed a modest rise "
            "in grain output after a wet spring. Farmers said storage remained the main worry.")
FILLER_B = ("A local football club unveiled plans for a new stand on Tuesday, promising wider seats and a "
            "covered walkway for supporters travelling from the station.")
FILLER_C = ("The museum reopened its east wing after a long restoration, with paintings rehung in the order "
            "the founder chose a century ago and new lighting throughout.")
COPIED = ("The ministry said the new rail line would carry twelve thousand passengers a day once the tunnel "
          "under the river is finished, and that tickets would cost less than the current bus fare.")
# the same sentence with content words swapped by hand, none of the swaps in the lexicon
SPUN_UNKNOWN = ("The ministry said the fresh railway line would transport twelve thousand riders a day once the "
                "tunnel under the river is completed, and that fares would cost less than the present coach fare.")


@pytest.fixture(scope="module")
def sample_passages(sample_corpus):
    return overlap.passages(sample_corpus, details=True)


@pytest.fixture(scope="module")
def sample_summary(sample_corpus):
    return overlap.reuse_summary(sample_corpus).set_index("doc_id")


# ---------------------------------------------------------------------------
# The sample corpus
# ---------------------------------------------------------------------------

def test_spun_kirby_quote_in_004_is_aligned_with_001(sample_passages):
    pair = sample_passages[(sample_passages.doc_a == D001) & (sample_passages.doc_b == D004)]
    assert len(pair) == 1
    row = pair.iloc[0]
    assert "Tehran is now directly engaged on the ground" in row.text_a
    assert "Iran is now straight engaged on the bottom" in row.text_b
    assert row.kind == "spun"
    assert "directly→straight" in row.substitutions and "ground→bottom" in row.substitutions


def test_passage_offsets_point_into_the_raw_files(sample_corpus, sample_passages):
    assert not sample_passages.empty
    for row in sample_passages.itertuples():
        assert sample_corpus[row.doc_a].raw[row.a_start:row.a_end] == row.text_a
        assert sample_corpus[row.doc_b].raw[row.b_start:row.b_end] == row.text_b
    row = sample_passages[(sample_passages.doc_a == D001) & (sample_passages.doc_b == D004)].iloc[0]
    raw = sample_corpus[D004].raw
    assert raw.find("Iran is now straight engaged") == row.b_start + row.text_b.find("Iran is now straight engaged")


def test_no_entity_title_or_boilerplate_passage_on_the_sample(sample_corpus, sample_passages):
    # 000 and 003 share only the title "National Security Council spokesman John Kirby" and names
    assert sample_passages[(sample_passages.doc_a == D000) & (sample_passages.doc_b == D003)].empty
    for row in sample_passages.itertuples():
        for text in (row.text_a, row.text_b):
            assert "National Security Council spokesman John Kirby" not in text
            assert "email address" not in text.lower() and "also read" not in text.lower()
        assert row.content_matched >= 4
    pairs = overlap.reuse_pairs(sample_corpus).set_index(["doc_a", "doc_b"])
    assert "entity_title" in pairs.loc[(D000, D003), "rejected"]


def test_only_004_is_flagged_spun_with_the_substituted_words(sample_summary):
    assert sample_summary["spun"].to_dict() == {d: d == D004 for d in sample_summary.index}
    evidence = sample_summary.at[D004, "spun_evidence"]
    for word in ("straight", "bottom"):
        assert word in evidence
    assert "White Home (for White House" in sample_summary.at[D004, "broken_names"]
    assert "Nationwide Safety Council (for National Security Council" in sample_summary.at[D004, "broken_names"]
    assert sample_summary.at[D001, "spun_evidence"] == ""


def test_004_is_the_copier_and_churn_is_a_share(sample_summary):
    assert D001 in sample_summary.at[D004, "likely_sources"]
    assert D004 in sample_summary.at[D001, "copied_by"]
    assert "credits Reuters" in sample_summary.at[D001, "likely_sources"]
    assert ((sample_summary["churn_pct"] >= 0) & (sample_summary["churn_pct"] <= 100)).all()
    assert sample_summary.at[D004, "churn_pct"] > 0
    assert sample_summary.at["002_a9082c3e95b1b9c8", "churn_pct"] == 0


def test_shared_kirby_quote_in_000_and_001_is_found(sample_corpus):
    quotes = overlap.shared_quotes(sample_corpus)
    groups = {g: set(m["doc_id"]) for g, m in quotes.groupby("group")}
    diplomacy = [g for g, m in quotes.groupby("group")
                 if m["shared_text"].str.contains("focused on", regex=False).all()]
    assert len(diplomacy) == 1 and groups[diplomacy[0]] == {D000, D001}
    spun = [g for g, docs in groups.items() if docs == {D001, D004}]
    assert len(spun) == 1
    rows = quotes[quotes.group == spun[0]].set_index("doc_id")
    assert rows.at[D004, "match"] == "spun"
    assert "straight engaged" in rows.at[D004, "shared_text"]
    for row in quotes.itertuples():
        assert sample_corpus[row.doc_id].raw[row.start:row.end]  # offsets inside the file


def test_matrices_and_pair_verdicts_on_the_sample(sample_corpus):
    ids = sample_corpus.doc_ids
    for level in overlap.LEVELS:
        table = overlap.matrix(sample_corpus, level)
        assert list(table.index) == ids and list(table.columns) == ids
        assert np.isnan(np.diag(table.to_numpy(dtype=float))).all()
    passage = overlap.matrix(sample_corpus, "passage")
    assert passage.at[D004, D001] > 0 and passage.at[D000, D003] == 0
    entity = overlap.matrix(sample_corpus, "entity")
    assert (entity.fillna(0) == entity.fillna(0).T).all().all()
    verdicts = overlap.pair_verdicts(sample_corpus).set_index(["doc_a", "doc_b"])
    assert len(verdicts) == 10
    assert verdicts.at[(D001, D004), "verdict"] == "copied (spun)"
    assert verdicts.at[(D000, D001), "verdict"] == "shared quotes"
    assert verdicts["why"].str.len().gt(0).all()


def test_with_overlap_raises_on_unknown_level(sample_corpus):
    with pytest.raises(ValueError, match="level"):
        overlap.matrix(sample_corpus, "sentence")


# ---------------------------------------------------------------------------
# Small texts of our own
# ---------------------------------------------------------------------------

def test_verbatim_copy_inside_longer_articles_has_exact_offsets(make_corpus):
    corpus = make_corpus({
        "a.txt": f"Rail plan\n\n{FILLER_A}\n\n{COPIED}\n\n{FILLER_B}\n",
        "b.txt": f"Tunnel news\n\n{FILLER_C}\n\n[ad_1]{COPIED}\n",
    })
    frame = overlap.passages(corpus)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row.kind == "verbatim" and row.substitutions == ""
    raw_a, raw_b = corpus["a"].raw, corpus["b"].raw
    assert (row.a_start, row.a_end) == (raw_a.index(COPIED), raw_a.index(COPIED) + len(COPIED))
    assert (row.b_start, row.b_end) == (raw_b.index(COPIED), raw_b.index(COPIED) + len(COPIED))


def test_spun_copy_with_substitutions_unknown_to_the_lexicon_is_found(make_corpus):
    corpus = make_corpus({
        "a.txt": f"Rail plan\n\n{FILLER_A}\n\n{COPIED}\n",
        "b.txt": f"Railway plan\n\n{SPUN_UNKNOWN}\n\n{FILLER_B}\n",
    })
    frame = overlap.passages(corpus)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row.kind in ("near", "spun")
    assert "passengers→riders" in row.substitutions
    assert row.text_a.startswith("The ministry said") and row.text_b.endswith("coach fare.")


def test_lexicon_synonyms_and_broken_names_flag_the_spun_copy(make_corpus):
    original = ("The Foreign Office said the national security review showed the army was directly involved on "
                "the ground near the border, and officials told reporters the war had entered a new phase.")
    spun = ("The Overseas Workplace said the nationwide safety review showed the navy was straight involved on "
            "the bottom near the border, and officials informed reporters the warfare had entered a new phase.")
    corpus = make_corpus({
        "orig.txt": f"Border report\n\n{original}\n\n{FILLER_A}\n\nThe Foreign Office declined to comment.\n",
        "spun.txt": f"Border report again\n\n{FILLER_C}\n\n{spun}\n",
    })
    frame = overlap.passages(corpus)
    assert len(frame) == 1 and frame.iloc[0].kind == "spun"
    summary = overlap.reuse_summary(corpus).set_index("doc_id")
    assert summary["spun"].to_dict() == {"orig": False, "spun": True}
    assert "straight (for directly" in summary.at["spun", "spun_evidence"]
    assert "orig (spun)" in summary.at["spun", "likely_sources"]


def test_shared_entity_title_alone_is_not_a_passage(make_corpus):
    title = "Foreign Ministry spokesman Wang Wenbin"
    corpus = make_corpus({
        "a.txt": f"One\n\n{title} told a briefing in Beijing on Monday that talks would resume. {FILLER_A}\n",
        "b.txt": f"Two\n\n{FILLER_B} {title} declined to give a date for the visit.\n",
    })
    assert overlap.passages(corpus).empty
    pairs = overlap.reuse_pairs(corpus)
    assert pairs.iloc[0]["passages"] == 0


def test_short_shared_quote_is_a_shared_quote_not_a_passage(make_corpus):
    quote = "We will not be rushed into a final decision on the future of the harbour"
    corpus = make_corpus({
        "a.txt": f"Harbour\n\n“{quote},” the mayor said on Friday. {FILLER_A}\n",
        "b.txt": f"Port\n\n{FILLER_C} The mayor repeated: “{quote}.”\n",
    })
    assert overlap.passages(corpus).empty
    assert "quotation" in overlap.reuse_pairs(corpus).iloc[0]["rejected"]
    quotes = overlap.shared_quotes(corpus)
    assert set(quotes["doc_id"]) == {"a", "b"} and quotes["group"].nunique() == 1


def test_unrelated_articles_give_empty_tables_with_documented_columns(make_corpus):
    corpus = make_corpus({"a.txt": f"One\n\n{FILLER_A}\n", "b.txt": f"Two\n\n{FILLER_B}\n",
                          "c.txt": f"Three\n\n{FILLER_C}\n"})
    frame = overlap.passages(corpus)
    assert frame.empty and list(frame.columns) == overlap.PASSAGE_COLUMNS
    assert list(overlap.shared_quotes(corpus).columns) == overlap.QUOTE_COLUMNS
    verdicts = overlap.pair_verdicts(corpus)
    assert set(verdicts["verdict"]) == {"no overlap"}
    summary = overlap.reuse_summary(corpus)
    assert (summary["churn_pct"] == 0).all() and not summary["spun"].any()


def test_earlier_article_is_the_source_and_short_wire_story_is_found(make_corpus):
    wire = f"Wire\n\n12 March 2024\n\n{COPIED}\n"
    long_text = f"Feature\n\n14 March 2024\n\n{FILLER_A}\n\n{FILLER_B}\n\n{COPIED}\n\n{FILLER_C}\n"
    corpus = make_corpus({"feature.txt": long_text, "wire.txt": wire})
    pairs = overlap.reuse_pairs(corpus).iloc[0]
    assert (pairs["source"], pairs["copier"], pairs["basis"]) == ("wire", "feature", "date")
    assert pairs["containment_b"] > 0.9 > 0.5 > pairs["containment_a"]
    # no dates: the article more fully contained in the other is the source
    undated = make_corpus({"feature.txt": long_text.replace("14 March 2024\n\n", ""),
                           "wire.txt": wire.replace("12 March 2024\n\n", "")})
    assert overlap.reuse_pairs(undated).iloc[0][["source", "basis"]].tolist() == ["wire", "containment"]


def test_candidate_index_finds_what_exhaustive_alignment_finds(make_corpus):
    files = {f"n{k}.txt": f"Note {k}\n\n{[FILLER_A, FILLER_B, FILLER_C][k % 3]} Item {k}.\n" for k in range(6)}
    files["x.txt"] = f"X\n\n{FILLER_B}\n\n{COPIED}\n"
    files["y.txt"] = f"Y\n\n{SPUN_UNKNOWN}\n\n{FILLER_C}\n"
    corpus = make_corpus(files)
    exhaustive = overlap.passages(corpus, exhaustive=True)
    indexed = overlap.passages(corpus, exhaustive=False)
    assert not exhaustive.empty
    pd.testing.assert_frame_equal(exhaustive, indexed)


def test_smith_waterman_finds_the_best_local_run():
    score = np.full((5, 6), -3, dtype=np.int32)
    for i, j in ((1, 2), (2, 3), (3, 4)):
        score[i, j] = 6
    (best, path, path_scores), = overlap.local_alignments(score, min_score=10, max_alignments=2)
    assert best == 18 and path == [(1, 2), (2, 3), (3, 4)] and path_scores == [6, 6, 6]
    assert score[1, 2] == 6, "the caller's matrix is left as it was"


def test_local_alignments_do_not_reuse_words():
    score = np.full((12, 12), -10, dtype=np.int32)
    for i, j in ((0, 0), (1, 1), (2, 2), (3, 3), (8, 8), (9, 9), (10, 10)):
        score[i, j] = 6  # two runs too far apart to bridge with gaps (8 gaps cost 32)
    found = overlap.local_alignments(score, min_score=10, max_alignments=4)
    assert [(best, path) for best, path, _ in found] == [
        (24, [(0, 0), (1, 1), (2, 2), (3, 3)]), (18, [(8, 8), (9, 9), (10, 10)])]
    assert overlap.local_alignments(score, min_score=30, max_alignments=4) == []


def test_lexicon_file_is_editable(tmp_path, make_corpus):
    custom = tmp_path / "synonyms.yaml"
    custom.write_text("substitutions:\n  harbour: [quay]\n", encoding="utf-8")
    lexicon = overlap.load_lexicon(custom)
    assert lexicon.related(overlap.word_key("harbour", lexicon), overlap.word_key("quay", lexicon))
    assert not lexicon.related(overlap.word_key("house", lexicon), overlap.word_key("home", lexicon))
    assert overlap.word_key("engaged", lexicon) == overlap.word_key("engage", lexicon)
    default = overlap.load_lexicon()
    assert default.related(overlap.word_key("house", default), overlap.word_key("home", default))
    assert overlap.word_key("2,000", default) == "2000" and overlap.word_key("two", default) == "2"


def test_side_by_side_escapes_article_text():
    frame = pd.DataFrame([{"doc_a": "a", "doc_b": "<b>", "a_start": 10, "a_end": 30, "b_start": 0, "b_end": 20,
                           "text_a": "<script>x</script> go", "text_b": "<img src=x> went", "kind": "spun",
                           "score": 30, "substitutions": "go→went", "marks_a": "29-31", "marks_b": "12-16"}])
    out = overlap.side_by_side(frame)
    assert "<script>" not in out and "<img" not in out
    assert html.escape("<script>") in out
    assert "<mark>go</mark>" in out and "<mark>went</mark>" in out


def test_cli_writes_passages_and_summary(sample_corpus, tmp_path):
    from analysis.cli import main
    out, summary = tmp_path / "passages.csv", tmp_path / "summary.csv"
    assert main(["overlap", "--out", str(out), "--summary", str(summary)]) == 0
    passages = pd.read_csv(out)
    assert list(passages.columns) == overlap.PASSAGE_COLUMNS and len(passages) >= 1
    table = pd.read_csv(summary)
    assert list(table.columns) == overlap.SUMMARY_COLUMNS
    assert table.set_index("doc_id").at[D004, "spun"]


def test_minhash_lsh_candidates_find_the_copied_pair(make_corpus):
    files = {f"n{k}.txt": f"Note {k}\n\n{[FILLER_A, FILLER_B, FILLER_C][k % 3]} Item {k}.\n" for k in range(4)}
    files["x.txt"] = f"X\n\n{FILLER_B}\n\n{COPIED}\n"
    files["y.txt"] = f"Y\n\n{COPIED}\n\n{FILLER_C}\n"
    corpus = make_corpus(files)
    articles, streams, ctx = overlap._prepare(corpus)
    ids = [a.doc_id for a in articles]
    pairs = overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False, method="lsh")
    assert (ids.index("x"), ids.index("y")) in pairs
    assert all(i < j for i, j in pairs)


def test_shingle_index_proposes_a_short_phrase_sharing_no_long_run(make_corpus):
    # one 16-word sentence reworded every three or four words: four shared word 3-grams, one shared 4-gram
    x = "Union leaders warned yesterday of fresh strikes next month over the rail timetable changes before spring."
    y = "Union leaders warned today of fresh strikes in May over the rail timetable plans before spring."
    corpus = make_corpus({"x.txt": f"X\n\n{FILLER_A}\n\n{x}\n", "y.txt": f"Y\n\n{y}\n\n{FILLER_B}\n"})
    articles, streams, ctx = overlap._prepare(corpus)
    four_grams = overlap.Settings(shingle_size=4, min_shared_shingles=3, long_min_shared=0)
    assert overlap.candidate_pairs(streams, ctx.lexicon, four_grams, exhaustive=False) == []
    assert overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False) == [(0, 1)]
    found = overlap.passages(corpus, exhaustive=False)
    assert len(found) == 1
    assert found.at[0, "text_a"].startswith("Union leaders warned yesterday of fresh strikes")
    assert found.at[0, "text_b"].endswith("rail timetable plans before spring.")
