"""analysis.lexicons: data files are memoised by content, so an edit in a running process is seen at once."""
from __future__ import annotations

from analysis import lexicons


def _build_counter():
    calls = []

    def build(spec):
        calls.append(spec)
        return {"words": sorted(spec.get("words", []))}
    return calls, build


def test_an_edited_yaml_file_is_seen_by_the_next_load_and_by_derived(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("words: [b, a]\n", encoding="utf-8")
    calls, build = _build_counter()
    assert lexicons.load_yaml(path) == {"words": ["b", "a"]}
    assert lexicons.derived(build, path) == {"words": ["a", "b"]}
    path.write_text("words: [c, a]\n", encoding="utf-8")  # same size: only the content tells them apart
    assert lexicons.load_yaml(path) == {"words": ["c", "a"]}
    assert lexicons.derived(build, path) == {"words": ["a", "c"]}
    path.write_text("words: [d]\n", encoding="utf-8")
    assert lexicons.load_yaml(path) == {"words": ["d"]}
    assert lexicons.derived(build, path) == {"words": ["d"]}
    assert len(calls) == 3


def test_same_content_gives_the_same_object(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("words: [a, b]\n", encoding="utf-8")
    calls, build = _build_counter()
    first = lexicons.load_yaml(path)
    built = lexicons.derived(build, path)
    assert lexicons.load_yaml(path) is first
    assert lexicons.derived(build, path) is built
    path.write_text("words: [a, b]\n", encoding="utf-8")  # rewritten, unchanged: still the same objects
    assert lexicons.load_yaml(path) is first
    assert lexicons.derived(build, path) is built
    assert len(calls) == 1


def test_a_version_changes_with_the_content(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("words: [a]\n", encoding="utf-8")
    before = lexicons.version(path)
    assert lexicons.version(path) == before
    path.write_text("words: [b]\n", encoding="utf-8")
    assert lexicons.version(path) != before


def test_missing_file_is_empty(tmp_path):
    missing = tmp_path / "missing.yaml"
    assert lexicons.load_yaml(missing) == {}
    assert lexicons.load_jsonl(tmp_path / "missing.jsonl") == []
    assert lexicons.file_sha(missing) == "none"
    calls, build = _build_counter()
    assert lexicons.derived(build, missing) == {"words": []}
