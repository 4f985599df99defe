"""The lexicon: alias_key does not depend on load order, edits are seen at once, word lists come from data/."""
from __future__ import annotations

import subprocess
import sys

from analysis import entities
from analysis.entities import alias_key
from analysis.entities.names import is_person_name


def test_alias_key_does_not_depend_on_what_was_loaded_before():
    """Once module state filled by load_lexicon(): the key of a British spelling changed after a load."""
    code = ("from analysis import entities\n"
            "before = entities.alias_key('Defence Ministry')\n"
            "entities.load_lexicon()\n"
            "after = entities.alias_key('Defence Ministry')\n"
            "print(before, '|', after)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    before, after = (part.strip() for part in out.split("|"))
    assert before == after == "defense ministry"


def test_alias_key_spelling_table_is_explicit():
    assert alias_key("the Defence Ministry") == "defense ministry"
    assert alias_key("Defence Ministry", {}) == "defence ministry"
    assert alias_key("Centre Party", {"centre": "center"}) == "center party"
    assert alias_key("Brian E. Nelson") == "brian nelson"
    assert entities.load_lexicon().key("Organisation of X") == "organization of x"


def test_an_edited_alias_table_is_seen_in_a_running_process(tmp_path, monkeypatch):
    table = tmp_path / "aliases.yaml"
    table.write_text("entities:\n  - canonical: Northern Grain Board\n    type: ORG\n    aliases: [NGB]\n",
                     encoding="utf-8")
    monkeypatch.setenv(entities.ALIASES_ENV, str(table))
    assert entities.load_lexicon().lookup("NGB") == "Northern Grain Board"
    table.write_text("entities:\n  - canonical: Northern Grain Bureau\n    type: ORG\n    aliases: [NGB, N.G.B.]\n",
                     encoding="utf-8")
    lexicon = entities.load_lexicon()
    assert lexicon.lookup("NGB") == "Northern Grain Bureau"
    assert lexicon.lookup("N.G.B.") == "Northern Grain Bureau"
    assert lexicon.lookup("Northern Grain Board") is None


def test_name_particles_come_from_the_lexicon_file():
    lexicon = entities.load_lexicon()
    assert {"al", "bin", "von", "der"} <= lexicon.name_particles
    assert is_person_name("Bashar al-Assad", lexicon)
    assert is_person_name("Ursula von der Leyen", lexicon)
    assert not is_person_name("Bank of Norvia", lexicon)  # "of" is a connector, not a name particle
    assert not is_person_name("Lindqvist", lexicon)
