"""overlap.passages: reused passages (verbatim, near, spun) with raw offsets, and what is set aside."""
from __future__ import annotations

import pytest

from analysis import overlap, quotes

from .cases import COPIED, D000, D001, D003, D004, FILLER_A, FILLER_B, FILLER_C, SPUN_UNKNOWN


@pytest.fixture(scope="module")
def sample_passages(sample_corpus):
    return overlap.passages(sample_corpus, details=True)


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
    groups = quotes.quote_groups(corpus)
    assert set(groups["doc_id"]) == {"a", "b"} and groups["group"].nunique() == 1


def test_extract_passages_on_two_plain_texts():
    text_a = f"{FILLER_A}\n\n{COPIED}\n\n{FILLER_B}"
    text_b = f"{FILLER_C}\n\n{SPUN_UNKNOWN}"
    frame = overlap.extract_passages(text_a, text_b)
    assert list(frame.columns) == overlap.PASSAGE_COLUMNS and len(frame) == 1
    row = frame.iloc[0]
    assert (row.doc_a, row.doc_b) == ("a", "b")
    assert (row.a_start, row.a_end) == (text_a.index(COPIED), text_a.index(COPIED) + len(COPIED))
    assert text_b[row.b_start:row.b_end] == row.text_b == SPUN_UNKNOWN
    assert "passengers→riders" in row.substitutions
    assert overlap.extract_passages(FILLER_A, FILLER_B).empty


def test_extract_passages_agrees_with_passages(make_corpus):
    corpus = make_corpus({"a.txt": f"Rail plan\n\n{FILLER_A}\n\n{COPIED}\n",
                          "b.txt": f"Railway plan\n\n{SPUN_UNKNOWN}\n\n{FILLER_B}\n"})
    table = overlap.passages(corpus, details=True)
    pairwise = overlap.extract_passages(corpus["a"].text, corpus["b"].text, details=True)
    columns = ["text_a", "text_b", "kind", "score", "substitutions", "tokens_a", "tokens_b", "matched", "in_quote"]
    assert pairwise[columns].values.tolist() == table[columns].values.tolist()
