"""Boilerplate cleaning: sample cuts listed, real text kept, the generic rules on unseen text, editable rules."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.corpus import Rules

SAMPLE_IDS = ["000_7a1e7394c9004f4f", "001_28ca36ce2e4e94c5", "002_a9082c3e95b1b9c8",
              "003_0d55d710c7bf9c8f", "004_5ba1a730b4e5b811"]

# Boilerplate a reader sees in the sample files and which must be gone from the text.
SAMPLE_BOILERPLATE = {
    "000_7a1e7394c9004f4f": ["Also Read", "Leave a Reply", "Your email address will not be published"],
    "001_28ca36ce2e4e94c5": ["0 468", "Also Read", "Source Reuters", "Leave A Reply",
                             "Your email address will not be published", "Zainab Sa"],
    "002_a9082c3e95b1b9c8": ["5 Reads", "Thomas Osborne", "20 October 2022 Thursday 00:32"],
    "003_0d55d710c7bf9c8f": ["[ad_1]", "[ad_2]", "Source link"],
    "004_5ba1a730b4e5b811": ["[ad_1]", "[ad_2]", "CLICK HERE TO READ MORE", "0 comments",
                             "INAPPROPRIATE FOR US TO SPECULATE", "White Home: Iran and Russia have grown nearer"],
}


@pytest.mark.parametrize("doc_id", SAMPLE_IDS)
def test_sample_boilerplate_is_removed_and_listed(sample_corpus, doc_id):
    article = sample_corpus[doc_id]
    removed = sample_corpus.removals().query("doc_id == @doc_id")
    for snippet in SAMPLE_BOILERPLATE[doc_id]:
        assert snippet not in article.text, f"{snippet!r} still in {doc_id}"
        assert removed.text.str.contains(snippet, regex=False).any(), f"{snippet!r} not listed as removed"
    # every listed removal really is that text of the original file
    for row in removed.itertuples():
        if row.rule != "html_tags":
            assert article.raw[row.start:row.end].replace("\xa0", " ") == row.text.replace("\xa0", " ")


def test_sample_keeps_article_text(sample_corpus):
    """Rules must not eat real content: first and last sentences survive."""
    a = sample_corpus["000_7a1e7394c9004f4f"]
    assert a.text.startswith("Washington – The White House said Thursday")
    assert a.text.endswith("was also hit by an asset freeze.")
    b = sample_corpus["004_5ba1a730b4e5b811"]
    assert b.text.startswith("Iran and Russia have gotten nearer")
    assert b.text.endswith("Jean-Pierre added.")
    c = sample_corpus["002_a9082c3e95b1b9c8"]
    # the repeated lead paragraph is dropped once, the full paragraph that repeats it is kept
    assert c.text.count("Iran sold Russia drones that initially did not seem to work well") == 1
    assert "Now, the Islamic Republic is going one step further" in c.text
    d = sample_corpus["003_0d55d710c7bf9c8f"]
    assert d.text.startswith("The Biden administration has accused Russia")


def test_generic_boilerplate_rules_on_unseen_text(make_corpus):
    text = ("Harbour reopens after storm\n"
            "Harbour reopens after storm [ad_1]The harbour reopened on Tuesday after a storm closed it.\n"
            "1,204 views\n"
            "Read more: Storm season starts early\n"
            "The mayor said repairs would take a month.\n"
            "Share this: Facebook Twitter WhatsApp\n"
            "Subscribe to our newsletter for daily updates\n"
            "By Jane Miller\n"
            "Source: AFP\n"
            "Source link\n"
            "Leave a comment\n"
            "Great article, thanks!\n")
    corpus = make_corpus({"storm.txt": text})
    a = corpus["storm"]
    assert a.text == ("The harbour reopened on Tuesday after a storm closed it.\n\n"
                      "The mayor said repairs would take a month.")
    assert a.author == "Jane Miller"
    assert a.source == "AFP"
    rules = sorted(set(corpus.removals().rule))
    assert rules == ["ad_marker", "also_read", "byline", "leave_a_reply", "repeated_title", "share_buttons",
                     "source_credit", "source_link", "subscribe", "view_counter"]
    # the comment section after "Leave a comment" is removed too, and listed
    assert corpus.removals().text.str.contains("Great article").any()


def test_comment_marker_early_in_an_article_does_not_cut_the_rest(make_corpus):
    body = "\n".join(f"Paragraph {i} of the report says something new about the harbour." for i in range(10))
    corpus = make_corpus({"a.txt": "Headline\n2 comments\n" + body})
    assert corpus["a"].text.count("Paragraph") == 10


def test_odd_and_zero_width_spaces_keep_the_offset_map(make_corpus):
    corpus = make_corpus({"a.txt": "Headline\n\nThe\u00a0port\u200b reopened\u2009today.\n"})
    article = corpus["a"]
    assert article.text == "The port reopened today."
    start = article.text.index("reopened")
    rs, re_ = article.raw_span(start, start + len("reopened"))
    assert article.raw[rs:re_] == "reopened"


def test_an_edited_rules_file_is_seen_by_the_next_load(make_corpus, tmp_path):
    folder = make_corpus({"a.txt": "Headline\n\nThe port reopened today.\nSponsored content\n"}, load=False)
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text("rules: []\n", encoding="utf-8")
    assert "Sponsored content" in load_corpus(folder, rules=Rules.load(rules_file))["a"].text
    rules_file.write_text("rules:\n  - name: sponsored\n    kind: line\n    pattern: 'sponsored content'\n",
                          encoding="utf-8")
    corpus = load_corpus(folder, rules=Rules.load(rules_file))
    assert corpus["a"].text == "The port reopened today."
    assert corpus.removals().rule.tolist() == ["sponsored"]


def test_structural_rules_can_be_switched_off(make_corpus, tmp_path):
    folder = make_corpus({"a.txt": "Headline\n\nBy Jane Miller\nThe port reopened today.\n"}, load=False)
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text("rules: []\nstructural:\n  byline: false\n", encoding="utf-8")
    article = load_corpus(folder, rules=Rules.load(rules_file))["a"]
    assert article.text == "By Jane Miller\n\nThe port reopened today."
    assert article.author is None


def test_bad_rules_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        Rules.load(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - name: odd\n    kind: sideways\n    pattern: 'x'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml: rule 'odd' has unknown kind 'sideways'"):
        Rules.load(bad)


def test_repeated_lead_among_thousands_of_similar_paragraphs(make_corpus):
    """A transcript of thousands of paragraphs that share their first words: only the paragraph that
    reappears as the start of a later one is cut (found by one sorted pass, not a scan per paragraph)."""
    lead = "Officials in Geneva said on Monday that the talks on grain shipments resumed."
    paragraphs = [f"Officials in Geneva said on Monday that the talks went on (session {n:05d})."
                  for n in range(6_000)]
    paragraphs[10] = lead
    paragraphs[4_000] = lead + " Delegates from both sides attended."
    corpus = make_corpus({"transcript.txt": "Talks transcript\n\n" + "\n\n".join(paragraphs) + "\n"})
    article = corpus["transcript"]
    cuts = [r for r in article.removals if r["rule"] == "repeated_lead"]
    assert [article.raw[r["start"]:r["end"]].strip() for r in cuts] == [lead]
    assert "session 05999" in article.text and lead + " Delegates" in article.text
