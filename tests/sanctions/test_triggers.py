"""Sanction words: measure phrases, freeze verbs, and matchers kept per lexicon content."""
from __future__ import annotations

import dataclasses

from analysis import nlp
from analysis import sanctions as S

from .cases import of


def test_pronoun_passive_and_freeze_verbs(small):
    _, frame = small
    # a government's own reported decision, with no condition, is announced (annotation rule 4), not a threat
    assert of(frame, "pronoun_authority")[["authority", "status", "announced"]].values.tolist() == \
        [["Canada", "imposed", True]]
    frozen = of(frame, "freeze_assets")
    assert frozen["target"].tolist() == ["Qods Aviation Industries", "Pars Trading Company"]
    assert all(m == ["asset freeze"] for m in frozen["measures"])
    passive = of(frame, "passive_context")
    assert passive["target"].tolist() == ["Hossein Salami", "Qods Aviation Industries"]
    assert set(passive["authority"]) == {"United Kingdom"}
    visa = of(frame, "visa").iloc[0]
    assert visa["measures"] == ["visa restrictions"]
    assert visa["reason"] == "over the crackdown on protesters"


def test_find_triggers_reads_measures_generic_words_and_verbs():
    doc = nlp.load_pipeline()("The EU froze the assets of two banks and designated their owners, "
                              "adding asset freezes and new sanctions.")
    got = [(doc[t.start:t.end].text, t.measure, t.generic, t.verb) for t in S.find_triggers(doc, S.load_lexicon())]
    assert got == [("froze", "asset freeze", False, True), ("designated", "sanctions", True, True),
                   ("asset freezes", "asset freeze", False, False), ("sanctions", "sanctions", True, False)]


def test_matchers_follow_the_lexicon_content_not_the_object_identity():
    """A lexicon made after another one was freed may get its id(): it must still get its own matcher."""
    doc = nlp.load_pipeline()("Britain on Monday imposed a port ban on Arvik Shipping Lines.")
    base = S.load_lexicon()
    variants = [dict(base.measures), dict(base.measures, **{"port ban": ["port ban"]})]
    for i in range(8):      # CPython hands a freed object's memory (and so its id) to the next one made
        lex = dataclasses.replace(base, measures=variants[i % 2])
        found = [t.measure for t in S.find_triggers(doc, lex)]
        assert ("port ban" in found) == (i % 2 == 1), (i, found)
        del lex
