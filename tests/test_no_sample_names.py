"""The package holds mechanisms only: no name of the sample's people, places or organisations.

Names belong in editable data files (data/*.yaml, data/*.jsonl) and in tests. This list is the
sample's own entities, written by hand from reading data/raw.
"""
from __future__ import annotations

import re

import pytest

from analysis import config

SAMPLE_NAMES = [
    # people
    "Kirby", "Cleverly", "Cleverley", "Bagheri", "Qureishi", "Hojjatollah", "Aghajani", "Ned Price", "Patel",
    "Woodward", "Nebenzia", "Kislytsa", "Mills", "Khamenei", "Jean-Pierre", "Blinken", "Amini", "Mulroy",
    "Putin", "Biden", "Trump", "Obama", "Osborne",
    # organisations and things
    "IRGC", "Revolutionary Guard", "Shahed", "White House", "National Security Council", "JCPOA",
    "Joint Comprehensive", "Pentagon", "Sukhoi", "OPEC", "CBS",
    # places
    "Iran", "Russia", "Ukrain", "Crimea", "Tehran", "Moscow", "Kremlin", "Kyiv", "Washington", "Yemen",
    "Saudi",
]
SOURCES = sorted(p for p in (config.ROOT / "analysis").rglob("*") if p.suffix in {".py", ".j2", ".json"})


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(config.ROOT)))
def test_no_sample_name_in_package(path):
    text = path.read_text(encoding="utf-8")
    found = [n for n in SAMPLE_NAMES if re.search(rf"\b{re.escape(n)}", text, re.I)]
    assert not found, f"{path.name} names the sample: {found}; move them to a data/ file or a test"
