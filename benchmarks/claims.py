"""Benchmark: quote attribution on PolNeAR's development split, scored by the shared scorer, next to textacy.

    .venv/bin/python benchmarks/claims.py [--data ../shared/eval/polnear-dev] [--keep DIR]

Runs ``analysis.claims.claims`` on the evaluation articles (read from the shared folder, never
copied into the project; the spaCy cache goes to a temporary folder), writes the table as the
CLI does, and prints the line of ``score.py`` in the same folder — the measure the project is
judged by (quote precision, recall, F1, speaker accuracy, end-to-end F1; one-to-one matching,
every row holding a quotation mark or of kind direct/partial counts as a claimed quote).

Rows of kind ``term`` (titles, nicknames, scare quotes: named, not quoted) are left out of the scored CSV:
``score.py`` counts only rows holding a quotation mark or of kind direct/partial as claimed quotes, yet it
would credit a ``term`` row that overlaps a gold quote as found, so keeping them would raise recall without
costing precision. The figure printed is the strict one, for the quotes the workbook claims.

textacy's ``direct_quotations`` on the same spaCy parses is written in the same columns (kind
``direct``, offsets into the original files) and scored by the same ``score.py``.
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

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear-dev"
SCORER = "score.py"
COLUMNS = ["doc_id", "start", "end", "kind", "quote", "speaker", "speaker_start", "speaker_end"]


def shared_score(data: Path, table: Path) -> str:
    """The line ``score.py`` of ``data`` prints for the claims CSV ``table``."""
    done = subprocess.run([sys.executable, str(data / SCORER), str(data), str(table)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def run_workbook(corpus, out: Path) -> float:
    """Write :func:`analysis.claims.claims` of ``corpus`` to ``out`` (as the CLI writes it, without ``term`` rows);
    seconds taken."""
    from analysis.claims import claims
    t0 = time.perf_counter()
    frame = claims(corpus)
    seconds = time.perf_counter() - t0
    frame[frame["kind"] != "term"].to_csv(out, index=False)
    return seconds


def run_textacy(corpus, out: Path) -> int:
    """Write textacy's direct quotations of ``corpus`` to ``out``; returns how many articles it refused."""
    import pandas as pd
    from textacy.extract import triples

    from analysis.nlp import iter_docs
    rows, refused = [], 0
    for article, doc in iter_docs(corpus):
        try:
            found = list(triples.direct_quotations(doc))
        except Exception:   # textacy refuses texts with unbalanced quotation marks
            refused += 1
            continue
        for speaker, _cue, content in found:
            s, e = article.raw_span(content.start_char, content.end_char)
            spk = article.raw_span(speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else (None, None)
            rows.append({"doc_id": article.doc_id, "start": s, "end": e, "kind": "direct", "quote": content.text,
                         "speaker": " ".join(t.text for t in speaker) or None,
                         "speaker_start": spk[0], "speaker_end": spk[1]})
    pd.DataFrame(rows, columns=COLUMNS).to_csv(out, index=False)
    return refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="PolNeAR split folder (text/, attributions/, score.py)")
    parser.add_argument("--keep", help="folder to keep the scored CSV files in (default: a temporary folder)")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "text").is_dir() or not (data / SCORER).is_file():
        print(f"no evaluation data or {SCORER} at {data}", file=sys.stderr)
        return 2
    os.environ["ANALYSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="claims-bench-")  # never cache eval texts in data/
    out_dir = Path(args.keep or tempfile.mkdtemp(prefix="claims-bench-out-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    from analysis import load_corpus
    corpus = load_corpus(data / "text")
    seconds = run_workbook(corpus, out_dir / "workbook.csv")
    refused = run_textacy(corpus, out_dir / "textacy.csv")
    print(f"PolNeAR dev: {len(corpus)} articles; workbook claims() took {seconds:.1f} s (parse included); "
          f"textacy refused {refused} articles (unbalanced quotation marks)")
    print(f"workbook     {shared_score(data, out_dir / 'workbook.csv')}")
    print(f"textacy 0.13 {shared_score(data, out_dir / 'textacy.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
