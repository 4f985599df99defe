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

Then the SHARED scorers' own summary lines (``--shared`` only, or ``--no-shared`` to skip them):

* ``../shared/eval/entities-dev/score.py`` on the 20 key articles: mentions are built on every
  PolNeAR dev text (``../shared/eval/polnear-dev/text``, 84 articles, so cross-article resolution
  sees the same corpus as before), the rows of the key's articles written to a CSV, the scorer run;
* ``../shared/eval/conll-dev/conll_ner.py score`` on the CoNLL-2003 dev documents, all and
  ``--subset other`` (non-sports), mention level, exact span and label.

``--errors DIR`` also writes each scorer's full output (and the CoNLL error breakdown) there.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

from answer_keys import test_module

import pandas as pd



SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def shared_scores(out_dir: Path | None = None) -> list[str]:
    """The shared scorers' summary lines for the PolNeAR dev key and CoNLL-2003 dev (see the module doc)."""
    from analysis import entities, load_corpus
    lines = []
    dev = SHARED / "entities-dev"
    key_docs = {row.split("\t")[0] for row in (dev / "entities.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    with tempfile.TemporaryDirectory() as tmp:
        m = entities.mentions(load_corpus(str(SHARED / "polnear-dev" / "text")))
        m = m[m["doc_id"].map(lambda d: Path(str(d)).stem).isin(key_docs)]
        csv_path = Path(tmp) / "entities_dev.csv"
        m.to_csv(csv_path, index=False)
        text = _run([sys.executable, str(dev / "score.py"), str(csv_path)])
        lines.append("entities-dev (20 key articles, corpus of 84): " + text.strip().splitlines()[-1])
        if out_dir:
            (out_dir / "entities_dev.score.txt").write_text(text, encoding="utf-8")
        conll = SHARED / "conll-dev"
        m = entities.mentions(load_corpus(str(conll / "corpus")))
        csv_path = Path(tmp) / "conll.csv"
        m.to_csv(csv_path, index=False)
        for subset in (None, "other"):
            args = [sys.executable, str(conll / "conll_ner.py"), "score", str(conll / "gold.tsv"),
                    str(conll / "corpus"), f"project={csv_path}"] + (["--subset", subset] if subset else [])
            text = _run(args)
            exact = [ln for ln in text.splitlines() if ln.startswith("| project | exact")]
            lines.append(f"conll-dev {'non-sports' if subset else 'all'}: PER | ORG | LOC | micro (P / R / F1) "
                         + exact[0].split("| exact |", 1)[1].strip(" |"))
            if out_dir:
                (out_dir / f"conll_{subset or 'all'}.score.txt").write_text(text, encoding="utf-8")
        if out_dir:
            text = _run([sys.executable, str(conll / "conll_ner.py"), "errors", str(conll / "gold.tsv"),
                         str(conll / "corpus"), f"project={csv_path}", "--examples", "3"])
            (out_dir / "conll_errors.txt").write_text(text, encoding="utf-8")
    return lines


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
    parser.add_argument("--shared", action="store_true", help="only the shared scorers' figures")
    parser.add_argument("--no-shared", action="store_true", help="skip the shared scorers")
    parser.add_argument("--errors", default=None, help="folder for the scorers' full outputs")
    args = parser.parse_args(argv)
    out_dir = Path(args.errors) if args.errors else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    if args.shared:
        print("\n".join(shared_scores(out_dir)))
        return 0
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
    if not args.no_shared and SHARED.is_dir():
        print("\nshared scorers:")
        print("\n".join(shared_scores(out_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
