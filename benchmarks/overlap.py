"""Benchmark of analysis.overlap against passim, churnalism and MinHash baselines (PAN text-alignment measures).

Usage::

    .venv/bin/python benchmarks/overlap.py [--corpus ../shared/corpora/bbc-news-2225/articles]
                                           [--cases 120] [--seed 13] [--quick]

What it does (nothing is written into the project):

1. Loads the BBC News corpus (2,225 articles; read from the shared folder at run
   time, never copied into the repository) and builds its own labelled set in a
   temporary folder: for each of three conditions (``verbatim``, ``spun20``,
   ``spun35``) it copies ``--cases`` passages of one to three paragraphs from a
   source article into a suspicious article of another category, at a known
   offset. Spun copies go through a synonym spinner that swaps 20% or 35% of
   the passage's content words using ``benchmarks/spinner_words.yaml`` – a
   word list written apart from the detector's lexicon (``data/synonyms.yaml``);
   the share of its swaps the lexicon happens to know is printed. Unrelated
   article pairs (no copy) are added as negatives.
2. Runs ``analysis.overlap.passages`` once over the whole modified corpus (the
   way a user would), and each baseline on every labelled and negative pair:
   * ``passim-default``: character 25-grams, at least 5 shared n-grams per pair,
     alignments of at least 50 characters (passim's defaults as the issue states them);
   * ``churnalism-15``: shared 15-character windows merged into spans (≥ 40 chars);
   * ``minhash-5w``: MinHash (128 permutations) Jaccard ≥ 0.5 between sentences on
     5-word shingles, adjacent hits merged.
3. Prints character-level precision, recall, granularity and plagdet (Potthast
   et al., "An Evaluation Framework for Plagiarism Detection", COLING 2010) per
   condition and method; then time and peak memory of ``passages`` on 500,
   1,000, 2,000 and all articles (each in a fresh process); and the candidate
   stage's recall: labelled pairs proposed, and pairs with passages under
   exhaustive all-pairs alignment of a 500-article sample that the index proposes.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("ANALYSIS_TABLE_CACHE", "0")  # time the analyses themselves, never the result cache

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc-news-2225" / "articles"
SPINNER_FILE = Path(__file__).with_name("spinner_words.yaml")
CONDITIONS = (("verbatim", 0.0), ("spun20", 0.20), ("spun35", 0.35))
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


# ---------------------------------------------------------------------------
# Building the labelled set
# ---------------------------------------------------------------------------

def read_bbc(folder: Path) -> list[dict]:
    docs = []
    for path in sorted(folder.rglob("*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        lines = raw.splitlines()
        title = lines[0].strip() if lines else ""
        paras = [l.strip() for l in lines[1:] if l.strip()]
        if len(paras) < 2:
            continue
        docs.append({"id": f"{path.parent.name}-{path.stem}", "category": path.parent.name,
                     "title": title, "paras": paras})
    seen, unique = set(), []
    for d in docs:  # the corpus holds duplicates; keep the first (same test as the loader's)
        key = " ".join("\n".join(d["paras"]).lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


class Spinner:
    """Swap a share of content words for synonyms from its own word list (inflection kept crudely)."""

    def __init__(self, path: Path, rng: random.Random):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.words = {k.lower(): [w for w in v if w.lower() != k.lower()] for k, v in spec["words"].items()}
        self.words = {k: v for k, v in self.words.items() if v}
        self.function = {w.lower() for w in spec["function_words"]}
        self.rng = rng

    def _replacement(self, word: str) -> str | None:
        low = word.lower()
        if low in self.words:
            return self.rng.choice(self.words[low])
        for suffix in ("s", "ed", "ing"):
            if low.endswith(suffix) and low[: -len(suffix)] in self.words:
                return self.rng.choice(self.words[low[: -len(suffix)]]) + suffix
        return None

    def spin(self, text: str, rate: float) -> tuple[str, int, int, list[tuple[str, str]]]:
        """Spun text, content words, swapped words, and the (old, new) swaps."""
        matches = [m for m in _WORD.finditer(text)]
        content = [m for m in matches if m.group(0)[0].islower() and m.group(0).lower() not in self.function
                   and len(m.group(0)) > 2]
        eligible = [m for m in content if self._replacement(m.group(0))]
        want = int(round(rate * len(content)))
        chosen = sorted(self.rng.sample(eligible, min(want, len(eligible))), key=lambda m: m.start())
        out, last, swaps = [], 0, []
        for m in chosen:
            new = self._replacement(m.group(0))
            out.append(text[last:m.start()])
            out.append(new)
            swaps.append((m.group(0).lower(), new.lower()))
            last = m.end()
        out.append(text[last:])
        return "".join(out), len(content), len(chosen), swaps


def build_cases(docs: list[dict], n_cases: int, seed: int) -> tuple[list[dict], list[dict], list[tuple[str, str]], dict]:
    """Modified articles (jsonl records), labelled cases, negative pairs and spinner statistics."""
    rng = random.Random(seed)
    spinner = Spinner(SPINNER_FILE, rng)
    order = list(range(len(docs)))
    rng.shuffle(order)
    used: set[int] = set()
    cases = []
    stats = {c: {"content": 0, "swapped": 0, "swaps": []} for c, _ in CONDITIONS}
    modified: dict[int, list[str]] = {}
    inserted_at: dict[int, tuple[int, str]] = {}
    pool = iter(order)
    for condition, rate in CONDITIONS:
        made = 0
        while made < n_cases:
            src_i = next(pool)
            susp_i = next(pool)
            src, susp = docs[src_i], docs[susp_i]
            if src["category"] == susp["category"]:
                continue
            k = rng.randint(1, 3)
            first = rng.randint(0, max(0, len(src["paras"]) - k))
            chosen = src["paras"][first:first + k]
            k = len(chosen)
            words = sum(len(p.split()) for p in chosen)
            if words < 25 or words > 300:
                continue
            spun_paras = []
            for p in chosen:
                if rate:
                    text, n_content, n_swapped, swaps = spinner.spin(p, rate)
                    stats[condition]["content"] += n_content
                    stats[condition]["swapped"] += n_swapped
                    stats[condition]["swaps"].extend(swaps)
                else:
                    text = p
                spun_paras.append(text)
            at = rng.randint(1, len(susp["paras"]) - 1)
            modified[susp_i] = susp["paras"][:at] + spun_paras + susp["paras"][at:]
            used.update({src_i, susp_i})
            cases.append({"condition": condition, "src": src_i, "susp": susp_i, "src_first": first, "k": k,
                          "at": at})
            made += 1
    negatives = []
    rest = [i for i in order if i not in used]
    while len(negatives) < n_cases:
        a, b = rng.sample(rest, 2)
        if docs[a]["category"] != docs[b]["category"]:
            negatives.append((a, b))
    # records and character offsets (raw text = paragraphs joined by blank lines)
    records = []
    raw_of: dict[int, str] = {}
    para_offsets: dict[int, list[tuple[int, int]]] = {}
    for i, d in enumerate(docs):
        paras = modified.get(i, d["paras"])
        spans, pos = [], 0
        for p in paras:
            spans.append((pos, pos + len(p)))
            pos += len(p) + 2
        raw_of[i] = "\n\n".join(paras)
        para_offsets[i] = spans
        records.append({"id": d["id"], "title": d["title"], "text": raw_of[i]})
    labelled = []
    for c in cases:
        s_spans = para_offsets[c["src"]][c["src_first"]:c["src_first"] + c["k"]]
        t_spans = para_offsets[c["susp"]][c["at"]:c["at"] + c["k"]]
        labelled.append({"condition": c["condition"], "susp": docs[c["susp"]]["id"], "src": docs[c["src"]]["id"],
                         "susp_span": (t_spans[0][0], t_spans[-1][1]), "src_span": (s_spans[0][0], s_spans[-1][1])})
    neg = [(docs[a]["id"], docs[b]["id"]) for a, b in negatives]
    return records, labelled, neg, stats


# ---------------------------------------------------------------------------
# PAN measures
# ---------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pan_measures(cases: list[dict], detections: list[dict]) -> dict:
    """Character-level precision, recall, granularity and plagdet (PAN text alignment).

    ``cases`` and ``detections``: dicts with ``susp, src, susp_span, src_span``.
    A detection detects a case when it overlaps it in both documents.
    """
    def chars(x):
        return (x["susp_span"][1] - x["susp_span"][0]) + (x["src_span"][1] - x["src_span"][0])

    by_pair = defaultdict(list)
    for r in detections:
        by_pair[(r["susp"], r["src"])].append(r)
    case_pair = defaultdict(list)
    for s in cases:
        case_pair[(s["susp"], s["src"])].append(s)

    def covered(target, others, key):
        ts, tr = target["susp_span"], target["src_span"]
        susp_hits, src_hits = [], []
        for o in others:
            if _overlap(ts, o["susp_span"]) and _overlap(tr, o["src_span"]):
                susp_hits.append((max(ts[0], o["susp_span"][0]), min(ts[1], o["susp_span"][1])))
                src_hits.append((max(tr[0], o["src_span"][0]), min(tr[1], o["src_span"][1])))
        return _union(susp_hits) + _union(src_hits), len(susp_hits)

    rec_parts, grans = [], []
    for s in cases:
        c, n = covered(s, by_pair.get((s["susp"], s["src"]), []), "r")
        rec_parts.append(c / chars(s))
        if n:
            grans.append(n)
    prec_parts = []
    for r in detections:
        c, _ = covered(r, case_pair.get((r["susp"], r["src"]), []), "s")
        prec_parts.append(c / max(1, chars(r)))
    recall = float(np.mean(rec_parts)) if rec_parts else 0.0
    precision = float(np.mean(prec_parts)) if prec_parts else 1.0
    gran = float(np.mean(grans)) if grans else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "granularity": gran,
            "plagdet": f1 / math.log2(1 + gran), "detections": len(detections)}


def _union(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the union of ``spans`` (the module's own helper)."""
    from analysis.overlap.pairs import covered_chars
    return covered_chars(spans)


# ---------------------------------------------------------------------------
# Baselines (each: (susp_text, src_text) -> [(susp_span, src_span)])
# ---------------------------------------------------------------------------

def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with runs of whitespace collapsed, and the map back to original offsets."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if space:
                continue
            space = True
            out.append(" ")
        else:
            space = False
            out.append(ch.lower())
        where.append(i)
    return "".join(out), where


def char_ngram_spans(a: str, b: str, n: int, min_matches: int, min_len: int, max_gap: int):
    """Shared character n-grams chained along diagonals into aligned spans (passim/churnalism style)."""
    na, wa = _normalise(a)
    nb, wb = _normalise(b)
    index = defaultdict(list)
    for j in range(len(nb) - n + 1):
        index[nb[j:j + n]].append(j)
    hits = []
    for i in range(len(na) - n + 1):
        for j in index.get(na[i:i + n], ()):
            hits.append((i, j))
    if len(hits) < min_matches:
        return []
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    spans = []
    cur = None
    for i, j in hits:
        d = i - j
        if cur and d == cur[4] and i <= cur[1] + max_gap:
            cur[1] = max(cur[1], i + n)
            cur[3] = max(cur[3], j + n)
        else:
            if cur:
                spans.append(cur)
            cur = [i, i + n, j, j + n, d]
    if cur:
        spans.append(cur)
    out = []
    for s0, s1, t0, t1, _ in spans:
        if s1 - s0 >= min_len:
            out.append(((wa[s0], wa[s1 - 1] + 1), (wb[t0], wb[t1 - 1] + 1)))
    return _merge_overlapping(out)


def _merge_overlapping(spans):
    spans = sorted(spans)
    out = []
    for s, t in spans:
        if out and s[0] <= out[-1][0][1] and _overlap(t, out[-1][1]) > 0:
            ps, pt = out[-1]
            out[-1] = ((ps[0], max(ps[1], s[1])), (min(pt[0], t[0]), max(pt[1], t[1])))
        else:
            out.append((s, t))
    return out


def passim_default(a: str, b: str):
    return char_ngram_spans(a, b, n=25, min_matches=5, min_len=50, max_gap=25)


def churnalism(a: str, b: str):
    return char_ngram_spans(a, b, n=15, min_matches=1, min_len=40, max_gap=15)


_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def minhash_sentences(a: str, b: str, threshold: float = 0.5, num_perm: int = 128):
    from datasketch import MinHash

    def sentences(text):
        out = []
        for m in _SENT.finditer(text):
            words = m.group(0).lower().split()
            if len(words) < 3:
                continue
            shingles = {" ".join(words[k:k + 5]) for k in range(max(1, len(words) - 4))}
            h = MinHash(num_perm=num_perm, seed=1)
            h.update_batch([s.encode("utf-8") for s in shingles])
            out.append(((m.start(), m.end()), h))
        return out

    sa, sb = sentences(a), sentences(b)
    pairs = []
    for span_a, ha in sa:
        for span_b, hb in sb:
            if ha.jaccard(hb) >= threshold:
                pairs.append((span_a, span_b))
    # merge runs of adjacent hits
    pairs.sort()
    out = []
    for s, t in pairs:
        if out and s[0] - out[-1][0][1] <= 2 and -2 <= t[0] - out[-1][1][1] <= 2:
            ps, pt = out[-1]
            out[-1] = ((ps[0], s[1]), (pt[0], t[1]))
        else:
            out.append((s, t))
    return out


BASELINES = {"passim-default": passim_default, "churnalism-15": churnalism, "minhash-5w": minhash_sentences}


# ---------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------

def detector_detections(corpus_path: Path, pairs: set[tuple[str, str]]) -> tuple[list[dict], float]:
    from analysis import load_corpus, overlap
    corpus = load_corpus(corpus_path)
    start = time.perf_counter()
    frame = overlap.passages(corpus)
    elapsed = time.perf_counter() - start
    out = []
    for r in frame.itertuples():
        for susp, src, s_span, t_span in ((r.doc_a, r.doc_b, (r.a_start, r.a_end), (r.b_start, r.b_end)),
                                          (r.doc_b, r.doc_a, (r.b_start, r.b_end), (r.a_start, r.a_end))):
            if (susp, src) in pairs:
                out.append({"susp": susp, "src": src, "susp_span": s_span, "src_span": t_span})
    return out, elapsed


def baseline_detections(method, texts: dict[str, str], pairs: list[tuple[str, str]]) -> list[dict]:
    out = []
    for susp, src in pairs:
        for s_span, t_span in method(texts[susp], texts[src]):
            out.append({"susp": susp, "src": src, "susp_span": s_span, "src_span": t_span})
    return out


_SCALE_SNIPPET = """
import json, resource, sys, time
from analysis import load_corpus, overlap
corpus = load_corpus(sys.argv[1])
articles = list(corpus)[: int(sys.argv[2])]
t, c = time.perf_counter(), time.process_time()
frame = overlap.passages(articles)
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
def peak_mb():
    # VmHWM is this process's own high-water mark; ru_maxrss would carry over the parent's across exec
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"articles": len(articles), "seconds": elapsed, "cpu": cpu, "passages": len(frame),
                  "peak_mb": peak_mb()}))
"""


def scale_run(corpus_path: Path, n: int) -> dict:
    result = subprocess.run([sys.executable, "-c", _SCALE_SNIPPET, str(corpus_path), str(n)],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def candidate_recall(corpus_path: Path, labelled: list[dict], sample: int, seed: int) -> dict:
    from analysis import load_corpus, overlap
    from analysis.overlap.passages import _passages_from, _prepare
    corpus = load_corpus(corpus_path)
    articles, streams, ctx = _prepare(corpus)
    ids = [a.doc_id for a in articles]
    pos = {d: i for i, d in enumerate(ids)}
    proposed = set(overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False))
    wanted = {tuple(sorted((pos[c["susp"]], pos[c["src"]]))) for c in labelled}
    labelled_recall = len(wanted & proposed) / len(wanted)
    t = time.perf_counter()
    lsh = set(overlap.candidate_pairs(streams, ctx.lexicon, exhaustive=False, method="lsh"))
    lsh_seconds = time.perf_counter() - t
    rng = random.Random(seed)
    subset = sorted(rng.sample(range(len(articles)), sample))
    # include every labelled pair whose two sides fall in the sample, plus the sample's all pairs
    sub_articles = [articles[i] for i in subset]
    sub_streams = [streams[i] for i in subset]
    all_pairs = [(x, y) for x in range(len(subset)) for y in range(x + 1, len(subset))]
    t = time.perf_counter()
    rows = _passages_from(sub_articles, sub_streams, ctx, all_pairs, overlap.DEFAULTS)
    exhaustive_seconds = time.perf_counter() - t
    found = set()
    sub_pos = {a.doc_id: subset[k] for k, a in enumerate(sub_articles)}
    for r in rows:
        found.add(tuple(sorted((sub_pos[r["doc_a"]], sub_pos[r["doc_b"]]))))
    sub_proposed = {p for p in proposed if p[0] in set(subset) and p[1] in set(subset)}
    exhaustive_recall = len(found & sub_proposed) / len(found) if found else 1.0
    sub_lsh = {p for p in lsh if p[0] in set(subset) and p[1] in set(subset)}
    return {"labelled_pairs": len(wanted), "labelled_recall": labelled_recall, "sample": sample,
            "exhaustive_pairs": len(all_pairs), "pairs_with_passages": len(found),
            "exhaustive_recall": exhaustive_recall, "exhaustive_seconds": exhaustive_seconds,
            "candidates_total": len(proposed), "lsh_total": len(lsh), "lsh_seconds": lsh_seconds,
            "lsh_labelled_recall": len(wanted & lsh) / len(wanted),
            "lsh_exhaustive_recall": len(found & sub_lsh) / len(found) if found else 1.0}


def overlap_settings():
    from analysis.overlap import DEFAULTS
    return DEFAULTS


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--cases", type=int, default=120, help="copied passages per condition")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quick", action="store_true", help="skip the scale and candidate runs")
    parser.add_argument("--debug", action="store_true", help="print the cases this module misses")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each scale point this many times in fresh processes and keep the fastest "
                             "(other jobs on a shared machine only ever slow a run down)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the scale and candidate-stage runs (skip the accuracy table)")
    args = parser.parse_args(argv)
    folder = Path(args.corpus)
    if not folder.exists():
        print(f"corpus not found: {folder}", file=sys.stderr)
        return 2
    docs = read_bbc(folder)
    records, labelled, negatives, stats = build_cases(docs, args.cases, args.seed)
    from analysis.overlap import load_lexicon, word_key
    lexicon = load_lexicon()
    print(f"BBC articles: {len(docs)} (exact duplicates dropped); cases per condition: {args.cases}; "
          f"negative pairs: {len(negatives)}; seed {args.seed}")
    for condition, _ in CONDITIONS[1:]:
        st = stats[condition]
        known = sum(1 for old, new in st["swaps"] if len(new.split()) == 1
                    and lexicon.related(word_key(old, lexicon), word_key(new, lexicon)))
        print(f"  {condition}: {st['swapped']:,} of {st['content']:,} content words swapped "
              f"({100 * st['swapped'] / max(1, st['content']):.1f}%); "
              f"{100 * known / max(1, len(st['swaps'])):.1f}% of swaps are in the detector's lexicon")
    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = Path(tmp) / "bbc_benchmark.jsonl"
        with corpus_path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec) + "\n")
        texts = {r["id"]: r["text"] for r in records}
        eval_pairs = {(c["susp"], c["src"]) for c in labelled} | set(negatives)
        if args.scale_only:
            return scale_and_candidates(corpus_path, records, labelled, args)
        ours, seconds = detector_detections(corpus_path, eval_pairs)
        print(f"\nanalysis.overlap.passages on the whole modified corpus ({len(records):,} articles): {seconds:.1f} s")
        header = f"{'condition':<10} {'method':<16} {'precision':>9} {'recall':>7} {'gran':>6} {'plagdet':>8} {'dets':>5}"
        print("\n" + header + "\n" + "-" * len(header))
        baseline_dets = {}
        for name, method in BASELINES.items():
            t = time.perf_counter()
            baseline_dets[name] = baseline_detections(method, texts, sorted(eval_pairs))
            baseline_dets[name + "_seconds"] = time.perf_counter() - t
        neg_set = set(negatives)
        for condition, _ in CONDITIONS:
            cases = [c for c in labelled if c["condition"] == condition]
            pairs = {(c["susp"], c["src"]) for c in cases} | neg_set
            for name, dets in [("overlap", ours)] + [(n, baseline_dets[n]) for n in BASELINES]:
                subset = [d for d in dets if (d["susp"], d["src"]) in pairs]
                m = pan_measures(cases, subset)
                print(f"{condition:<10} {name:<16} {m['precision']:>9.3f} {m['recall']:>7.3f} "
                      f"{m['granularity']:>6.3f} {m['plagdet']:>8.3f} {m['detections']:>5}")
        if args.debug:
            for c in labelled:
                dets = [d for d in ours if (d["susp"], d["src"]) == (c["susp"], c["src"])]
                m = pan_measures([c], dets)
                if m["precision"] < 0.97:
                    for d in dets:
                        print(f"  imprecise {c['condition']} {c['susp']}<-{c['src']} case {c['susp_span']} {c['src_span']}"
                              f" detection {d['susp_span']} {d['src_span']}: "
                              f"{texts[c['susp']][d['susp_span'][0]:d['susp_span'][1]][:80]!r} ... "
                              f"{texts[c['susp']][d['susp_span'][1] - 80:d['susp_span'][1]]!r}")
                if m["recall"] < 0.9:
                    print(f"  missed {c['condition']} {c['susp']}<-{c['src']} recall {m['recall']:.2f}: "
                          f"{texts[c['susp']][c['susp_span'][0]:c['susp_span'][1]][:300]!r}")
        false_neg = sum(1 for d in ours if (d["susp"], d["src"]) in neg_set)
        print(f"\ndetections on the {len(negatives)} negative pairs: overlap {false_neg}, " + ", ".join(
            f"{n} {sum(1 for d in baseline_dets[n] if (d['susp'], d['src']) in neg_set)}" for n in BASELINES))
        if args.quick:
            return 0
        return scale_and_candidates(corpus_path, records, labelled, args)


def scale_and_candidates(corpus_path: Path, records: list[dict], labelled: list[dict], args) -> int:
    """Time and peak memory of ``passages`` at 500 / 1,000 / 2,000 / all articles, then candidate recall."""
    print(f"\nscale (fresh process each, best of {args.repeat}; wall time of passages(), peak RSS of the process; "
          f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    results = {}
    for n in (500, 1000, 2000, len(records)):
        runs = [scale_run(corpus_path, n) for _ in range(args.repeat)]
        r = min(runs, key=lambda x: x["seconds"])
        results[n] = r
        all_runs = ", ".join(f"{x['seconds']:.1f}" for x in runs)
        print(f"  {r['articles']:>5} articles: {r['seconds']:6.1f} s wall, {r['cpu']:6.1f} s CPU, "
              f"peak {r['peak_mb']:6.0f} MB, {r['passages']:,} passages"
              + (f"  (runs: {all_runs} s)" if args.repeat > 1 else ""))
    print(f"  growth 1,000 -> 2,000 articles: {results[2000]['seconds'] / results[1000]['seconds']:.2f}x wall time, "
          f"{results[2000]['cpu'] / results[1000]['cpu']:.2f}x CPU time; 1,000 -> all: "
          f"{results[len(records)]['seconds'] / results[1000]['seconds']:.2f}x wall time")
    print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    cr = candidate_recall(corpus_path, labelled, 500, args.seed)
    print(f"\ncandidate stage: {cr['candidates_total']:,} candidate pairs on {len(records):,} articles; "
          f"recall on the {cr['labelled_pairs']} labelled pairs {cr['labelled_recall']:.3f}; "
          f"exhaustive all-pairs alignment of a {cr['sample']}-article sample ({cr['exhaustive_pairs']:,} pairs, "
          f"{cr['exhaustive_seconds']:.0f} s) finds passages in {cr['pairs_with_passages']} pairs, "
          f"of which the index proposes {cr['exhaustive_recall']:.3f}")
    print(f"MinHash LSH alternative (used past {overlap_settings().lsh_min_docs:,} articles): "
          f"{cr['lsh_total']:,} candidate pairs in {cr['lsh_seconds']:.1f} s; recall on labelled pairs "
          f"{cr['lsh_labelled_recall']:.3f}, on the exhaustive sample's pairs {cr['lsh_exhaustive_recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
