"""Benchmark: quote attribution on PolNeAR's development split, next to textacy.

    .venv/bin/python benchmarks/claims.py [--data ../shared/eval/polnear-dev] [--errors N]

Reads the evaluation articles and their brat annotations (never copied into the
project; the spaCy cache goes to a temporary folder) and prints, for
``analysis.claims.claims`` and for textacy's ``direct_quotations`` run on the
same spaCy parses:

* quote recall: a gold direct or mixed quote (a ``Content`` span containing
  quotation marks) is found when one predicted quote claim (kind ``direct`` or
  ``partial``) covers at least 80% of its quoted characters;
* quote precision: a predicted quote claim is correct when it finds a gold quote
  that way, or when at least 80% of its own characters are quoted characters of
  one gold quote (a piece of a quote the annotators kept in one span);
* speaker accuracy on found quotes: the claim's speaker mention overlaps the gold
  ``Source`` span, or the resolved speaker name shares a capitalised name word
  with it (a resolved pronoun counts when it names the annotated person);
* end-to-end: precision/recall/F1 counting only found quotes with the right speaker;

overall and by gold kind (``direct``: the quoted characters are the whole
content; ``mixed``: quoted fragments inside reported speech). One annotator file
per article is used: the first by file name.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear-dev"
QUOTE_MARKS = "\"“”"
NAME_STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "he", "she", "they", "it", "we", "i",
             "his", "her", "their", "said", "says", "who", "former", "president", "sen", "rep", "gov"}


def read_gold(data: Path) -> dict[str, list[dict]]:
    """``{doc_id: [gold quote]}``; each has ``chars`` (set of quoted raw offsets), ``kind``, ``source`` span and text."""
    gold: dict[str, list[dict]] = {}
    for text_file in sorted((data / "text").glob("*.txt")):
        doc_id = text_file.stem
        ann_files = sorted((data / "attributions").glob(f"{doc_id}*.ann"))
        ann_files = [f for f in ann_files if f.stem == doc_id or f.stem[len(doc_id):].count("_") == 1]
        if not ann_files:
            continue
        raw = text_file.read_text(encoding="utf-8")
        spans, quotes = {}, []
        lines = ann_files[0].read_text(encoding="utf-8").splitlines()
        for line in lines:
            parts = line.split("\t")
            if parts[0].startswith("T") and len(parts) >= 2:
                kind, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = (kind, [tuple(map(int, o.split())) for o in offsets.split(";")])
        for line in lines:
            parts = line.split("\t")
            if not parts[0].startswith("E") or len(parts) < 2:
                continue
            roles = dict(x.split(":", 1) for x in parts[1].split() if ":" in x)
            content = spans.get(roles.get("Content"))
            if content is None:
                continue
            chars = quoted_chars(raw, content[1])
            if not chars:
                continue
            content_chars = {i for a, b in content[1] for i in range(a, b) if raw[i].isalnum()}
            kind = "direct" if len(chars & content_chars) >= 0.9 * len(content_chars) else "mixed"
            source = spans.get(roles.get("Source"))
            src_spans = source[1] if source else []
            quotes.append({"chars": chars, "kind": kind, "source": src_spans,
                           "source_text": " ".join(raw[a:b] for a, b in src_spans),
                           "text": " … ".join(raw[a:b] for a, b in content[1])})
        gold[doc_id] = quotes
    return gold


def quoted_chars(raw: str, spans: list[tuple[int, int]]) -> set[int]:
    """Offsets of the non-space characters inside quotation marks within the content spans.

    A span that begins inside a quote (its first mark closes) counts from its start.
    """
    chars: set[int] = set()
    for a, b in spans:
        inside, seen_mark = False, False
        for i in range(a, b):
            ch = raw[i]
            if ch in QUOTE_MARKS:
                after = raw[i + 1] if i + 1 < len(raw) else " "
                before = raw[i - 1] if i > 0 else " "
                closes = ch == "”" or (ch == '"' and (inside or (not before.isspace() and not after.isalnum())))
                if closes and not inside and not seen_mark:
                    chars.update(j for j in range(a, i) if not raw[j].isspace())
                inside = not closes
                seen_mark = True
            elif inside and not ch.isspace():
                chars.add(i)
    return chars


def name_words(text: str | None) -> set[str]:
    words = re.findall(r"[A-Z][\w’'-]+", text or "")
    return {w.lower().removesuffix("’s").removesuffix("'s") for w in words} - NAME_STOP


def speaker_right(pred: dict, quote: dict) -> bool:
    if not quote["source"]:
        return pred["speaker"] is None
    s, e = pred.get("speaker_start"), pred.get("speaker_end")
    if s is not None and e is not None and any(s < b and a < e for a, b in quote["source"]):
        return True
    return bool(name_words(pred["speaker"]) & name_words(quote["source_text"]))


def score(predictions: dict[str, list[dict]], gold: dict[str, list[dict]]) -> dict:
    """Counts and rates; ``predictions`` holds quote claims with raw ``start, end`` and a speaker."""
    stats = defaultdict(int)
    errors = []
    for doc_id, quotes in gold.items():
        preds = predictions.get(doc_id, [])
        pred_ranges = [set(range(p["start"], p["end"])) for p in preds]
        correct_pred = [False] * len(preds)
        for q in quotes:
            stats["gold"] += 1
            stats[f"gold_{q['kind']}"] += 1
            best, best_cov = None, 0.0
            for k, r in enumerate(pred_ranges):
                cov = len(q["chars"] & r) / len(q["chars"])
                if cov > best_cov:
                    best, best_cov = k, cov
            if best is not None and best_cov >= 0.8:
                stats["found"] += 1
                stats[f"found_{q['kind']}"] += 1
                correct_pred[best] = True
                if speaker_right(preds[best], q):
                    stats["e2e"] += 1
                    stats[f"e2e_{q['kind']}"] += 1
                else:
                    errors.append(("speaker", doc_id, q["text"][:90], q["source_text"], preds[best]["speaker"]))
            else:
                errors.append(("missed", doc_id, q["text"][:90], q["source_text"], round(best_cov, 2)))
        all_quoted = [q["chars"] for q in quotes]
        for k, p in enumerate(preds):
            stats["pred"] += 1
            stats[f"pred_{p['kind']}"] += 1
            ok = correct_pred[k] or any(len(r & pred_ranges[k]) >= 0.8 * max(1, len(_alnum(p))) for r in all_quoted)
            if ok:
                stats["pred_ok"] += 1
                stats[f"pred_ok_{p['kind']}"] += 1
                # end-to-end precision: a correct quote whose speaker matches the gold quote it hits
                hit = [q for q in quotes if len(q["chars"] & pred_ranges[k]) > 0]
                if hit and any(speaker_right(p, q) for q in hit):
                    stats["pred_e2e"] += 1
            else:
                errors.append(("false", doc_id, p.get("quote", "")[:90], "", p["speaker"]))
    stats["errors"] = errors
    return stats


def _alnum(pred: dict) -> str:
    return re.sub(r"\W", "", pred.get("quote", "")) or "x"


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_workbook(corpus) -> dict[str, list[dict]]:
    from analysis.claims import claims
    frame = claims(corpus, use_entities=False)
    frame = frame[frame["kind"].isin(["direct", "partial"])]
    out: dict[str, list[dict]] = defaultdict(list)
    for row in frame.itertuples(index=False):
        out[row.doc_id].append({"start": int(row.start), "end": int(row.end), "kind": row.kind,
                                "quote": row.quote, "speaker": row.speaker,
                                "speaker_start": None if row.speaker_start is None or str(row.speaker_start) == "<NA>" else int(row.speaker_start),
                                "speaker_end": None if row.speaker_end is None or str(row.speaker_end) == "<NA>" else int(row.speaker_end)})
    return out


def run_textacy(corpus) -> tuple[dict[str, list[dict]], int]:
    from textacy.extract import triples
    from analysis.nlp import iter_docs
    out: dict[str, list[dict]] = defaultdict(list)
    refused = 0
    for article, doc in iter_docs(corpus):
        try:
            found = list(triples.direct_quotations(doc))
        except Exception:   # textacy refuses texts with unbalanced quotation marks
            refused += 1
            continue
        for speaker, _cue, content in found:
            s, e = article.raw_span(content.start_char, content.end_char)
            spk_s, spk_e = article.raw_span(speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else (None, None)
            out[article.doc_id].append({"start": s, "end": e, "kind": "direct", "quote": content.text,
                                        "speaker": " ".join(t.text for t in speaker) or None,
                                        "speaker_start": spk_s, "speaker_end": spk_e})
    return out, refused


def report(name: str, stats: dict) -> list[str]:
    p, r, f = prf(stats["pred_ok"], stats["pred"], stats["found"], stats["gold"])
    ep, er, ef = prf(stats["pred_e2e"], stats["pred"], stats["e2e"], stats["gold"])
    acc = stats["e2e"] / stats["found"] if stats["found"] else 0.0
    rows = [f"| {name} | all | {stats['gold']} | {stats['pred']} | {p:.3f} | {r:.3f} | {f:.3f} | {acc:.3f} | {ep:.3f} | {er:.3f} | {ef:.3f} |"]
    for kind in ("direct", "mixed"):
        n = stats[f"gold_{kind}"]
        found = stats[f"found_{kind}"]
        e2e = stats[f"e2e_{kind}"]
        rk = found / n if n else 0.0
        acc_k = e2e / found if found else 0.0
        rows.append(f"| {name} | {kind} | {n} | | | {rk:.3f} | | {acc_k:.3f} | | {e2e / n if n else 0:.3f} | |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="PolNeAR split folder (text/ and attributions/)")
    parser.add_argument("--errors", type=int, default=0, help="print this many error examples of the workbook")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "text").is_dir():
        print(f"no evaluation data at {data}", file=sys.stderr)
        return 2
    os.environ["ANALYSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="claims-bench-")  # never cache eval texts in data/
    from analysis import load_corpus
    corpus = load_corpus(data / "text")
    gold = read_gold(data)
    gold = {k: v for k, v in gold.items() if k in set(corpus.doc_ids)}
    t0 = time.perf_counter()
    ours = score(run_workbook(corpus), gold)
    t1 = time.perf_counter()
    textacy_preds, refused = run_textacy(corpus)
    theirs = score(textacy_preds, gold)
    print(f"PolNeAR dev: {len(gold)} articles, {ours['gold']} gold direct/mixed quotes "
          f"({ours['gold_direct']} direct, {ours['gold_mixed']} mixed)")
    print(f"textacy refused {refused} of {len(corpus)} articles (unbalanced quotation marks)")
    print(f"workbook claims() took {t1 - t0:.1f} s (parse included)\n")
    print("| system | gold kind | gold | predicted | quote P | quote R | quote F1 | speaker acc | e2e P | e2e R | e2e F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for line in report("workbook", ours) + report("textacy 0.13", theirs):
        print(line)
    if args.errors:
        print()
        for err in ours["errors"][:args.errors]:
            print(err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
