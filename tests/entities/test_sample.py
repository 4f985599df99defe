"""analysis.entities on the sample: checked against a hand-made answer key.


ANSWER_KEY lists, for each sample article, every person, organisation and place a
careful reader would list (PERSON, ORG, PLACE = GPE or LOC), with the surface forms
the article uses for it. It was written by reading the articles, not from the
code's output. Nationalities (NORP), laws and products are not in the key.
benchmarks/entities.py reads ANSWER_KEY and evaluate from this file (keep it self-contained).
"""
from __future__ import annotations

import pandas as pd

from analysis.entities import alias_key

P, O, G = "PERSON", "ORG", "PLACE"


ANSWER_KEY: dict[str, list[tuple[str, str, list[str]]]] = {
    "000_7a1e7394c9004f4f": [
        ("John Kirby", P, ["Kirby"]),
        ("Joe Biden", P, ["Biden"]),
        ("Mahsa Amini", P, ["Amini"]),
        ("Barack Obama", P, ["Obama"]),
        ("Donald Trump", P, ["Trump"]),
        ("James Cleverly", P, []),
        ("Mohammad Hossein Bagheri", P, []),
        ("Seyed Hojjatollah Qureishi", P, []),
        ("Saeed Aghajani", P, []),
        ("White House", O, []),
        ("National Security Council", O, []),
        ("Islamic Revolutionary Guard Corps", O, ["Iranian Revolutionary Guard"]),
        ("UN Security Council", O, []),
        ("Armed Forces General Staff", O, []),
        ("UAV Command", O, []),
        ("IRGC Aerospace Force", O, ["Iranian Revolutionary Guard Aerospace Forces"]),
        ("Shahed Aviation Industries", O, []),
        ("United States", G, ["US", "U.S."]),
        ("Washington", G, []),
        ("Crimea", G, []),
        ("Ukraine", G, []),
        ("Russia", G, []),
        ("Iran", G, []),
        ("Tehran", G, []),
        ("United Kingdom", G, ["Britain"]),
        ("France", G, []),
    ],
    "001_28ca36ce2e4e94c5": [
        ("Ned Price", P, []),
        ("John Kirby", P, ["Kirby"]),
        ("Joe Biden", P, ["Biden"]),
        ("Donald Trump", P, []),
        ("State Department", O, ["U.S State Department"]),
        ("United States", G, ["the United States", "The United States"]),
        ("Crimea", G, []),
        ("Ukraine", G, []),
        ("Kyiv", G, []),
        ("Russia", G, []),
        ("Iran", G, []),
        ("Tehran", G, []),
    ],
    "002_a9082c3e95b1b9c8": [
        ("Vladimir Putin", P, ["Putin", "Vladimir Putin's", "Putin's"]),
        ("Mick Mulroy", P, []),
        ("Vedant Patel", P, []),
        ("Ali Khamenei", P, ["Khamenei"]),
        ("Ned Price", P, ["Price"]),
        ("Islamic Revolutionary Guard Corps", O, ["Revolutionary Guards Corps", "Revolutionary Guard"]),
        ("The New York Times", O, ["New York Times"]),
        ("Pentagon", O, []),
        ("Central Intelligence Agency", O, ["CIA"]),
        ("United Nations", O, []),
        ("State Department", O, ["US State Department"]),
        ("UN Security Council", O, []),
        ("Iran", G, ["Islamic Republic"]),
        ("Russia", G, []),
        ("Ukraine", G, []),
        ("Crimea", G, []),
        ("United States", G, ["US", "the United States"]),
        ("Washington", G, []),
        ("Tehran", G, []),
        ("Moscow", G, []),
        ("United Kingdom", G, ["UK"]),
        ("France", G, []),
    ],
    "003_0d55d710c7bf9c8f": [
        ("Joe Biden", P, ["Biden"]),
        ("Vladimir Putin", P, ["Putin"]),
        ("John Kirby", P, ["Kirby"]),
        ("Barbara Woodward", P, ["Woodward"]),
        ("Sergiy Kyslytsya", P, ["Sergiy Kislytsa"]),
        ("Vasily Nebenzia", P, []),
        ("Richard Mills", P, ["Mills"]),
        ("James Cleverly", P, ["James Cleverley"]),
        ("Mahsa Amini", P, []),
        ("Donald Trump", P, ["Trump"]),
        ("White House", O, []),
        ("National Security Council", O, []),
        ("OPEC+", O, []),
        ("United Nations", O, ["UN"]),
        ("UN Security Council", O, ["Security Council", "United Nations Security Council"]),
        ("CBS News", O, []),
        ("Russia", G, []),
        ("Iran", G, ["Islamic Republic"]),
        ("Tehran", G, []),
        ("Ukraine", G, []),
        ("United States", G, ["US", "U.S."]),
        ("Soviet Union", G, []),
        ("Moscow", G, []),
        ("Saudi Arabia", G, []),
        ("Yemen", G, []),
        ("North Korea", G, []),
        ("Middle East", G, []),
    ],
    "004_5ba1a730b4e5b811": [
        ("John Kirby", P, ["Kirby"]),
        ("Karine Jean-Pierre", P, ["Jean-Pierre"]),
        ("Mahsa Amini", P, []),
        ("Antony Blinken", P, []),
        ("White House", O, ["White Home"]),
        ("National Security Council", O, ["Nationwide Safety Council"]),
        ("Islamic Revolutionary Guard Corps", O, ["IRGC"]),
        ("State Department", O, ["State"]),
        ("Treasury Department", O, ["Treasury"]),
        ("Iran", G, []),
        ("Russia", G, []),
        ("Ukraine", G, []),
        ("Crimea", G, []),
    ],
}


CLASS = {"PERSON": P, "ORG": O, "GPE": G, "LOC": G}


def evaluate(frame: pd.DataFrame, key: dict) -> dict:
    """Presence scores of predicted entities against a key (see benchmarks/entities.py).

    A predicted entity (entity_id within an article) matches a key entity when one of
    its surface forms or its canonical name is one of the key entity's names.
    Returns per-article rows and totals: tp, fp, fn, f1, splits (key entities found
    under two or more ids), wrong_labels (mentions of a key entity with a label of
    another class), merged (predicted entities matching two key entities).
    """
    rows = []
    for doc_id, wanted in key.items():
        names = {i: {alias_key(n) for n in [canonical, *forms]} for i, (canonical, _, forms) in enumerate(wanted)}
        m = frame[(frame["doc_id"] == doc_id) & frame["label"].isin(CLASS)]
        matched: dict[int, set] = {i: set() for i in names}
        fp = merged = wrong = 0
        for entity_id, g in m.groupby("entity_id"):
            forms = {alias_key(t) for t in g["text"]} | {alias_key(t) for t in g["canonical"]}
            hits = [i for i, ns in names.items() if ns & forms]
            if not hits:
                fp += 1
                continue
            merged += len(hits) > 1
            for i in hits:
                matched[i].add(entity_id)
                wrong += int((g["label"].map(CLASS) != wanted[i][1]).sum())
        tp = sum(1 for ids in matched.values() if ids)
        fn = len(names) - tp
        splits = sum(1 for ids in matched.values() if len(ids) > 1)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"doc_id": doc_id, "tp": tp, "fp": fp, "fn": fn, "f1": f1, "splits": splits,
                     "wrong_labels": wrong, "merged": merged,
                     "missed": sorted(wanted[i][0] for i, ids in matched.items() if not ids)})
    return {"articles": rows, "f1_min": min(r["f1"] for r in rows),
            "splits": sum(r["splits"] for r in rows), "wrong_labels": sum(r["wrong_labels"] for r in rows),
            "merged": sum(r["merged"] for r in rows)}


def test_sample_meets_the_answer_key(sample_mentions):
    result = evaluate(sample_mentions, ANSWER_KEY)
    detail = {r["doc_id"]: (round(r["f1"], 3), r["fp"], r["missed"]) for r in result["articles"]}
    assert result["splits"] == 0, detail
    assert result["wrong_labels"] == 0, detail
    assert result["merged"] == 0, detail
    assert result["f1_min"] >= 0.97, detail


def test_the_evaluation_can_fail():
    frame = pd.DataFrame([
        {"doc_id": "d", "text": "US", "canonical": "US", "entity_id": "gpe:us", "label": "GPE"},
        {"doc_id": "d", "text": "U.S.", "canonical": "U.S.", "entity_id": "gpe:u-s", "label": "GPE"},
        {"doc_id": "d", "text": "Crimea", "canonical": "Crimea", "entity_id": "person:crimea", "label": "PERSON"},
        {"doc_id": "d", "text": "Kamikaze", "canonical": "Kamikaze", "entity_id": "org:k", "label": "ORG"},
    ])
    key = {"d": [("United States", G, ["US", "U.S."]), ("Crimea", G, []), ("John Kirby", P, [])]}
    result = evaluate(frame, key)
    assert (result["splits"], result["wrong_labels"]) == (1, 1)
    assert result["articles"][0]["fp"] == 1 and result["articles"][0]["fn"] == 1


def test_offsets_point_into_the_original_file(sample_corpus, sample_mentions):
    assert len(sample_mentions) > 300
    for row in sample_mentions.itertuples():
        raw = sample_corpus[row.doc_id].raw
        assert raw[row.start:row.end] == row.text
    assert list(sample_mentions.columns[:8]) == ["doc_id", "start", "end", "text", "label", "canonical",
                                                 "entity_id", "sentence_id"]
    ordered = sample_mentions.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(ordered, sample_mentions)
    # one label per entity
    assert sample_mentions.groupby("entity_id")["label"].nunique().max() == 1
