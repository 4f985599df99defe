"""overlap.tokens: word keys, the synonym lexicon (editable, content keyed) and token flags."""
from __future__ import annotations

from analysis import overlap
from analysis.overlap.passages import _prepare


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


def test_lexicon_edited_in_a_running_process_is_seen_at_once(tmp_path):
    custom = tmp_path / "synonyms.yaml"
    custom.write_text("substitutions:\n  harbour: [quay]\n", encoding="utf-8")
    before = overlap.load_lexicon(custom)
    assert before.related("harbour", "quay") and not before.related("harbour", "dock")
    custom.write_text("substitutions:\n  harbour: [quay, dock]\n", encoding="utf-8")
    after = overlap.load_lexicon(custom)
    assert after.related("harbour", "dock")
    assert overlap.load_lexicon(custom) is after  # unchanged content: built once


def test_tokens_keys_and_flags(make_corpus):
    corpus = make_corpus({"a.txt": "Title\n\nThe mayor's 22-year-old aide can't say “we're leaving” today.\n"})
    _, (tokens,), _ = _prepare(corpus)
    assert tokens.surface == ["the", "mayor", "22", "year", "old", "aide", "can", "not", "say", "we", "are",
                              "leaving", "today"]
    assert tokens.keys[tokens.surface.index("leaving")] == "leav"
    assert [w for w, q in zip(tokens.surface, tokens.quote) if q] == ["we", "are", "leaving"]
    assert [w for w, n in zip(tokens.surface, tokens.number) if n] == ["22", "year", "old"]
    assert [w for w, s in zip(tokens.surface, tokens.stop) if s] == ["the", "can", "not", "say", "we", "are"]


def test_name_flags_follow_capitals_inside_a_sentence(make_corpus):
    corpus = make_corpus({"a.txt": "Title\n\nYesterday the Harbour Board met. Board members left.\n"})
    _, (tokens,), _ = _prepare(corpus)
    assert [w for w, n in zip(tokens.surface, tokens.name) if n] == ["harbour", "board"]
