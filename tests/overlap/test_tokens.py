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


def test_passages_with_a_given_lexicon_are_memoised_by_its_content_not_its_identity(tmp_path, make_corpus,
                                                                                   monkeypatch):
    """A lexicon object made after another was freed may reuse its id(): the memo must not serve the old result."""
    body = ("Officials said the harbour would close for repairs on the eastern side of the bay this "
            "winter, and the ferry company warned travellers to expect long delays at every crossing.")
    spun = body.replace("harbour", "quay")
    corpus = make_corpus({"a.txt": "Harbour to close\n\n" + body + "\n", "b.txt": "Quay to close\n\n" + spun + "\n"})
    with_synonym, without = tmp_path / "with.yaml", tmp_path / "without.yaml"
    with_synonym.write_text("substitutions:\n  harbour: [quay]\n", encoding="utf-8")
    without.write_text("substitutions:\n  castle: [fort]\n", encoding="utf-8")
    lexicon_a, lexicon_b = overlap.load_lexicon(with_synonym), overlap.load_lexicon(without)
    assert lexicon_a.fingerprint() != lexicon_b.fingerprint()
    assert lexicon_a.fingerprint() == overlap.load_lexicon(with_synonym).fingerprint()
    first = overlap.passages(corpus, lexicon=lexicon_a, details=True)
    second = overlap.passages(corpus, lexicon=lexicon_b, details=True)
    # with the synonym, harbour/quay count as matched words (30 of 30); without it, 29 of 30
    assert len(first) == 1 and first["matched"].iloc[0] == 30
    assert len(second) == 1 and second["matched"].iloc[0] == 29

    # a new object with the same content (as a reused id() would be to the memo) is served the same result,
    # and only because its content matches: the passage search is not run again
    import importlib
    passages_module = importlib.import_module("analysis.overlap.passages")  # the module, not the function
    tokens = importlib.import_module("analysis.overlap.tokens")
    same_content = tokens._build_lexicon({"substitutions": {"harbour": ["quay"]}})
    assert same_content is not lexicon_a

    def fail(*args, **kwargs):
        raise AssertionError("recomputed although the lexicon content is unchanged")
    monkeypatch.setattr(passages_module, "find_passages", fail)
    again = overlap.passages(corpus, lexicon=same_content, details=True)
    assert again["matched"].iloc[0] == 30


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
