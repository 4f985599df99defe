"""Sanction extraction accuracy and speed, against hand-made answer keys.

    .venv/bin/python benchmarks/sanctions.py [--shared | --no-shared] [--quiet] [--bbc DIR]

Prints first the SHARED scorer's own output on the development set of 25 government texts: the CLI
(``python -m analysis sanctions --corpus ../shared/eval/sanctions-dev/docs --out FILE``) writes the rows and
``python3 ../shared/eval/sanctions-dev/score.py FILE`` scores them; its lines are printed unchanged (its
error listing, then ``sanctions_dev: named_p=... named_f1=... status_acc=... events_r=...``; ``--quiet``
passes ``--quiet`` to the scorer, ``--shared`` stops there, ``--no-shared`` skips it). Then:

* on the sample (``data/raw``): precision and recall of (article, target, type,
  authority, status) against ``SAMPLE_KEY`` in ``tests/sanctions/cases.py``, for
  ``analysis.sanctions`` and for a naive baseline (every PERSON/ORG/GPE entity in a
  sentence that contains "sanction", "asset freeze" or "travel ban", authority and
  status unknown), so the gain of the dependency walk is visible;
* the list cross-check on the sample: verdict per named target;
* speed: extraction (spaCy cache warm), list loading and matching;
* optionally, rows found in another corpus (``--bbc``: e.g. the BBC News 2004-05
  corpus in ``../shared/corpora``) to eyeball false positives on news that is
  mostly not about sanctions.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

from answer_keys import test_module


ROOT = Path(__file__).resolve().parents[1]
SANCTIONS_DEV = ROOT.parent / "shared" / "eval" / "sanctions-dev"


def shared_score(quiet: bool = False) -> str:
    """The shared scorer's output on the dev texts, for rows written by the project's CLI."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sanctions_dev.csv"
        subprocess.run([sys.executable, "-m", "analysis", "sanctions", "--corpus", str(SANCTIONS_DEV / "docs"),
                        "--out", str(out)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        cmd = [sys.executable, str(SANCTIONS_DEV / "score.py"), str(out)] + (["--quiet"] if quiet else [])
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.rstrip()


def load_key():
    module = test_module("sanctions/cases")
    return module.SAMPLE_KEY, module.UK_TARGETS


def baseline(corpus) -> set:
    from analysis import nlp
    found = set()
    for article, doc in nlp.iter_docs(corpus):
        for sent in doc.sents:
            if re.search(r"sanction|asset freeze|travel ban", sent.text, re.I):
                for ent in sent.ents:
                    kind = {"PERSON": "person", "ORG": "organization", "GPE": "country"}.get(ent.label_)
                    if kind:
                        found.add((article.doc_id[:3], ent.text, kind, None, None))
    return found


def score(got: set, key: set, fields: slice) -> tuple[float, float, int, int, int]:
    g = {t[fields] for t in got}
    k = {t[fields] for t in key}
    tp = len(g & k)
    p = tp / len(g) if g else 1.0
    r = tp / len(k) if k else 1.0
    return round(p, 3), round(r, 3), tp, len(g - k), len(k - g)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bbc", default=None, help="another corpus folder to list rows from")
    parser.add_argument("--shared", action="store_true", help="only the shared scorer on the dev texts")
    parser.add_argument("--no-shared", action="store_true", help="skip the shared scorer")
    parser.add_argument("--quiet", action="store_true", help="the shared scorer's summary line only")
    args = parser.parse_args()
    if not args.no_shared and SANCTIONS_DEV.is_dir():
        print("Shared scorer, ../shared/eval/sanctions-dev (25 government texts):")
        print(shared_score(args.quiet))
        print()
    if args.shared:
        return
    from analysis import load_corpus, nlp, sanctions as S
    key, uk_targets = load_key()
    corpus = load_corpus()
    nlp.annotate(corpus)
    t0 = time.perf_counter()
    rows = S.sanctions(corpus)
    t_extract = time.perf_counter() - t0
    got = {(r.doc_id[:3], r.target, r.target_type, r.authority, r.status) for r in rows.itertuples()}
    base = baseline(corpus)
    print("Sample: sanction rows against the hand-made key "
          f"({len(key)} actions x target)")
    print(f"{'system':<22}{'fields':<34}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for name, found in [("analysis.sanctions", got), ("naive baseline", base)]:
        for label, fields in [("article+target", slice(0, 2)), ("+type", slice(0, 3)),
                              ("+authority+status", slice(0, 5))]:
            p, r, tp, fp, fn = score(found, key, fields)
            print(f"{name:<22}{label:<34}{p:>10}{r:>8}{tp:>5}{fp:>5}{fn:>5}")
    t0 = time.perf_counter()
    lists = S.load_lists()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    cons = S.consolidated(corpus, rows=rows)
    matches = S.match_lists(cons, lists)
    t_match = time.perf_counter() - t0
    print("\nList cross-check (expected UK ids and verdicts from the key):")
    for name, (_, _, _, list_id, verdict) in uk_targets.items():
        hit = matches[(matches.target == name) & (matches.list == "UK Sanctions List")]
        got_pairs = list(zip(hit.list_id, hit.verdict))
        print(f"  {name:<30} expected {list_id} {verdict:<8} got {got_pairs}")
    others = matches[~matches.target.isin(list(uk_targets)) & (matches.verdict != "no match")]
    print(f"  other targets with a list candidate: {len(others)}")
    print("\nSpeed")
    print(f"  extraction, {len(corpus)} articles, spaCy cache warm: {t_extract:.2f} s")
    print(f"  load_lists ({len(lists):,} names, first call): {t_load:.2f} s")
    print(f"  consolidated + match_lists ({len(cons)} targets, index build included): {t_match:.2f} s")
    if args.bbc:
        other = load_corpus(args.bbc)
        nlp.annotate(other)
        t0 = time.perf_counter()
        extra = S.sanctions(other)
        dt = time.perf_counter() - t0
        print(f"\n{args.bbc}: {len(other)} articles, {len(extra)} rows in {dt:.2f} s (spaCy cache warm)")
        for r in extra.itertuples():
            print(f"  {r.doc_id} | {r.authority} | {r.target} ({r.target_type}) | {r.status} | {r.sentence[:120]}")


if __name__ == "__main__":
    main()
