"""Entity accuracy and speed: raw spaCy vs analysis.entities on the hand-made answer key.

    .venv/bin/python benchmarks/entities.py [--corpus DIR]

Prints, per article and in total, presence precision/recall/F1 of the people,
organisations and places of the answer key in ``tests/entities/test_sample.py``, the number
of key entities split across several names, the number of mentions with a wrong
label class, and predicted entities that swallow two key entities. Three systems:

* ``raw spaCy``: every distinct (text, label) of ``doc.ents`` is one entity;
* ``entities``: :func:`analysis.entities.mentions` with ``data/aliases.yaml``;
* ``entities, no alias table``: the same rules with an empty alias table (only
  rigour's country names), to show what the general rules do without knowledge
  specific to the sample's news topic.

Then the time to build mentions for the corpus (cold: first call in the process,
with the spaCy cache warm; warm: memoised).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

from answer_keys import test_module

import pandas as pd



def load_key():
    module = test_module("entities/test_sample")
    return module.ANSWER_KEY, module.evaluate


def raw_spacy_frame(corpus) -> pd.DataFrame:
    from analysis import nlp
    rows = []
    for article, doc in nlp.iter_docs(corpus):
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "GPE", "LOC"):
                rows.append({"doc_id": article.doc_id, "text": ent.text, "canonical": ent.text,
                             "entity_id": f"{ent.label_}:{ent.text}", "label": ent.label_})
    return pd.DataFrame(rows, columns=["doc_id", "text", "canonical", "entity_id", "label"])


def summarise(name: str, result: dict) -> dict:
    arts = result["articles"]
    tp = sum(r["tp"] for r in arts)
    fp = sum(r["fp"] for r in arts)
    fn = sum(r["fn"] for r in arts)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"system": name, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1_micro": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "f1_mean_article": round(sum(a["f1"] for a in arts) / len(arts), 3),
            "f1_min_article": round(result["f1_min"], 3), "splits": result["splits"],
            "wrong_labels": result["wrong_labels"], "merged": result["merged"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=None)
    args = parser.parse_args(argv)
    from analysis import entities, load_corpus
    key, evaluate = load_key()
    corpus = load_corpus(args.corpus)
    rows, details = [], {}
    raw = evaluate(raw_spacy_frame(corpus), key)
    rows.append(summarise("raw spaCy", raw))
    details["raw spaCy"] = raw
    t0 = time.perf_counter()
    ours = evaluate(entities.mentions(corpus), key)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    entities.mentions(corpus)
    warm = time.perf_counter() - t0
    rows.append(summarise("entities", ours))
    details["entities"] = ours
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "aliases.yaml"
        empty.write_text("entities: []\n", encoding="utf-8")
        os.environ[entities.ALIASES_ENV] = str(empty)
        try:
            bare = evaluate(entities.mentions(corpus), key)
        finally:
            os.environ.pop(entities.ALIASES_ENV)
    rows.append(summarise("entities, no alias table", bare))
    details["entities, no alias table"] = bare
    with pd.option_context("display.width", 200, "display.max_columns", None, "display.max_colwidth", 90):
        print(pd.DataFrame(rows).to_string(index=False))
        for name, result in details.items():
            print(f"\n{name}: per article")
            print(pd.DataFrame(result["articles"]).to_string(index=False))
    print(f"\nmentions(): {len(corpus)} articles, first call {cold:.2f} s (spaCy cache warm), memoised {warm * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
