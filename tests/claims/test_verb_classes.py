"""Cue verbs grown from classes of communication verbs (issue 13, cause 6): texts written here, expectations by hand."""
from __future__ import annotations

import yaml

from analysis.claims import claims
from analysis.claims.cues import build_lexicon


def _rows(make_corpus, body: str):
    corpus = make_corpus({"a.txt": f"Title\n\n{body}\n"})
    frame = claims(corpus, use_entities=False)
    return [list(r) for r in frame[["kind", "quote", "speaker", "stance"]].itertuples(index=False)]


def test_manner_of_speaking_verbs_attribute_quotes(make_corpus):
    rows = _rows(make_corpus, "Mayor Tom Hale fumed, “This is a disgrace.”\n\n"
                              "“That is simply false,” Senator Ann Reed interjected.")
    assert rows == [["direct", "This is a disgrace.", "Tom Hale", "assert"],
                    ["direct", "That is simply false", "Ann Reed", "assert"]]


def test_a_class_verb_takes_its_class_stance(make_corpus):
    rows = _rows(make_corpus, "Mayor Tom Hale downplayed the risk of a strike at the port.")
    assert rows == [["indirect", "the risk of a strike at the port", "Tom Hale", "deny"]]


def test_the_cue_file_keeps_its_reading_over_the_classes():
    cues = {"verbs": {"assert": ["ask"]}, "quote_only": ["shout"]}
    classes = yaml.safe_load("classes:\n  a: {stance: call, use: clause, verbs: [ask, urge]}\n"
                             "  b: {stance: assert, use: quote, verbs: [shout, mutter]}\n")
    lexicon = build_lexicon(cues, {}, classes)
    assert (lexicon.stance["ask"], lexicon.stance["urge"]) == ("assert", "call")
    assert {"shout", "mutter"} <= lexicon.quote_only and "mutter" not in lexicon.stance


def test_a_lexicon_verb_is_found_whatever_its_inflection(make_corpus):
    # the tagger's lemma of "rated" is "rat": the regular stem "rate" is tried too
    rows = _rows(make_corpus, "The watchdog rated the claims as “false” or “pants on fire,” compared to others.")
    assert rows == [["partial", "false … pants on fire", "watchdog", "assert"]]
