"""A 300-article corpus generated from templates, for the browser tests at real size.

Written here, not read from ``../shared``: fictional people, organisations and outlets in
politics-and-business stories, with what the reports must cope with at scale:

* every article dated (100 days) with a headline, an outlet and a URL;
* quotes ("..., X said") and reported speech ("X said that ...");
* sanction sentences ("The European Union imposed an asset freeze on X");
* one article in ten a wire copy of the one before it (same paragraphs, its own headline and lead),
  so the copy graph and the heat maps have linked and unlinked articles.

:func:`articles` is deterministic (a seeded ``random.Random``); :data:`PEOPLE`,
:data:`ORGANISATIONS` and :data:`SANCTION_TARGETS` are the names a test may look for.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

SIZE = 300
PEOPLE = [
    ("Mara Okonkwo", "the finance minister"), ("Tomas Lindgren", "the trade secretary"),
    ("Alba Ferreira", "the opposition leader"), ("Jonah Whitcombe", "the central bank governor"),
    ("Priya Raman", "the energy minister"), ("Oskar Brandt", "the chief executive of Northgate Bank"),
    ("Lucia Moretti", "the head of the Coastal Workers Union"), ("Daniel Achterberg", "the prime minister"),
    ("Ines Calloway", "the health secretary"), ("Viktor Halden", "the chairman of Meridian Shipping Lines"),
    ("Selma Nordqvist", "the foreign minister"), ("Rafael Quintero", "the mayor of Porto Alegre"),
    ("Hannah Oduya", "the chief economist at Halvard Mining"), ("Felix Marchetti", "the transport minister"),
    ("Grace Abernathy", "the shadow chancellor"), ("Kwame Asante", "the trade union leader"),
]
ORGANISATIONS = ["Northgate Bank", "Halvard Mining", "Meridian Shipping Lines", "the Coastal Workers Union",
                 "Brightwater Energy", "the National Audit Office", "Castellan Steel", "Orison Telecom",
                 "the Competition Authority", "Vantage Motors"]
PLACES = ["Portugal", "Norway", "Kenya", "Chile", "Canada", "Poland", "Ghana", "Brazil", "Denmark", "Peru"]
SANCTION_TARGETS = ["Meridian Shipping Lines", "Castellan Steel", "Viktor Halden", "Orison Telecom",
                    "Redcliffe Logistics", "Boris Vantanen"]
AUTHORITIES = ["The European Union", "The United States Treasury", "Britain", "Canada", "Japan", "Australia",
               "Switzerland", "Norway"]
MEASURES = ["an asset freeze", "a travel ban", "sanctions", "a visa ban"]
TOPICS = ["budget", "port deal", "mining licence", "steel tariffs", "pension reform", "rail strike",
          "energy prices", "bank merger", "telecom auction", "housing plan"]
OUTLETS = ["Daily Ledger", "Coastal Post", "Evening Courier", "Northern Wire", "Market Herald"]
NOUNS = """budget harbour railway pension council tariff contract licence factory market inquiry report ministry
tender subsidy loan reform strike audit charter dispute election grant mortgage pipeline refinery vessel cargo
warehouse bridge tunnel airport clinic hospital school campus library museum stadium festival orchestra
harvest drought flood storm forest river valley coast island border village district province county region
engineer farmer nurse teacher driver miner welder baker lawyer auditor banker broker trader investor founder
treaty summit motion ballot petition verdict ruling appeal lawsuit settlement merger takeover dividend bond
currency deficit surplus inflation wage salary bonus levy duty quota permit warrant probe scandal leak memo""".split()
VERBS_PAST = """approved rejected delayed doubled halved expanded closed reopened audited financed blocked revised
cancelled extended launched suspended reviewed challenged endorsed postponed accelerated trimmed""".split()
ADJECTIVES = """regional national rural coastal northern southern eastern western urban modest ambitious costly
fragile sudden gradual temporary permanent seasonal historic disputed overdue unexpected generous strict
bitter quiet lengthy private public joint rival former acting senior junior""".split()
LINKS = ["after", "before", "while", "because", "although", "once", "until", "as"]


def _prose(rng: random.Random, words: int = 2) -> str:
    """A sentence of random content words in a fixed grammar, so that no two articles share a passage."""
    parts = [f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(VERBS_PAST)} "
             f"{rng.choice(['the', 'a', 'its', 'their'])} {rng.choice(NOUNS)}" for _ in range(words)]
    sentence = f" {rng.choice(LINKS)} ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _sentence_pool(rng: random.Random, topic: str, place: str) -> list[str]:
    """Structured sentences (a quote, reported speech, a sanction, a denial) between random prose."""
    (name, role), (name2, role2) = rng.sample(PEOPLE, 2)
    org = rng.choice(ORGANISATIONS)
    quote = _prose(rng)[:-1]
    return [
        f"{name}, {role}, {rng.choice(VERBS_PAST)} the {rng.choice(ADJECTIVES)} {topic}. {_prose(rng)}",
        f"“{quote},” {name} said. {_prose(rng)}",
        f"{name2} said that {_prose(rng, 1)[:-1].lower()}. {_prose(rng)}",
        f"{_prose(rng)} {org} declined to comment.",
        f"{rng.choice(AUTHORITIES)} imposed {rng.choice(MEASURES)} on {rng.choice(SANCTION_TARGETS)} over the "
        f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}. {_prose(rng)}",
        f"{name2} denied the claims. {_prose(rng, 3)}",
    ]


def articles(size: int = SIZE, seed: int = 15) -> list[dict]:
    """``size`` articles as JSONL records (``id, title, source, date, url, text``)."""
    rng = random.Random(seed)
    start = dt.date(2024, 3, 1)
    records = []
    for i in range(size):
        topic, place = rng.choice(TOPICS), rng.choice(PLACES)
        name, _ = rng.choice(PEOPLE)
        doc_id = f"a{i:03d}-{topic.replace(' ', '-')}"
        if i % 10 == 9:  # a wire copy of the article before: new headline and lead, the same paragraphs
            original = records[-1]
            body = original["text"].split("\n\n")[1:]
            title = f"{original['title'].split(' over ')[0]} (wire copy)"
            lead = f"{name} faced new questions on the {topic} in {place} on Wednesday."
            text = "\n\n".join([lead, *body])
        else:
            pool = _sentence_pool(rng, topic, place)
            rng.shuffle(pool)
            paragraphs = pool[:rng.randint(4, 6)]
            title = f"{name} under pressure over {topic} in {place}"
            text = "\n\n".join(paragraphs)
        records.append({"id": doc_id, "title": title, "source": OUTLETS[i % len(OUTLETS)],
                        "date": (start + dt.timedelta(days=i // 3)).isoformat(),
                        "url": f"https://news.example.org/{doc_id}", "text": text})
    return records


def write_corpus(path: Path, size: int = SIZE) -> Path:
    """Write :func:`articles` to ``path`` (a ``.jsonl`` file) and return it."""
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles(size)), encoding="utf-8")
    return path
