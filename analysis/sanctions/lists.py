"""Official sanctions lists: read OFAC and UK list files, and match targets against their names.

* :func:`load_lists` – every name on the list files in ``data/lists/`` (or another folder);
* :func:`compare_names` – the verdict for one article name against one list name;
* :func:`match_lists` – candidate list entries for each named target, with a verdict
  ``match`` / ``partial`` / ``related`` / ``no match``; :func:`list_summary` – the best verdict per target.

The fuzzy cut-offs are :class:`~.settings.Settings` fields (by default the ``threshold`` of
``data/sanctions_lists.yaml`` and the ``token_similarity`` of ``data/sanctions_names.yaml``).
"""
from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import cache, config
from .frames import nones
from .lexicon import Lexicon, load_lexicon
from .names import name_tokens
from .settings import Settings

#: Columns of :func:`match_lists`.
MATCH_COLUMNS = ["target", "target_type", "verdict", "score", "list", "list_id", "list_name",
                 "list_entity_type", "programme", "listing_date", "first_seen", "evidence"]
#: Columns of :func:`load_lists`.
LIST_COLUMNS = ["list", "list_id", "name", "name_type", "entity_type", "programme", "listing_date",
                "first_seen", "source"]
#: Folder of ``data/`` that holds the list files.
LISTS_FOLDER = "lists"
#: Verdicts, best first.
VERDICT_RANK = {"match": 0, "partial": 1, "related": 2, "no match": 3}

_AKA = re.compile(r"\b(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'([^']+)'")
_UK_KINDS = {"individual": "person", "entity": "organization", "ship": "vessel"}
_INDEXES: dict = {}


# ---------------------------------------------------------------------------
# Reading list files
# ---------------------------------------------------------------------------

def _open_text(path: Path) -> io.StringIO:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return io.StringIO(data.decode("utf-8", errors="replace"))


def _ofac_person_name(name: str) -> str:
    """"DOE, John" -> "John DOE" (OFAC writes surnames first)."""
    if "," in name:
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}".strip()
    return name.strip()


def _snapshot_date(path: Path) -> str | None:
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    return m.group(1) if m else None


def _is_ofac(path: Path) -> bool:
    try:
        first = _open_text(path).readline()
    except OSError:
        return False
    return bool(re.match(r'^\s*\d+\s*,\s*"', first))


def read_ofac(path: str | Path, lex: Lexicon | None = None) -> pd.DataFrame:
    """Names of an OFAC ``sdn.csv`` file (primary names and a.k.a.s from the remarks), as :data:`LIST_COLUMNS`."""
    lex = lex or load_lexicon()
    path = Path(path)
    types = {str(k): v for k, v in (lex.lists.get("ofac_types") or {}).items()}
    seen = _snapshot_date(path)
    rows = []
    for rec in csv.reader(_open_text(path)):
        if len(rec) < 4 or not rec[0].strip().isdigit():
            continue
        rec = [value.strip() for value in rec] + [""] * (12 - len(rec))
        uid, name, kind, programs, remarks = rec[0], rec[1], rec[2], rec[3], rec[11]
        kind = "" if kind == "-0-" else kind
        entity_type = types.get(kind, "organization")
        programme = "; ".join(p.strip() for p in re.split(r"\]\s*\[", programs) if p.strip() and p.strip() != "-0-")
        names = [(name, "primary")] + [(a, "alias") for a in _AKA.findall(remarks or "")]
        for value, name_type in names:
            display = _ofac_person_name(value) if entity_type == "person" else value.strip()
            rows.append(("OFAC SDN", uid, display, name_type, entity_type, programme, None, seen, path.name))
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def _uk_file(folder: Path, stem: str) -> Path:
    for name in (f"{stem}.csv", f"{stem}.csv.gz"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"{folder}: no {stem}.csv")


def read_uk(folder: str | Path, lex: Lexicon | None = None) -> pd.DataFrame:
    """Names of the UK Sanctions List tables (``subjects.csv`` + ``subject_names.csv``), as :data:`LIST_COLUMNS`."""
    lex = lex or load_lexicon()
    folder = Path(folder)
    subjects = {r["unique_id"]: r for r in csv.DictReader(_open_text(_uk_file(folder, "subjects")))}
    regimes = lex.lists.get("uk_regimes") or {}
    rows = []
    for rec in csv.DictReader(_open_text(_uk_file(folder, "subject_names"))):
        uid = rec.get("unique_id") or ""
        subject = subjects.get(uid, {})
        date = None
        m = re.match(r"(\d{2})/(\d{2})/(\d{4})", subject.get("date_designated") or "")
        if m:
            date = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
        prefix = re.match(r"[A-Z]+", uid)
        rows.append(("UK Sanctions List", uid, rec.get("full_name") or "", rec.get("name_type") or "primary",
                     _UK_KINDS.get((subject.get("subject_type") or "").lower(), "organization"),
                     regimes.get(prefix.group(0), prefix.group(0)) if prefix else None,
                     date, None, folder.name))
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def _latest_ofac(files: list[Path], lex: Lexicon) -> pd.DataFrame:
    """The latest OFAC snapshot's entries, each with the earliest snapshot date that holds it."""
    snapshots = [read_ofac(p, lex) for p in files]
    first: dict[str, str | None] = {}
    for snap in snapshots:
        for uid, seen in zip(snap["list_id"], snap["first_seen"]):
            if uid not in first or (seen and (first[uid] is None or seen < first[uid])):
                first[uid] = seen
    latest = snapshots[-1].copy()
    latest["first_seen"] = [first.get(uid) for uid in latest["list_id"]]
    return latest


def _read_lists(root: Path, lex: Lexicon) -> pd.DataFrame:
    frames = []
    ofac_files = sorted(p for p in root.rglob("*") if p.is_file() and re.search(r"\.csv(\.gz)?$", p.name)
                        and "subject" not in p.name and _is_ofac(p))
    if ofac_files:
        frames.append(_latest_ofac(ofac_files, lex))
    for subjects in sorted(root.rglob("subjects.csv*")):
        frames.append(read_uk(subjects.parent, lex))
    if not frames:
        raise FileNotFoundError(f"No sanctions list file (OFAC sdn.csv or UK subjects.csv) in {root}")
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["list", "list_id", "name_type", "name"], kind="stable").reset_index(drop=True)


def load_lists(folder: str | Path | None = None) -> pd.DataFrame:
    """Every name on the official lists in ``folder`` (default ``data/lists``), one row per name.

    Reads OFAC ``sdn.csv`` files (any ``*.csv``/``*.csv.gz`` in that format; several
    dated snapshots ``ofac_sdn_YYYY-MM-DD.csv`` give ``first_seen``) and UK Sanctions
    List tables (a folder with ``subjects.csv`` and ``subject_names.csv``).
    Columns: :data:`LIST_COLUMNS` – ``list`` (OFAC SDN / UK Sanctions List),
    ``list_id``, ``name``, ``name_type`` (primary/alias/...), ``entity_type``
    (person/organization/vessel/aircraft), ``programme``, ``listing_date`` (ISO, UK
    only: OFAC files carry none), ``first_seen`` (earliest OFAC snapshot holding the
    entry), ``source`` (file). Memoised on the files' contents and the lexicon
    (:func:`analysis.cache.memo`).
    """
    root = config.resolve_corpus(folder) if folder else config.data_file(LISTS_FOLDER)
    if not root.exists():
        raise FileNotFoundError(f"Sanctions list folder not found: {root}")
    lex = load_lexicon()
    files = sorted(p for p in root.rglob("*") if p.is_file() and ".csv" in p.name)
    key = (str(root), cache.files_hash(files, root=root), lex.key)
    return cache.memo("sanctions.lists", key, lambda: _read_lists(root, lex))


# ---------------------------------------------------------------------------
# Matching names
# ---------------------------------------------------------------------------

@dataclass
class _ListIndex:
    tokens: list            # per row: list of tokens
    by_token: dict          # token -> row indices
    vocab: list


def _index(lists: pd.DataFrame, lex: Lexicon) -> _ListIndex:
    """Name tokens of every list row and the rows of each token (the latest index is kept, keyed by the
    lexicon's content and the lists' content)."""
    key = (lex.key, cache.frame_hash(lists[["name", "entity_type"]]))
    cached = _INDEXES.get(key)
    if cached is not None:
        return cached
    tokens = []
    by_token: dict[str, list[int]] = {}
    for i, (name, etype) in enumerate(zip(lists["name"], lists["entity_type"])):
        toks = name_tokens(str(name), lex, person=etype == "person")
        tokens.append(toks)
        for t in set(toks):
            by_token.setdefault(t, []).append(i)
    idx = _ListIndex(tokens, by_token, sorted(by_token))
    _INDEXES.clear()
    _INDEXES[key] = idx
    return idx


def _token_similarity(lex: Lexicon, settings: Settings) -> float:
    if settings.token_similarity is not None:
        return float(settings.token_similarity)
    return float(lex.names.get("token_similarity", 85))


def _align(a: list[str], b: list[str], threshold: float) -> tuple[list[tuple[str, str, float]], list[str], list[str]]:
    """Greedy best-first pairing of name tokens by rapidfuzz ratio: ``(pairs, only_a, only_b)``."""
    from rapidfuzz import fuzz
    cands = sorted(((fuzz.ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in cands:
        if score < threshold or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j], score))
    return pairs, [x for i, x in enumerate(a) if i not in used_a], [y for j, y in enumerate(b) if j not in used_b]


def compare_names(article_name: str, list_name: str, target_type: str, lex: Lexicon | None = None,
                  settings: Settings | None = None) -> tuple[str, float, str]:
    """``(verdict, score, evidence)`` for one article name against one list name.

    Persons: every list token must pair with an article token (rapidfuzz ratio at or
    above the token similarity, after the variant rules) and the surnames must pair.
    Same tokens both ways: ``match``; the article has extra given names: ``partial``;
    the list has extra names the article lacks: ``partial`` as well; both sides keep
    unpaired names (different given names: another person): ``no match``.
    Organisations: same tokens ``match``; one name contained in the other with at
    least ``settings.related_min_shared`` shared words: ``related``.
    """
    lex = lex or load_lexicon()
    person = target_type == "person"
    a = name_tokens(article_name, lex, person=person)
    b = name_tokens(list_name, lex, person=person)
    return _compare_tokens(a, b, person, lex, settings or Settings())


def _person_verdict(a, b, pairs, only_a, only_b) -> str:
    surname_ok = any(x == a[-1] for x, _, _ in pairs) and any(y in (b[-1], b[0]) for x, y, _ in pairs if x == a[-1])
    if not pairs or not surname_ok or (only_a and only_b):
        return "no match"
    if len(pairs) < 2 and (only_a or only_b):
        return "no match"
    return "match" if not only_a and not only_b else "partial"


def _compare_tokens(a, b, person, lex: Lexicon, settings: Settings) -> tuple[str, float, str]:
    if not a or not b:
        return "no match", 0.0, ""
    pairs, only_a, only_b = _align(a, b, _token_similarity(lex, settings))
    paired = sum(s for _, _, s in pairs)
    list_cost = settings.list_only_cost_person if person else settings.list_only_cost_organization
    score = round(paired / (len(pairs) + settings.article_only_cost * len(only_a) + list_cost * len(only_b)),
                  1) if pairs else 0.0
    evidence = ", ".join(f"{x}~{y}" if x != y else x for x, y, _ in pairs)
    if only_a:
        evidence += "; article only: " + " ".join(only_a)
    if only_b:
        evidence += "; list only: " + " ".join(only_b)
    if person:
        return _person_verdict(a, b, pairs, only_a, only_b), score, evidence
    if not only_a and not only_b:
        return "match", score, evidence
    if pairs and len(pairs) >= settings.related_min_shared and (not only_a or not only_b) and a[0] == b[0]:
        return "related", score, evidence
    return "no match", score, evidence


def _candidates(tokens: list[str], person: bool, index: _ListIndex, similarity: float, settings: Settings) -> set:
    """Row indices of list names sharing a token (fuzzily) with the target's name."""
    from rapidfuzz import fuzz, process
    found: set[int] = set()
    for tok in tokens:
        if len(tok) < settings.min_person_token and person:
            continue
        for hit, _, _ in process.extract(tok, index.vocab, scorer=fuzz.ratio, score_cutoff=similarity,
                                         limit=settings.candidate_tokens):
            found.update(index.by_token.get(hit, []))
    return found


def _target_matches(name: str, ttype: str, lists: pd.DataFrame, index: _ListIndex, threshold: float,
                    lex: Lexicon, settings: Settings) -> list[dict]:
    """The best-named row per list entry at or above ``threshold`` for one target; one ``no match`` row if none."""
    person = ttype == "person"
    a = name_tokens(name, lex, person=person)
    best: dict[tuple, dict] = {}
    for i in sorted(_candidates(a, person, index, _token_similarity(lex, settings), settings)):
        etype = lists.iat[i, lists.columns.get_loc("entity_type")]
        if (etype == "person") != person or etype in ("vessel", "aircraft"):
            continue
        verdict, score, evidence = _compare_tokens(a, index.tokens[i], person, lex, settings)
        if verdict == "no match" or score < threshold:
            continue
        rec = lists.iloc[i]
        key = (rec["list"], rec["list_id"])
        rank = (VERDICT_RANK[verdict], -score)
        if key in best and best[key]["_rank"] <= rank:
            continue
        best[key] = {"target": name, "target_type": ttype, "verdict": verdict, "score": score,
                     "list": rec["list"], "list_id": rec["list_id"], "list_name": rec["name"],
                     "list_entity_type": etype, "programme": rec["programme"],
                     "listing_date": rec["listing_date"], "first_seen": rec["first_seen"],
                     "evidence": evidence, "_rank": rank}
    if best:
        return list(best.values())
    return [{**{column: None for column in MATCH_COLUMNS}, "target": name, "target_type": ttype,
             "verdict": "no match", "_rank": (9, 0)}]


def _named_targets(targets) -> list[tuple[str, str]]:
    """Distinct ``(name, type)`` of the person and organisation targets, in their first order."""
    if isinstance(targets, pd.DataFrame):
        pairs = list(zip(targets["target"], targets["target_type"]))
    else:
        pairs = [(t, "person") if isinstance(t, str) else tuple(t) for t in targets]
    seen = []
    for name, ttype in pairs:
        if ttype in ("person", "organization") and (name, ttype) not in seen:
            seen.append((name, ttype))
    return seen


def _match_table(targets, lists: pd.DataFrame, threshold: float | None, lex: Lexicon,
                 settings: Settings) -> pd.DataFrame:
    if threshold is None:
        threshold = settings.match_threshold
    if threshold is None:
        threshold = float(lex.lists.get("threshold", 70))
    index = _index(lists, lex)
    rows = []
    for name, ttype in _named_targets(targets):
        rows.extend(_target_matches(name, ttype, lists, index, threshold, lex, settings))
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS + ["_rank"])
    if frame.empty:
        return frame.drop(columns="_rank")
    frame["_v"] = frame["verdict"].map(VERDICT_RANK)
    frame["_s"] = -frame["score"].fillna(-1)
    frame = frame.sort_values(["target", "_v", "_s", "list", "list_id"], kind="stable", na_position="last")
    return nones(frame.drop(columns=["_rank", "_v", "_s"]).reset_index(drop=True))


def match_lists(targets, lists: pd.DataFrame | None = None, *, threshold: float | None = None,
                lexicon: Lexicon | None = None, settings: Settings | None = None) -> pd.DataFrame:
    """Candidate list entries for each person/organisation target.

    ``targets`` is a DataFrame with ``target`` and ``target_type`` (the output of
    :func:`~analysis.sanctions.consolidated` or :func:`~analysis.sanctions.sanctions`), or a list of
    names (persons) or ``(name, type)`` pairs. ``lists`` defaults to :func:`load_lists` on
    ``data/lists``. ``threshold`` overrides ``settings.match_threshold``.

    Candidates: list names sharing a name token at or above the token similarity
    (rapidfuzz ratio, after the variant rules), compared with :func:`compare_names`.

    Columns: :data:`MATCH_COLUMNS` – ``target``, ``target_type``, ``verdict``
    (``match``, ``partial``: the list name has fewer or more given names,
    ``related``: one organisation name contains the other, ``no match``),
    ``score`` (0-100: the summed similarity of the paired name tokens over the paired
    tokens plus a cost per unpaired token, :class:`~.settings.Settings`), ``list``, ``list_id``,
    ``list_name`` (the list's spelling), ``list_entity_type``, ``programme``, ``listing_date``,
    ``first_seen``, ``evidence`` (paired tokens, and the tokens only one side has). One row per
    (target, list entry) at or above the threshold, best name per entry; a target with
    none gets one ``no match`` row. Groups and countries are not matched.
    Sorted by target, verdict rank, score (desc), list, list_id.
    """
    if lists is None:
        lists = load_lists()
    settings = settings or Settings()
    if lexicon is not None:
        return _match_table(targets, lists, threshold, lexicon, settings)
    lex = load_lexicon()
    frame = targets[["target", "target_type"]] if isinstance(targets, pd.DataFrame) else None
    key = (cache.frame_hash(frame) if frame is not None else repr(list(targets)), threshold,
           cache.frame_hash(lists), lex.key, settings)
    return cache.memo("sanctions.match_lists", key, lambda: _match_table(targets, lists, threshold, lex, settings))


def list_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """Best list verdict per target: ``target, target_type, verdict, lists`` ("list id (verdict)" entries,
    "; "-joined; None when no entry matched). Sorted by target."""
    if matches.empty:
        return pd.DataFrame(columns=["target", "target_type", "verdict", "lists"])
    out = []
    for (target, ttype), group in matches.groupby(["target", "target_type"], sort=True):
        best = min(group["verdict"], key=VERDICT_RANK.get)
        hits = group[group["verdict"] != "no match"]
        out.append({"target": target, "target_type": ttype, "verdict": best,
                    "lists": "; ".join(f"{r.list} {r.list_id} ({r.verdict})" for r in hits.itertuples()) or None})
    return nones(pd.DataFrame(out))
