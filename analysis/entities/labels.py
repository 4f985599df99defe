"""One label per entity: the alias table's type when known, else a weighted vote of its mentions.

:func:`vote` returns ``{canonical: label}``; mislabelled mentions then take their entity's label.
"""
from __future__ import annotations

import re
import zoneinfo
from collections import Counter, defaultdict
from functools import lru_cache

from .candidates import Candidate
from .layout import initial_name
from .lexicon import Lexicon, alias_key
from .names import is_person_name
from .settings import DEFAULTS, LABEL_PRIORITY, OTHER_NAME_LABELS, Settings

#: A model designation ("Fateh-110", "S-300", "Su-35"): letters, a hyphen, digits, at the end of a name.
MODEL_DESIGNATION = re.compile(r"\b[A-Za-z]{1,12}-\d{1,4}[A-Za-z]{0,2}$")
#: Regions of the IANA time-zone database whose zone names are cities ("Europe/Lisbon").
TIMEZONE_REGIONS = frozenset({"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"})
#: Methods that tie a short form to a personal name (evidence that the entity is a person).
FULLNAME_METHODS = ("same_article_fullname", "corpus_fullname", "same_article_firstname", "corpus_firstname")
#: Methods that tie a first name to a person: the mention is evidence of a person, whatever spaCy said.
FIRSTNAME_METHODS = ("same_article_firstname", "corpus_firstname")
#: Sources whose label comes from the article's layout (a dateline's place, a party tag's state, a player
#: followed by a country in brackets).
LAYOUT_SOURCES = ("dateline", "party_tag", "nationality")
#: Methods that tie a one-word short form to an organisation's longer name.
SHORTNAME_METHODS = ("same_article_shortname",)
#: Teams an article must show playing (results rows, match verbs) for any known team it names to be a team.
SPORTS_PAGE_TEAMS = 2
#: spaCy labels of places and peoples ("N. Korea", "S. Korean" are no initial and surname).
PLACE_LABELS = ("GPE", "LOC", "NORP")
#: Endings of a word for a people ("Norvian", "Korvathese", "Eastmoorish", "Velmori", "Dastren", "Belsik"),
#: plural included, and the first letters it must share with a known place.
DEMONYM_ENDING = re.compile(r"(?:an|ese|ish|i|en|ic|ik)s?$")
DEMONYM_PREFIX = 4
#: Labels a team named after a place (or mistaken for a person) may carry before it is known to be a team.
TEAM_LABELS = ("GPE", "LOC", "FAC", "PERSON", "NORP", "ORG")


def mention_label(c: Candidate, lexicon: Lexicon) -> str:
    """The label one mention votes for: spaCy's (or the extractor's hint), corrected for
    digits in a "person", a facility ending with an organisation word, and model designations."""
    label = c.spacy_label or c.label_hint
    if c.method in FIRSTNAME_METHODS or label not in PLACE_LABELS and initial_name(c.text, lexicon):
        return "PERSON"  # "K. Dalberg" called an organisation: an initial and a surname is a person
    if label in ("PERSON", "GPE", "LOC") and re.search(r"[A-Za-z]\d|\d[A-Za-z]", c.text.replace(" ", "")):
        label = "ORG"  # "MI6", "Perm 35", "Vision99" are neither people nor places
    if label in OTHER_NAME_LABELS and c.text.split() and len(c.text.split()) > 1 \
            and c.text.split()[-1].lower() in lexicon.organisation_heads:
        label = "ORG"  # "... Airport Services" labelled a facility is an organisation
    if label in ("ORG", "GPE", "PERSON", "FAC") and MODEL_DESIGNATION.search(c.text):
        label = "PRODUCT"  # "X-110", "Y-300": a model designation, not an organisation
    return label


def mention_weight(c: Candidate, label: str, lexicon: Lexicon, settings: Settings = DEFAULTS) -> float:
    """Weight of a mention's vote (see :class:`~.settings.Settings`)."""
    weight = 1.0
    if (c.spacy_label or c.label_hint) == "PERSON" and is_person_name(c.text, lexicon):
        weight = settings.person_name_weight
    if c.method in FULLNAME_METHODS and label != "PERSON":
        weight = settings.fullname_other_label_weight
    if c.method in SHORTNAME_METHODS and label != "ORG":
        weight = settings.fullname_other_label_weight
    if c.extra.get("cut"):  # the label belonged to a longer phrase
        weight = settings.cut_weight
    if c.source in LAYOUT_SOURCES:  # the opening of a dateline is a place, whatever spaCy says elsewhere
        weight = settings.layout_weight
    return weight


def vote(cands: list[Candidate], lexicon: Lexicon, settings: Settings = DEFAULTS) -> dict[str, str]:
    """Label of each canonical entity: the alias table's type, else a vote of its mentions."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if not (c.spacy_label or c.label_hint):
            votes[c.canonical]  # found by the resolver only: no vote of its own
            continue
        if c.role or c.extra.get("titled"):
            votes[c.canonical]["PERSON"] += settings.role_vote
        label = mention_label(c, lexicon)
        votes[c.canonical][label] += mention_weight(c, label, lexicon, settings)
        if c.extra.get("org_noun"):  # "Tessaro stock", "the Ledger newspaper chain"
            votes[c.canonical]["ORG"] += settings.org_noun_vote
        if c.extra.get("org_conj") and c.method not in FULLNAME_METHODS and not (c.role or c.extra.get("titled")):
            votes[c.canonical]["ORG"] += settings.org_conj_vote  # "the Harbor Tenants Union and Demoz"
        if c.extra.get("team") and c.method not in FULLNAME_METHODS:  # "Westshire beat Eastmoor by 14 runs"
            votes[c.canonical]["ORG"] += settings.team_vote
    out = {}
    for canonical, counter in votes.items():
        if canonical in lexicon.entries:
            out[canonical] = lexicon.entries[canonical].label
            continue
        if is_law_name(canonical, lexicon):
            out[canonical] = "LAW"  # "... Act", "... Amendment", "... Treaty"
            continue
        if canonical.split() and canonical.split()[-1].lower() in lexicon.organisation_heads and len(canonical.split()) > 1:
            counter.pop("PERSON", None)  # "... Council", "... Ministry" is no person
            if not counter:
                counter["ORG"] = 1.0
        out[canonical] = sorted(counter, key=lambda lab: (-counter[lab], LABEL_PRIORITY.index(lab)
                                                          if lab in LABEL_PRIORITY else 99))[0] if counter else "ORG"
    person_said = {c.canonical for c in cands if c.role or c.extra.get("titled") or c.method in FULLNAME_METHODS
                   or c.extra.get("age")}
    for canonical in {c.canonical for c in cands if c.extra.get("org_noun")} - person_said:
        if canonical not in lexicon.entries and out.get(canonical) == "PERSON":
            out[canonical] = "ORG"  # "oil firm Tessaro", "the Ledger newspaper chain": said of organisations
    for canonical, label in list(out.items()):
        last = lexicon.lookup(canonical.split()[-1]) if len(canonical.split()) > 1 else None
        if label == "PERSON" and canonical not in lexicon.entries and canonical not in person_said \
                and last and lexicon.entries[last].label in ("GPE", "ORG"):
            out[canonical] = "ORG"  # "Tessaro USA": a name ending with a country is a company's, not a person's
    for canonical in {c.canonical for c in cands if c.extra.get("age")}:
        if canonical not in lexicon.entries and is_person_name(canonical, lexicon):
            out[canonical] = "PERSON"  # an age in commas after the name ("Ann Lee, 43, said") is said of people
    peoples = demonyms(out, cands, lexicon)
    for canonical in peoples:
        out[canonical] = "NORP"  # "Norvian", "Norvians": a people, not the place
    cities = timezone_cities(tuple(sorted(lexicon.spelling.items())))
    person_evidence = {c.canonical for c in cands if c.role or c.method in FULLNAME_METHODS or c.extra.get("age")}
    for canonical, label in out.items():
        if (canonical not in lexicon.entries and label in ("PERSON", "ORG") and canonical not in person_evidence
                and lexicon.key(canonical) in cities):
            out[canonical] = "GPE"  # a city of the time-zone database named as a person or organisation
    return out


def demonyms(labels: dict[str, str], cands: list[Candidate], lexicon: Lexicon) -> set[str]:
    """One-word names voted a place, person or organisation that are the word for a people of a known
    place ("Norvian" of Norvia, "Velmori" of Velmora, "Norvians"): a demonym ending ("-an", "-ese", "-ish", "-i",
    "-en", "-ic", "-ik", plural "s"), the same first letters as a place of the lexicon (at least
    ``DEMONYM_PREFIX``, but no first part of a place's name: "Norv" of Norvia), and no person evidence
    (title, age, full name); never a city of the time-zone database nor a "-stan" country
    spelled otherwise."""
    prefixes: dict[str, list[str]] = defaultdict(list)
    for name, entry in lexicon.entries.items():
        if entry.label in ("GPE", "LOC") and len(name) >= DEMONYM_PREFIX:
            prefixes[name[:DEMONYM_PREFIX].lower()].append(name.lower())
    person = {c.canonical for c in cands if c.role or c.extra.get("titled") or c.extra.get("age")
              or c.method in FULLNAME_METHODS}
    cities = timezone_cities(tuple(sorted(lexicon.spelling.items())))  # cities ending like a demonym are places
    out = set()
    for canonical, label in labels.items():
        word = canonical.lower()
        if label not in ("GPE", "LOC", "PERSON", "ORG") or canonical in lexicon.entries or canonical in person \
                or not canonical.isalpha() or not canonical[:1].isupper() or canonical.isupper() or len(word) < 5 \
                or not DEMONYM_ENDING.search(word):
            continue
        stem = word[:-1] if word.endswith("s") else word
        places = prefixes.get(word[:DEMONYM_PREFIX], [])
        if places and not any(place.startswith(stem) and place[len(stem):][:1].isalpha() for place in places) \
                and not lexicon.lookup(stem) \
                and not word.endswith("stan") \
                and lexicon.key(canonical) not in cities:
            out.add(canonical)
    return out


def is_law_name(name: str, lexicon: Lexicon) -> bool:
    """Two or more words, capitalised, the last a law head of the lexicon ("Clean Air Act")."""
    parts = name.split()
    return len(parts) >= 2 and parts[-1].lower() in lexicon.law_heads and parts[-1][:1].isupper()


@lru_cache(maxsize=4)
def timezone_cities(spelling: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
    """Comparison keys of the city names of the IANA time-zone database ("Europe/Lisbon" -> lisbon),
    a small world gazetteer; ``spelling`` is the lexicon's spelling table as sorted pairs."""
    try:
        zones = zoneinfo.available_timezones()
    except Exception:
        return frozenset()
    table = dict(spelling)
    names = set()
    for zone in zones:
        parts = zone.split("/")
        if len(parts) == 2 and parts[0] in TIMEZONE_REGIONS and not any(ch.isdigit() for ch in parts[1]):
            names.add(alias_key(parts[1].replace("_", " "), table))
    return frozenset(names)


def document_teams(cands: list[Candidate], labels: dict[str, str], lexicon: Lexicon) -> None:
    """A name before a score in a results row of an article ("Tarnow 3 Belsk 2") is a team there,
    and so is a name of such a team (a results row of any article) that plays a match in an article
    ("Tarnow beat Belsk"): every mention of it in that article is labelled ORG (``extra["label"]``), since a club
    named after its town is not the town. Countries (national sides) and people stay as voted, and so
    does a name with evidence of a person in the article (a title, an age, a full name); a dateline's
    place and a place after "at" or "in" are the town, not the team."""
    teams: set[tuple[str, str]] = set()
    plays: set[tuple[str, str]] = set()
    people: set[tuple[str, str]] = set()
    for c in cands:
        key = (c.doc_id, c.canonical)
        if c.extra.get("team_row") and c.method not in FULLNAME_METHODS:
            teams.add(key)
        if c.extra.get("team") and c.method not in FULLNAME_METHODS:
            plays.add(key)
        if c.role or c.extra.get("titled") or c.extra.get("age") \
                or c.method in FULLNAME_METHODS and c.source != "string_match":  # recall re-finds forms, no evidence
            people.add(key)
    known_teams = {canonical for _, canonical in teams}
    teams |= {key for key in plays if key[1] in known_teams}
    per_doc = Counter(doc_id for doc_id, _ in teams)
    sports = {doc_id for doc_id, n in per_doc.items() if n >= SPORTS_PAGE_TEAMS}
    teams |= {(c.doc_id, c.canonical) for c in cands if c.doc_id in sports and c.canonical in known_teams}
    for c in cands:
        key = (c.doc_id, c.canonical)
        label = labels.get(c.canonical)
        if c.source in LAYOUT_SOURCES or c.extra.get("venue"):
            continue  # a dateline's place, "at Northvale": the town itself
        if key in teams and key not in people and label in TEAM_LABELS and c.canonical not in lexicon.countries \
                and not (label == "PERSON" and is_person_name(c.canonical, lexicon)):
            c.extra["label"] = "ORG"
