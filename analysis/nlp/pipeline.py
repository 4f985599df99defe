"""The spaCy pipeline: which one is loaded, its domain EntityRuler, and its cache key.

:func:`load_pipeline` loads the English pipeline named by the ``ANALYSIS_SPACY_MODEL``
setting (see :func:`analysis.config.model_name`) and adds an EntityRuler, fed by
``data/entity_patterns.jsonl``, before ``ner`` for domain names the statistical model
misses. :func:`pipeline_key` names a pipeline in the parse cache; :func:`pipeline_info`
describes it for reports.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import cache, config, lexicons
from ..config import model_name

#: Editable EntityRuler patterns (one JSON object per line, spaCy's pattern format).
PATTERNS_FILE = "entity_patterns.jsonl"
#: Pipelines kept loaded per process (one per name and patterns content).
LOADED_LIMIT = 4

if TYPE_CHECKING:  # spaCy itself is imported when a pipeline or a cached Doc is needed, so a rerun
    from spacy.language import Language  # served from analysis.cache never pays for the import


def patterns_path() -> Path:
    """The EntityRuler patterns file in ``data/``."""
    return config.data_file(PATTERNS_FILE)


@lru_cache(maxsize=LOADED_LIMIT)
def _load(name: str, patterns: str, patterns_sha: str) -> Language:
    import spacy
    nlp = spacy.load(name)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    if Path(patterns).exists():
        ruler.from_disk(patterns)
    nlp.meta["entity_patterns_sha1"] = patterns_sha
    return nlp


def load_pipeline(name: str | None = None, patterns: str | Path | None = None) -> Language:
    """The spaCy pipeline with the domain EntityRuler before ``ner``.

    Cached per process by pipeline name and the patterns file's content, so an edited
    patterns file gives a new pipeline (and a new :func:`pipeline_key`).
    """
    name = name or model_name()
    patterns = Path(patterns) if patterns else patterns_path()
    return _load(name, str(patterns), lexicons.file_sha(patterns.resolve()))


def pipeline_key(nlp: Language) -> str:
    """Cache key of a pipeline: its name and version, spaCy's version and its entity patterns' hash."""
    import spacy
    meta = nlp.meta
    patterns_sha = meta.get("entity_patterns_sha1") or "none"
    return (f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
            f"-spacy{spacy.__version__}-patterns{patterns_sha[:12]}")


def pipeline_info(nlp: Language | None = None) -> dict:
    """Name, version, components and entity-pattern count of the loaded pipeline (for reports).

    Returns ``{pipeline, version, spacy, components, entity_patterns}``. Without ``nlp``,
    the default pipeline's info is memoised (:mod:`analysis.cache`), so a report rerun
    does not load the pipeline just to describe it.
    """
    if nlp is None:
        return cache.memo("nlp.pipeline_info", "default", lambda: pipeline_info(load_pipeline()))
    import spacy
    ruler = nlp.get_pipe("entity_ruler") if "entity_ruler" in nlp.pipe_names else None
    return {"pipeline": nlp.meta.get("name"), "version": nlp.meta.get("version"),
            "spacy": spacy.__version__, "components": ", ".join(nlp.pipe_names),
            "entity_patterns": len(ruler.patterns) if ruler is not None else 0}
