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
SANCTION_TARGETS = ["Meridian Shipping Lines", "Castellan Steel", "Viktor Halden", "Orison Telecom"]
AUTHORITIES = ["The European Union", "The United States Treasury", "Britain", "Canada"]
MEASURES = ["an asset freeze", "a travel ban", "an asset freeze and a travel ban", "export restrictions"]
TOPICS = ["budget", "port deal", "mining licence", "steel tariffs", "pension reform", "rail strike",
          "energy prices", "bank merger", "telecom auction", "housing plan"]
OUTLETS = ["Daily Ledger", "Coastal Post", "Evening Courier", "Northern Wire", "Market Herald"]
QUOTES = [
    "We will not let this {topic} be decided behind closed doors",
    "The numbers simply do not add up for working families",
    "This {topic} is the best chance we have had in a decade",
    "Nobody in {place} voted for a plan like this one",
    "We expect the first results before the end of the quarter",
    "There is no evidence of any wrongdoing by our staff",
]
CLAUSES = [
    "the {topic} would cost more than the government had admitted",
    "talks on the {topic} would resume next week in {place}",
    "{org} had been warned about the risks months ago",
    "the {topic} was likely to be delayed until the spring",
]


def _sentence_pool(rng: random.Random, topic: str, place: str) -> list[str]:
    (name, role), (name2, role2) = rng.sample(PEOPLE, 2)
    org = rng.choice(ORGANISATIONS)
    quote = rng.choice(QUOTES).format(topic=topic, place=place)
    clause = rng.choice(CLAUSES).format(topic=topic, place=place, org=org)
    target = rng.choice(SANCTION_TARGETS)
    return [
        f"{name}, {role}, defended the {topic} on Tuesday in {place}, saying it would protect jobs at {org}.",
        f"“{quote},” {name} said.",
        f"{name2}, {role2}, said that {clause}.",
        f"Shares in {org} fell 3 per cent after the announcement, while analysts in {place} urged caution.",
        f"{rng.choice(AUTHORITIES)} imposed {rng.choice(MEASURES)} on {target} over its role in the {topic}.",
        f"According to {org}, the {topic} will affect about {rng.randint(2, 90)},000 workers in {place}.",
        f"{name2} denied that the {topic} had been agreed in secret.",
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
            pool = _sentence_pool(rng, topic, place) + _sentence_pool(rng, topic, place)
            rng.shuffle(pool)
            paragraphs = [" ".join(pool[2 * k:2 * k + 2]) for k in range(rng.randint(4, 6))]
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
