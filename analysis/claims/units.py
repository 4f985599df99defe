"""One claim per attribution: quoted fragments inside a reported clause become one ``mixed`` claim.

*X said the deal is “a disaster”* is one attribution. The quote reader (:mod:`.extract`) finds
the fragment “a disaster” as a ``partial`` draft and the reported-speech reader
(:mod:`.reported`) finds the clause *the deal is “a disaster”* as an ``indirect`` (or
``according_to``) draft. :func:`merge_mixed` folds each fragment into the reported clause that
holds it: the clause becomes kind ``mixed`` and keeps the fragments' offsets in ``parts``.

``quoted_spans`` – the quoted parts of a claim as text: ``"s1-e1;s2-e2"`` (:func:`format_spans`,
read back by :func:`parse_spans`). A plain string, so it survives CSV and the result cache alike.
"""
from __future__ import annotations

from ..text.quotes import quoted_spans

_CLOSING_MARKS = "\"”»’"
#: Kinds whose rows carry ``quoted_spans``.
QUOTED_KINDS = ("direct", "partial", "mixed")
#: Reported-speech kinds a quoted fragment can be folded into.
_HOST_KINDS = ("indirect", "according_to")


def merge_mixed(drafts: list, text: str) -> list:
    """``drafts`` with every ``partial`` draft lying inside a reported clause folded into that clause.

    A fragment joins the reported draft whose span holds most of its characters (or, on the same cue,
    the opening of one of its pieces: *claiming that fraud is “a big problem” but “nobody talks about it”*),
    preferring the one on the same cue and then the narrowest. The host becomes kind ``mixed``; its
    span grows to cover the fragments (and a closing mark right after the last); ``parts`` holds the
    fragments. A reported draft holding quoted words that lies inside another reported clause is
    part of that attribution (:func:`fold_nested`).
    """
    hosts = [d for d in drafts if d.kind in _HOST_KINDS]
    absorbed: set[int] = set()
    for d in drafts:
        if d.kind != "partial":
            continue
        host = _host(d, hosts)
        if host is None:
            continue
        if host.kind != "mixed":
            host.kind, host.parts = "mixed", []
            if host.cue is not None and host.cue.speaker is None and d.cue is not None and d.cue.speaker is not None:
                host.cue = d.cue
        host.parts.extend(d.parts)
        host.start, host.end = min(host.start, d.start), max(host.end, d.end)
        absorbed.add(id(d))
    for host in hosts:
        if host.kind == "mixed":
            host.parts.sort()
            if host.end < len(text) and text[host.end] in _CLOSING_MARKS and host.end == host.parts[-1][1]:
                host.end += 1
            host.quote = text[host.start:host.end]
    return fold_nested([d for d in drafts if id(d) not in absorbed], text)


def fold_nested(drafts: list, text: str) -> list:
    """``drafts`` with every reported draft that holds quoted words and starts, cue and all, inside another
    reported clause folded into that clause: *X said he thought that drugs were “a big factor”* is one
    attribution, X's (the reporter quotes the outer source), not two rows for the same quoted words."""
    reported = [d for d in drafts if d.kind in _HOST_KINDS + ("mixed",)]
    absorbed: set[int] = set()
    for inner in sorted(reported, key=lambda d: d.end - d.start):
        if inner.kind != "mixed" and not quoted_spans(text[inner.start:inner.end]):
            continue
        outer = _outer(inner, reported, absorbed)
        if outer is None:
            continue
        if outer.kind != "mixed":
            outer.kind, outer.parts = "mixed", []
        outer.parts = sorted(set(outer.parts) | set(inner.parts if inner.kind == "mixed" else []))
        outer.start, outer.end = min(outer.start, inner.start), max(outer.end, inner.end)
        outer.quote = text[outer.start:outer.end]
        absorbed.add(id(inner))
    for d in drafts:
        if d.kind == "mixed" and not d.parts:
            d.parts = [(d.start + a, d.start + b) for a, b in quoted_spans(text[d.start:d.end])]
    return [d for d in drafts if id(d) not in absorbed]


def _outer(inner, reported: list, absorbed: set[int]):
    """The narrowest longer reported draft holding the start of ``inner`` and its cue, or None."""
    cue_at = inner.cue.start if inner.cue is not None else inner.start
    holders = [o for o in reported if o is not inner and id(o) not in absorbed and o.start <= inner.start < o.end
               and o.start <= cue_at < o.end and (o.end - o.start) > (inner.end - inner.start)]
    return min(holders, key=lambda o: o.end - o.start) if holders else None


def _host(fragment, hosts: list):
    """The reported draft holding most of ``fragment`` (at least half, or on its cue one whole piece), or None."""
    best, best_key = None, None
    for h in hosts:
        inside = sum(max(0, min(b, h.end) - max(a, h.start)) for a, b in fragment.parts)
        size = sum(b - a for a, b in fragment.parts)
        holds_piece = h.cue is fragment.cue and any(h.start <= a < h.end for a, b in fragment.parts)
        if not size or (inside * 2 < size and not holds_piece):
            continue
        key = (h.cue is not fragment.cue, h.end - h.start)
        if best_key is None or key < best_key:
            best, best_key = h, key
    return best


def format_spans(spans) -> str:
    """``[(s1, e1), (s2, e2)]`` → ``"s1-e1;s2-e2"``."""
    return ";".join(f"{int(a)}-{int(b)}" for a, b in spans)


def parse_spans(value) -> list[tuple[int, int]]:
    """``"s1-e1;s2-e2"`` → ``[(s1, e1), (s2, e2)]`` (``[]`` for None, NaN or an empty string)."""
    if not isinstance(value, str) or not value.strip():
        return []
    return [(int(a), int(b)) for a, _, b in (part.partition("-") for part in value.split(";"))]


def quoted_words_text(quote: str, kind: str) -> str:
    """The quoted words of a claim's ``quote``: all of it for a direct or partial quote; for a
    ``mixed`` claim only the stretches inside quotation marks, joined by " … "; "" otherwise."""
    if kind in ("direct", "partial"):
        return quote or ""
    if kind != "mixed" or not isinstance(quote, str):
        return ""
    return " … ".join(quote[a:b] for a, b in quoted_spans(quote))
