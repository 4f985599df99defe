"""analysis.quotes: the one cross-article quote grouping (texts written here, expectations by hand)."""
from __future__ import annotations

import pandas as pd

from analysis import quotes
from analysis.claims import claims

SAID = "“Our national security team is directly engaged on the ground to help the families of the valley,” {who} said."
SPUN = "“Our nationwide safety team is straight engaged on the bottom to assist the families of the valley,” {who} said."
OTHER = "“The council has no money left for new roads, bridges or schools in the northern districts,” {who} said."
STOCK = "“We will protect civilians and critical infrastructure, and we will rebuild the harbour wall,” {who} said."
STOCK2 = "“Russia keeps hitting civilians and critical infrastructure across the south every night,” {who} said."


def _groups(make_corpus, files: dict[str, str]) -> pd.DataFrame:
    corpus = make_corpus({name: f"{name[0].upper()}\n\n{body}\n" for name, body in files.items()})
    return quotes.quote_groups(corpus, claims(corpus, use_entities=False))


def test_same_sentence_in_two_articles_one_spun_is_one_group(make_corpus):
    groups = _groups(make_corpus, {"a.txt": SAID.format(who="Mayor Ruth Oakes"),
                                   "b.txt": SPUN.format(who="Mayor Ruth Oakes"),
                                   "c.txt": OTHER.format(who="Tom Lake")})
    assert list(groups.columns) == quotes.QUOTE_COLUMNS
    assert groups[["group", "doc_id", "match"]].values.tolist() == [[1, "a", "first"], [1, "b", "spun"]]
    assert (groups["articles"] == 2).all() and not groups["conflict"].any()
    assert groups["speakers"].tolist() == ["Ruth Oakes", "Ruth Oakes"]
    assert groups.iloc[1]["shared_text"].startswith("Our nationwide safety team")


def test_verbatim_copy_with_another_speaker_is_a_conflict(make_corpus):
    groups = _groups(make_corpus, {"a.txt": SAID.format(who="Ruth Oakes"), "b.txt": SAID.format(who="Tom Lake")})
    assert groups["match"].tolist() == ["first", "verbatim"]
    assert groups["conflict"].all() and groups["speakers"].tolist() == ["Ruth Oakes; Tom Lake"] * 2


def test_different_quotes_sharing_a_stock_phrase_do_not_merge(make_corpus):
    groups = _groups(make_corpus, {"a.txt": STOCK.format(who="Ruth Oakes"), "b.txt": STOCK2.format(who="Tom Lake"),
                                   "c.txt": OTHER.format(who="Ann Reed")})
    assert groups.empty and list(groups.columns) == quotes.QUOTE_COLUMNS


def test_the_same_quote_twice_in_one_article_is_not_a_group(make_corpus):
    body = SAID.format(who="Ruth Oakes") + "\n\n" + SAID.format(who="Ruth Oakes")
    assert _groups(make_corpus, {"a.txt": body, "b.txt": OTHER.format(who="Tom Lake")}).empty


def test_sample_groups_the_shared_and_the_spun_quote(sample_corpus):
    groups = quotes.quote_groups(sample_corpus)
    docs = {g: sorted(m["doc_id"].str[:3]) for g, m in groups.groupby("group")}
    assert docs == {1: ["000", "001"], 2: ["001", "004"]}
    assert groups.loc[groups["doc_id"].str.startswith("004"), "match"].tolist() == ["spun"]
    for row in groups.itertuples():
        assert sample_corpus[row.doc_id].raw[row.start:row.end]


def test_same_sentence_given_to_two_speakers_is_a_conflict(make_corpus):
    groups = _groups(make_corpus, {
        "a.txt": "“The bridge will reopen next spring after the repairs,” Karl Benz said.",
        "b.txt": "“The bridge will re-open next spring after repairs,” Otto Lang said."})
    assert len(groups) == 2 and groups["conflict"].all() and (groups["articles"] == 2).all()
