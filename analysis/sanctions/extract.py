"""The per-Doc extractor: :func:`extract_sanctions` reads one parsed spaCy Doc into sanction rows.

It finds the sanction words (:mod:`.triggers`), drops background mentions and groups coordinated
measures into actions (:mod:`.status`), then gives each action its targets (:mod:`.targets`), its
authority (:mod:`.authorities`), date and stated reason. Offsets are into ``doc.text``;
:func:`analysis.sanctions.sanctions` runs it over a corpus and maps them into the original files.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .authorities import action_authorities, find_authorities
from .issuer import document_issuer, reporter_units
from .items import Target
from .lexicon import Lexicon, load_lexicon
from .names import canonical_name, expand_surname, full_person_names
from .parse import WEEKDAYS, action_clauses, ancestors, in_unit, is_time, is_verb, trim_reason, units
from .settings import Settings
from .status import (governing_chain, is_announcement, is_authorization, is_background, is_designation,
                     presupposed, regime_with_target, status, window_action)
from .continuation import continuation_targets, counted_member, counted_set, list_item, opens_list
from .targets import find_targets
from .triggers import Trigger, find_triggers

#: Keys of the rows :func:`extract_sanctions` returns (the table's columns but ``doc_id``).
ROW_KEYS = ["start", "end", "sentence", "authority", "office", "target", "target_type", "title", "position",
            "measures", "status", "date", "reason", "canonical", "trigger", "sentence_start", "sentence_end",
            "announced", "confidence"]
#: A reason phrase of at most this many tokens that ends in a date is a time ("for Monday"), not a reason.
_TIME_PHRASE_MAX = 3


# ---------------------------------------------------------------------------
# Reason and date
# ---------------------------------------------------------------------------

def _reason(trig: Trigger, action, targets: list[Target], doc, unit, lex: Lexicon) -> str | None:
    """The stated reason: a "for"/"over"/"in response to" phrase on the sanction word, the action or a target."""
    phrases = sorted(lex.cue("reason_preps"), key=len, reverse=True)
    empty = lex.cue("empty_reasons")
    holders = [doc[trig.head]] + ([action] if action is not None and action.i != trig.head else [])
    holders += [doc[t.end - 1] for t in targets]
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or not in_unit(child, unit):
                continue
            span_toks = [t for t in child.subtree if in_unit(t, unit)]
            if any(trig.start <= t.i < trig.end for t in span_toks):
                continue
            text = doc[span_toks[0].i:span_toks[-1].i + 1].text
            low = text.lower()
            for phrase in phrases:
                if low.startswith(phrase + " "):
                    rest = low[len(phrase):].strip(" .,“”\"")
                    if rest in empty:
                        break
                    if is_time(span_toks[-1]) and len(span_toks) <= _TIME_PHRASE_MAX:
                        break
                    return trim_reason(text)
    return None


def resolve_date(expression: str, article_date: str | None, lex: Lexicon | None = None) -> str | None:
    """ISO date of "Thursday" / "yesterday" / "20 October 2022" against the article's date (None without one).

    A weekday means the latest such day on or before the article date, as news
    writing uses it ("Britain on Thursday announced" in an article of Thursday 20th);
    relative-day words and their offsets are the ``relative_days`` of ``data/sanctions_cues.yaml``
    (the earliest day wins when an expression holds two).
    """
    lex = lex or load_lexicon()
    expr = expression.lower().strip()
    full = re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-z]+\.?,?\s+\d{4}|[a-z]+\.?\s+\d{1,2},?\s+\d{4}", expr)
    if full:
        try:
            return pd.Timestamp(full.group(0)).date().isoformat()
        except (ValueError, TypeError):
            pass
    if not article_date:
        return None
    try:
        base = dt.date.fromisoformat(article_date)
    except ValueError:
        return None
    for i, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", expr):
            return (base - dt.timedelta(days=(base.weekday() - i) % 7)).isoformat()
    relative = sorted((lex.cues.get("relative_days") or {}).items(), key=lambda kv: kv[1])
    for word, offset in relative:
        if str(word).lower() in expr:
            return (base + dt.timedelta(days=int(offset))).isoformat()
    return None


def _date(trig: Trigger, action, doc, unit, article_date: str | None, lex: Lexicon, chain: list = ()) -> str | None:
    """The resolved date of a DATE entity governed by the action, the trigger or a verb of its chain."""
    anchor = action if action is not None else doc[trig.head]
    allowed = {anchor.i, trig.head} | {v.i for v in chain if is_verb(v)}
    for ent in doc.ents:
        if ent.label_ != "DATE" or not (unit[0] <= ent.start < unit[1]):
            continue
        first_verb = None
        for anc in [ent.root, *ancestors(ent.root, unit)]:
            if anc is not ent.root and is_verb(anc):
                first_verb = anc
                break
        if first_verb is not None and first_verb.i in allowed:
            return resolve_date(ent.text, article_date, lex)
    return None


# ---------------------------------------------------------------------------
# Actions of one sentence unit
# ---------------------------------------------------------------------------

def _has_target_prep(head, lex: Lexicon) -> bool:
    """"sanctions on X": the sanction word has a target preposition with a non-time object (also in a relative
    clause on it: "the sanctions that X imposed on Y")."""
    if any(_has_target_prep(c, lex) for c in action_clauses(head, lex.cue("relative_actions"),
                                                             lex.cue("sanction_containers"))):
        return True
    if head.lemma_.lower() in lex.cue("of_target_nouns") and any(c.dep_ == "prep" and c.lower_ == "of"
                                                                 for c in head.children):
        return True     # "the designation of X"
    return any(c.dep_ == "prep" and c.text.lower() in lex.cue("target_preps") and
               any(not is_time(p) for p in c.children if p.dep_ == "pobj")
               for c in head.children)


def _new_action(trig: Trigger, doc, unit, lex: Lexicon, trigger_idx: set, settings: Settings) -> dict | None:
    """The action a trigger starts (its chain, status verb and status), or None when it is none."""
    head = doc[trig.head]
    if not trig.verb and is_background(head, unit, lex, settings):
        return None
    if is_authorization(head, unit, lex):
        return None     # "provides authority to sanction ...": empowers, imposes nothing
    if trig.verb and not is_designation(head, lex):
        return None
    chain = governing_chain(trig, doc, unit, lex, trigger_idx)
    clauses = action_clauses(head, lex.cue("relative_actions"), lex.cue("sanction_containers"))
    if clauses and in_unit(clauses[0], unit):
        chain = [clauses[0], *chain]    # "sanctions that X would impose on Y": the clause states the act
    cue_words = lex.action_words()
    action = next((v for v in chain if is_verb(v) and v.lemma_.lower() in cue_words), None)
    if action is None:
        window = window_action(trig, doc, unit, lex, trigger_idx, settings)
        if window is not None:
            action = window
            chain = [window, *[a for a in ancestors(window, unit) if is_verb(a)]]
    regime = regime_with_target(head, lex)
    has_target_prep = _has_target_prep(head, lex) or (head.dep_ == "dobj" and _has_target_prep(head.head, lex)) \
        or (regime is not None and _has_target_prep(regime, lex))
    if action is None and not trig.verb and not has_target_prep:
        return None
    if not has_target_prep and head.lemma_.lower() in lex.needs_target_prep:
        return None
    found = status(chain, lex)
    if found is None:
        return None
    return {"trig": trig, "chain": chain, "action": action, "status": found, "measures": [], "triggers": []}


def _coordinated_partner(trig: Trigger, doc, triggers: list[Trigger], key_of: dict) -> int | None:
    """The trigger head this one is coordinated with ("asset freezes and travel bans"), also when the parse
    does not coordinate them (the words are adjacent around "and")."""
    head = doc[trig.head]
    if head.dep_ == "conj" and head.head.i in key_of:
        return head.head.i
    if trig.start >= 2 and doc[trig.start - 1].text.lower() in ("and", "or", ","):
        return next((t.head for t in triggers if t.end == trig.start - 1 and t.head in key_of), None)
    return None


def _unit_actions(doc, unit, triggers: list[Trigger], trigger_idx: set, lex: Lexicon,
                  settings: Settings) -> dict[int, dict]:
    """Actions of one unit keyed by their status verb (or trigger head); coordinated measures share one."""
    actions: dict[int, dict] = {}
    key_of: dict[int, int] = {}
    for trig in triggers:
        if not (unit[0] <= trig.head < unit[1]):
            continue
        partner = _coordinated_partner(trig, doc, triggers, key_of)
        if partner is not None:
            key = key_of[partner]
        else:
            entry = _new_action(trig, doc, unit, lex, trigger_idx, settings)
            if entry is None:
                continue
            key = entry["action"].i if entry["action"] is not None else trig.head
            actions.setdefault(key, entry)
        key_of[trig.head] = key
        actions[key]["triggers"].append(trig)
        if trig.measure not in actions[key]["measures"]:
            actions[key]["measures"].append(trig.measure)
    return actions


def _action_targets(entry: dict, doc, unit, merge, lex: Lexicon, trigger_idx: set) -> list[Target]:
    """Targets of every trigger of an action, the first of overlapping ones kept."""
    targets: list[Target] = []
    soft = all(doc[t.head].lemma_.lower() in lex.country_only for t in entry["triggers"])
    negative = lex.cue("negative_determiners")
    for t in entry["triggers"]:
        for found in find_targets(t, entry["chain"], entry["action"], doc, unit, merge, lex, trigger_idx):
            if soft and found.type != "country":
                continue    # "pressure on the minister": only a state is hit by costs and pressure
            if doc[found.start].lower_ in negative:
                continue    # "No persons were designated": nobody is hit
            if not any(found.start < o.end and o.start < found.end for o in targets):
                targets.append(found)
    return targets


def _title_case(doc, unit) -> bool:
    """A heading written in title case: no finite verb, and at least 70% of the words of four letters or more
    are capitalised."""
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[unit[0]:unit[1]]):
        return False
    words = [t for t in doc[unit[0]:unit[1]] if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _actor_name(target: Target, lex: Lexicon) -> bool:
    """A named target that is only the name of an authority or office ("Treasury", "EU")."""
    if target.type not in ("person", "organization"):
        return False
    text = " ".join(target.text.split())
    found = find_authorities(text, lex)
    return len(found) >= 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip("."))


def _rows(doc, unit, targets: list[Target], info: dict, lex: Lexicon, names: dict) -> list[dict]:
    """Rows for one action: one per (authority, target), offsets into ``doc.text``."""
    unit_start, unit_end = unit
    for target in targets:
        expand_surname(target, names)
    s_start, s_end = doc[unit_start].idx, doc[unit_end - 1].idx + len(doc[unit_end - 1].text)
    sentence = " ".join(doc[unit_start:unit_end].text.split())
    out = []
    heading = _title_case(doc, unit)
    org_words = {str(w).lower() for w in lex.names.get("org_words", [])}
    for target in sorted(targets, key=lambda t: t.start):
        if _actor_name(target, lex):
            continue        # "Treasury can also target ...": the acting office is never its own target
        last = doc[target.end - 1]
        if heading and target.type in ("person", "organization") and last.tag_ == "NNPS" \
                and last.lower_ not in org_words:
            target.type = "group"   # "Sanctions on Additional Ruritanian Elites": capitals of a heading, no name
        c_start = doc[target.start].idx
        c_end = doc[target.end - 1].idx + len(doc[target.end - 1].text)
        for authority in info["authorities"] or [None]:
            out.append({
                "start": c_start, "end": c_end, "sentence": sentence, "authority": authority,
                "office": "; ".join(o for o in info["offices"]
                                    if lex.offices[o].get("authority") == authority) or None,
                "target": target.text, "target_type": target.type, "title": target.title,
                "position": target.position, "measures": list(info["measures"]), "status": info["status"],
                "date": info["date"], "reason": target.reason or info["reason"],
                "canonical": canonical_name(target.text, target.type, lex),
                "trigger": info["trigger"], "sentence_start": s_start, "sentence_end": s_end,
                "announced": info["announced"], "confidence": info["confidence"],
            })
    return out


# ---------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------

class _State:
    """What one Doc's walk remembers across units: earlier authorities and the latest action."""

    def __init__(self, doc, lex: Lexicon, settings: Settings, header: str = ""):
        self.previous: list[tuple[int, str, list]] = []     # (char offset, authority, offices)
        self.last: tuple[int, dict] | None = None            # (unit index, info) of the latest action with rows
        self.counted: tuple | None = None     # (unit index, info, entity label, members left) of a counted set
        self.listing: tuple | None = None     # (unit index, info) of an action whose lines list its targets
        self.names = full_person_names(doc, lex)
        self.issuer = document_issuer(doc, lex, settings, header)
        self.units = units(doc)
        self.reporter = reporter_units(doc, self.units, lex)


def _confidence(source: str | None, measures: list, lex: Lexicon) -> float:
    """How sure the row is, from 1.0: less when the authority was not named in the sentence (context 0.2,
    issuer 0.15, nobody 0.4) and when no measure was named (0.1). Continued lists lose 0.2 more (see
    :func:`_continued_rows`)."""
    score = 1.0 - {"sentence": 0.0, "context": 0.2, "issuer": 0.15, None: 0.4}[source]
    if measures == [lex.generic_label]:
        score -= 0.1
    return round(score, 2)


def _reported_decision(chain: list, lex: Lexicon) -> bool:
    """A news report of a government's own statement about its act ("Japan said it would freeze the assets of
    X"): the action's clause is what the actor said, and "it"/"they" is the actor itself."""
    verbs = [v for v in chain if is_verb(v)]
    if not verbs or verbs[-1].dep_ != "ccomp" or verbs[-1].head.lemma_.lower() not in lex.cue("speech_verbs"):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in verbs[-1].children)


def _action_info(entry: dict, targets: list[Target], doc, unit, lex: Lexicon, state: _State,
                 date: str | None, settings: Settings) -> dict:
    trig, chain, action = entry["trig"], entry["chain"], entry["action"]
    authorities, offices, source = action_authorities(trig, chain, doc, unit, lex, state.previous, settings,
                                                      state.issuer)
    measures = [m for m in entry["measures"] if m != lex.generic_label] or [lex.generic_label]
    reported = not state.issuer and _reported_decision(chain, lex)
    announced = (bool(state.issuer) or reported) and \
        entry["status"] in ("imposed", "threatened") and is_announcement(chain, doc, unit, lex, reported)
    status_ = "imposed" if announced else entry["status"]
    return {
        "authorities": authorities, "offices": offices, "measures": measures, "status": status_,
        "announced": announced, "confidence": _confidence(source, measures, lex),
        "date": _date(trig, action, doc, unit, date, lex, chain),
        "reason": _reason(trig, action, targets, doc, unit, lex),
        "trigger": " / ".join(doc[t.start:t.end].text for t in entry["triggers"]),
    }


def _unit_rows(doc, unit_index: int, unit, merge, actions: dict, state: _State, lex: Lexicon,
               trigger_idx: set, date: str | None, settings: Settings) -> list[dict]:
    """Rows of one unit: its actions', or the previous action's when the unit only continues its list."""
    rows: list[dict] = []
    question = doc[unit[1] - 1].text == "?" or doc[unit[0]:unit[1]].text.rstrip().endswith("?")
    for key in sorted(actions):
        entry = actions[key]
        if question and not presupposed(entry["chain"], lex):
            continue    # "Was it considered sanctioning X?": asked, not stated
        targets = _action_targets(entry, doc, unit, merge, lex, trigger_idx)
        listing = opens_list(doc, unit) and all(t.type == "group" for t in targets)
        if listing:     # "Treasury is designating the following:" and one name a line below
            state.listing = (unit_index, _action_info(entry, targets, doc, unit, lex, state, date, settings))
        if not targets:
            continue
        info = _action_info(entry, targets, doc, unit, lex, state, date, settings)
        rows.extend(_rows(doc, unit, targets, info, lex, state.names))
        state.last = (unit_index, info)
        counted = [c for c in (counted_set(doc, t, lex) for t in targets if t.type == "group") if c]
        state.counted = (unit_index, info, *counted[0]) if counted else None
        if info["authorities"]:
            state.previous.append((doc[unit[0]].idx, info["authorities"][0], info["offices"]))
    if not rows:     # no action of its own with a target ("This includes X, executives of banks we sanctioned")
        rows.extend(_continued_rows(doc, unit_index, unit, merge, state, lex, settings))
    return rows


def _continued_rows(doc, unit_index: int, unit, merge, state: _State, lex: Lexicon, settings: Settings) -> list[dict]:
    """Rows of a unit without an action that names the targets of an earlier one."""
    if state.listing is not None and unit_index - state.listing[0] == 1:
        targets = list_item(doc, unit, lex)
        if targets:
            info = dict(state.listing[1], trigger=f"(listed under: {state.listing[1]['trigger']})")
            state.listing = (unit_index, state.listing[1])
            return _rows(doc, unit, targets, info, lex, state.names)
        state.listing = None
    if state.last is not None and unit_index - state.last[0] <= settings.continuation_units:
        # "Britain sanctioned three officers. They include X and Y.": the list continues the action
        targets = continuation_targets(doc, unit, merge, lex)
        if targets:
            info = dict(state.last[1], trigger=f"(continues: {state.last[1]['trigger']})",
                        confidence=round(state.last[1]["confidence"] - 0.2, 2))
            state.last = (unit_index, state.last[1])
            return _rows(doc, unit, targets, info, lex, state.names)
    if state.counted is not None and unit_index - state.counted[0] <= settings.counted_units:
        # "sanctioned four companies. The X Company is ...": a member of the counted set, named as a subject
        start, info, label, left = state.counted
        targets = counted_member(doc, unit, lex, label)
        if targets:
            state.counted = (start, info, label, left - 1) if left > 1 else None
            info = dict(info, trigger=f"(member of: {info['trigger']})", confidence=round(info["confidence"] - 0.2, 2))
            return _rows(doc, unit, targets, info, lex, state.names)
    return []


def extract_sanctions(doc, *, date: str | None = None, lexicon: Lexicon | None = None,
                      settings: Settings | None = None, header: str = "") -> list[dict]:
    """Sanction actions in one parsed spaCy Doc: one dict per (action, authority, target), in text order.

    ``date`` is the article's ISO date, against which "on Thursday" is resolved (None: no date);
    ``header`` the text before the Doc's (headline, dateline), where a release names its issuer.
    Each row has the keys :data:`ROW_KEYS`, the columns of :func:`analysis.sanctions.sanctions` but
    ``doc_id``; ``start``/``end`` (the target's name) and ``sentence_start``/``sentence_end``
    (the evidence sentence) are character offsets into ``doc.text``. Background mentions and
    negated actions give no row.
    """
    lex = lexicon or load_lexicon()
    settings = settings or Settings()
    triggers = find_triggers(doc, lex)
    trigger_idx = {i for t in triggers for i in range(t.start, t.end)}
    state = _State(doc, lex, settings, header)
    rows: list[dict] = []
    for unit_index, (unit_start, unit_end, merge) in enumerate(state.units):
        unit = (unit_start, unit_end)
        actions = _unit_actions(doc, unit, triggers, trigger_idx, lex, settings)
        rows.extend(_unit_rows(doc, unit_index, unit, merge, actions, state, lex, trigger_idx, date, settings))
    return rows
