"""Recall: forms spaCy missed are found again, but not a month that is also a surname."""
from __future__ import annotations

from analysis import entities


def test_a_surname_that_is_a_month_is_not_propagated(make_corpus):
    corpus = make_corpus({"m.txt": (
        "Minister speaks\n\n"
        "Prime Minister Theresa May said on Monday that talks would resume. "
        "The talks collapsed in May last year, and May said she regretted it.\n")})
    m = entities.mentions(corpus)
    may = m[m["canonical"] == "Theresa May"]
    raw = corpus["m"].raw
    month = raw.index("in May") + 3
    assert month not in set(may["start"])
    assert len(may) >= 2
