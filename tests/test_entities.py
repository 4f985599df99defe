"""analysis.entities: canonical entities, checked against a hand-made answer key.

ANSWER_KEY lists, for each sample article, every person, organisation and place a
careful reader would list (PERSON, ORG, PLACE = GPE or LOC), with the surface forms
the article uses for it. It was written by reading the articles, not from the
code's output. Nationalities (NORP), laws and products are not in the key.
"""
from __future__ import annotations

import argparse
import re

import pandas as pd
import pytest

from analysis import entities
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


@pytest.fixture(scope="session")
def sample_mentions(sample_corpus):
    return entities.mentions(sample_corpus)


# --------------------------------------------------------------------------- the sample
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


def canon(frame, doc_id, text):
    rows = frame[(frame["doc_id"] == doc_id) & (frame["text"] == text)]
    return sorted(set(zip(rows["canonical"], rows["label"])))


def test_sample_hard_cases(sample_mentions):
    m = sample_mentions
    for doc_id, forms in {"000_7a1e7394c9004f4f": ["US"], "003_0d55d710c7bf9c8f": ["US", "U.S."],
                          "001_28ca36ce2e4e94c5": ["United States"]}.items():
        for form in forms:
            assert canon(m, doc_id, form) == [("United States", "GPE")]
    assert canon(m, "000_7a1e7394c9004f4f", "Kirby") == [("John Kirby", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "Kirby") == [("John Kirby", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "IRGC") == [("Islamic Revolutionary Guard Corps", "ORG")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Revolutionary Guards Corps") == [("Islamic Revolutionary Guard Corps", "ORG")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Vladimir Putin") == [("Vladimir Putin", "PERSON")]
    assert canon(m, "002_a9082c3e95b1b9c8", "Putin") == [("Vladimir Putin", "PERSON")]
    assert canon(m, "003_0d55d710c7bf9c8f", "James Cleverley") == [("James Cleverly", "PERSON")]
    assert canon(m, "004_5ba1a730b4e5b811", "White Home") == [("White House", "ORG")]
    assert canon(m, "004_5ba1a730b4e5b811", "Nationwide Safety Council") == [("National Security Council", "ORG")]
    assert canon(m, "001_28ca36ce2e4e94c5", "JCPOA") == [("Joint Comprehensive Plan of Action", "LAW")]
    # Crimea is a place everywhere, Kirby never an organisation
    assert set(m.loc[m["canonical"] == "Crimea", "label"]) == {"GPE"}
    assert set(m.loc[m["text"].str.contains("Kirby"), "label"]) == {"PERSON"}
    # the possessive is not part of the name
    assert "Vladimir Putin's" not in set(m["text"])
    # the fuzzy merge is reported with its score
    fuzzy = m[m["text"] == "James Cleverley"]
    assert fuzzy["method"].str.startswith("fuzzy(").all() and (fuzzy["score"] >= 88).all()


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


def test_roles_are_kept_apart_from_names(sample_mentions):
    m = sample_mentions
    aghajani = m[m["canonical"] == "Saeed Aghajani"]
    assert aghajani["role"].tolist() == ["Brigadier General"]
    kirby = m[(m["doc_id"] == "000_7a1e7394c9004f4f") & (m["text"] == "John Kirby")]
    assert kirby["role"].tolist() == ["spokesman"]
    # "Secretary of State Antony Blinken": State is part of the title, not an organisation mention
    blinken = m[m["canonical"] == "Antony Blinken"]
    assert blinken["role"].tolist() == ["Secretary of State"]
    raw = "Secretary of State Antony Blinken"
    start = blinken["start"].iloc[0] - len("Secretary of State ")
    inside = m[(m["doc_id"] == blinken["doc_id"].iloc[0]) & (m["start"] >= start) & (m["end"] <= start + len(raw))]
    assert inside["canonical"].tolist() == ["Antony Blinken"]


def test_metonyms_separate_by_default_and_foldable(sample_corpus):
    plain = entities.frequency(sample_corpus, by="entity")
    folded = entities.frequency(sample_corpus, by="entity", fold_metonyms=True)
    assert {"Tehran", "Moscow", "Washington"} <= set(plain["canonical"])
    assert not {"Tehran", "Moscow", "Washington"} & set(folded["canonical"])
    iran_plain = plain.loc[plain["canonical"] == "Iran", "mentions"].item()
    tehran = plain.loc[plain["canonical"] == "Tehran", "mentions"].item()
    assert folded.loc[folded["canonical"] == "Iran", "mentions"].item() == iran_plain + tehran


def test_frequency_aliases_and_cooccurrence_tables(sample_corpus, sample_mentions):
    freq = entities.frequency(sample_corpus, by="entity")
    assert list(freq.columns) == ["entity_id", "canonical", "label", "mentions", "articles", "surface_forms"]
    kirby = freq[freq["canonical"] == "John Kirby"].iloc[0]
    assert kirby["articles"] == 4 and kirby["label"] == "PERSON"
    assert freq["mentions"].sum() == len(sample_mentions)
    by_label = entities.frequency(sample_corpus, by="label")
    assert by_label["mentions"].sum() == len(sample_mentions)
    by_article = entities.frequency(sample_corpus, by="article")
    assert by_article["doc_id"].tolist() == sample_corpus.doc_ids
    report = entities.aliases_report(sample_corpus)
    row = report[(report["surface"] == "Nationwide Safety Council")].iloc[0]
    assert row["canonical"] == "National Security Council" and row["method"].startswith("fuzzy(")
    assert set(report.loc[report["surface"] == "Kirby", "method"]) <= {"same_article_fullname", "corpus_fullname"}
    assert "acronym" in set(report["method"]) or "alias_table" in set(report.loc[report["surface"] == "JCPOA", "method"])
    co = entities.cooccurrence(sample_corpus)
    pair = co[(co["canonical_a"].isin(["Iran", "Russia"])) & (co["canonical_b"].isin(["Iran", "Russia"]))]
    assert len(pair) == 1 and pair["sentences"].item() >= 10
    assert (co["entity_a"] < co["entity_b"]).all()


def test_entity_at_and_resolve_name(sample_corpus, sample_mentions):
    doc_id = "003_0d55d710c7bf9c8f"
    raw = sample_corpus[doc_id].raw
    start = raw.index("James Cleverley")
    hit = entities.entity_at(sample_mentions, doc_id, start, start + len("James Cleverley"))
    assert hit["canonical"] == "James Cleverly" and hit["label"] == "PERSON"
    assert entities.entity_at(sample_mentions, doc_id, 0, 3) is None
    assert entities.resolve_name(sample_corpus, "Kirby", doc_id="001_28ca36ce2e4e94c5")["canonical"] == "John Kirby"
    assert entities.resolve_name(sample_corpus, "spokesman Ned Price's")["canonical"] == "Ned Price"
    assert entities.resolve_name(sample_corpus, "the Revolutionary Guards")["canonical"] == \
        "Islamic Revolutionary Guard Corps"
    assert entities.resolve_name(sample_corpus, "Zzyzx Qwerty") is None


def test_cli_writes_mentions(sample_corpus, tmp_path):
    args = argparse.Namespace(fold_metonyms=False, frequency=str(tmp_path / "f.csv"), aliases=None)
    from analysis.cli import entities_cmd
    frame = entities_cmd.run(sample_corpus, args)
    assert list(frame.columns) == entities.COLUMNS
    assert (tmp_path / "f.csv").exists()


def test_render_escapes_article_text(make_corpus):
    corpus = make_corpus({"x.txt": "Headline\n\nJohn Kirby said <script>alert(1)</script> in Kyiv. Kirby left.\n"})
    html = entities.render_html(corpus, "x")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Kyiv" in html and "PERSON" in html


# --------------------------------------------------------------------------- small texts of our own
OWN = {
    "a_port.txt": (
        "Port authority names new chief\n\n"
        "The Baltic Maritime Authority, or BMA, said on Monday that Marta Kowalczyk would lead its inspections. "
        "Kowalczyk, a former naval officer, said the BMA would publish its findings in Gdansk.\n\n"
        "Deputy director Tomasz Wrona said the Northern Grain Consortium had filed a complaint. "
        "The NGC denied wrongdoing, Wrona added.\n\n"
        "Moscow said the inspections were illegal. The Kremlin did not comment, and the Kyiv government welcomed them.\n"),
    "b_followup.txt": (
        "Inspections continue\n\n"
        "Kowalczyk told reporters the Baltic Maritime Authority would not back down. "
        "Spokeswoman Marta Kowalczik said 12 ships were held near Crimea.\n\n"
        "The White Home and the Nationwide Safety Council said they were watching. "
        "U.S. officials and the United States Navy declined to comment, as did the US embassy.\n"),
}


@pytest.fixture(scope="module")
def own(make_corpus):
    return entities.mentions(make_corpus(OWN))


@pytest.fixture(scope="module")
def make_corpus(tmp_path_factory):  # module-scoped variant of the conftest fixture
    from analysis import load_corpus

    def build(files):
        folder = tmp_path_factory.mktemp("own")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return load_corpus(folder)
    return build


def test_own_text_acronym_defined_in_text(own):
    assert canon(own, "a_port", "BMA") == [("Baltic Maritime Authority", "ORG")]


def test_own_acronym_by_initials(own):
    assert canon(own, "a_port", "NGC") == [("Northern Grain Consortium", "ORG")]


def test_own_surname_resolves_in_article_and_across_corpus(own):
    assert canon(own, "a_port", "Kowalczyk") == [("Marta Kowalczyk", "PERSON")]
    assert canon(own, "a_port", "Wrona") == [("Tomasz Wrona", "PERSON")]
    # second article: the surname comes before any full name there; the misspelt full name is fuzzy
    assert canon(own, "b_followup", "Kowalczyk") == [("Marta Kowalczyk", "PERSON")]
    assert canon(own, "b_followup", "Marta Kowalczik") == [("Marta Kowalczyk", "PERSON")]


def test_own_roles(own):
    wrona = own[(own["doc_id"] == "a_port") & (own["text"] == "Tomasz Wrona")]
    assert wrona["role"].tolist() == ["Deputy director"]


def test_own_spun_names_and_places(own):
    assert canon(own, "b_followup", "White Home") == [("White House", "ORG")]
    assert canon(own, "b_followup", "Nationwide Safety Council") == [("National Security Council", "ORG")]
    assert canon(own, "b_followup", "Crimea") == [("Crimea", "GPE")]
    assert canon(own, "b_followup", "U.S.") == [("United States", "GPE")]
    assert canon(own, "b_followup", "US") == [("United States", "GPE")]
    assert canon(own, "a_port", "Moscow") == [("Moscow", "GPE")]


def test_own_every_entity_has_one_name(own):
    # no canonical name differs from another only by case, dots or a leading "the"
    names = own.drop_duplicates("entity_id")["canonical"].map(alias_key)
    assert not names.duplicated().any(), sorted(own["canonical"].unique())
    assert own.groupby("entity_id")["label"].nunique().max() == 1


def test_lower_case_and_quoted_words_are_not_entities(make_corpus):
    corpus = make_corpus({"k.txt": (
        "Drones hit city\n\n"
        "Russia launched Iranian-made \"Kamikaze\" drones at Odesa on Monday. The kamikaze drones were shot down, "
        "the Ukrainian air force said. Officials called it \"the Star Wars\" of drone warfare.\n")})
    m = entities.mentions(corpus)
    assert "Kamikaze" not in set(m["text"])
    assert not any(re.search(r"[\"“”]", t) for t in m["text"])
    assert canon(m, "k", "Odesa") == [("Odesa", "GPE")]


def test_own_bracketed_acronym_and_portfolio_role(make_corpus):
    corpus = make_corpus({"c.txt": (
        "Grain office fines traders\n\n"
        "The Danube Grain Office (DGO) fined two traders on Tuesday, Interior Minister Petra Novak said. "
        "The DGO said Novak had been told.\n")})
    m = entities.mentions(corpus)
    assert canon(m, "c", "Danube Grain Office") == [("Danube Grain Office", "ORG")]
    assert canon(m, "c", "DGO") == [("Danube Grain Office", "ORG")]
    assert not m["text"].str.contains(r"\(").any()
    novak = m[m["text"] == "Petra Novak"]
    assert novak["role"].tolist() == ["Interior Minister"] and novak["label"].tolist() == ["PERSON"]
    assert canon(m, "c", "Novak") == [("Petra Novak", "PERSON")]
    assert "Interior" not in set(m["text"])


def test_own_spun_titles_and_names(make_corpus):
    corpus = make_corpus({"s.txt": (
        "Advisor speaks\n\n"
        "Nationwide Safety Advisor Jake Sullivan mentioned on Tuesday that the State Division would act. "
        "Pentagon press secretary Brig. Gen. Pat Ryder agreed, and the State Division's spokesman Ned Value "
        "mentioned new measures. Value mentioned allies were informed.\n")})
    m = entities.mentions(corpus)
    assert m.loc[m["text"] == "Jake Sullivan", "role"].tolist() == ["Nationwide Safety Advisor"]
    assert not m["text"].str.contains("Advisor|Brig", regex=True).any()
    assert m.loc[m["text"] == "Pat Ryder", "role"].tolist() == ["Brig. Gen."]
    assert canon(m, "s", "State Division") == [("State Department", "ORG")]
    assert canon(m, "s", "Ned Value") == [("Ned Price", "PERSON")]
    assert canon(m, "s", "Value") == [("Ned Price", "PERSON")]


def test_model_designations_are_products_not_people(make_corpus):
    corpus = make_corpus({"p.txt": (
        "Drone deal\n\nThe army bought Karrar-220 and Talon-7 drones from Norvia. "
        "Officials said the Karrar-220 was tested in Norvia last year.\n")})
    m = entities.mentions(corpus)
    karrar = m[m["text"] == "Karrar-220"]
    assert len(karrar) == 2 and set(karrar["label"]) == {"PRODUCT"}
    assert canon(m, "p", "Norvia") == [("Norvia", "GPE")]


def test_middle_initials_and_company_names(make_corpus):
    corpus = make_corpus({"q.txt": (
        "Firms listed\n\n"
        "Officials listed Safiran Airport Services and Norvik Cargo Services, said Tomas R. Lindqvist, "
        "a senior official. Tomas Lindqvist added that more names would follow.\n")})
    m = entities.mentions(corpus)
    assert canon(m, "q", "Safiran Airport Services") == [("Safiran Airport Services", "ORG")]
    assert canon(m, "q", "Norvik Cargo Services") == [("Norvik Cargo Services", "ORG")]
    people = m[m["label"] == "PERSON"]
    assert people["entity_id"].nunique() == 1 and len(people) == 2, people[["text", "canonical"]]


def test_a_corpus_without_names_gives_empty_tables(make_corpus):
    corpus = make_corpus({"e.txt": "nothing here\n\nthe cat sat on the mat and it was fine.\n"})
    m = entities.mentions(corpus)
    assert m.empty and list(m.columns) == entities.COLUMNS
    assert entities.frequency(corpus).empty and entities.cooccurrence(corpus).empty
    assert entities.aliases_report(corpus).empty
    assert entities.frequency(corpus, by="article")["entities"].tolist() == [0]
    assert entities.plot_top_entities(entities.frequency(corpus)) is None
    assert entities.plot_entity_heatmap(m, corpus.doc_ids) is None
    assert entities.resolve_name(corpus, "Nobody Known") is None


def test_a_surname_that_is_a_month_is_not_propagated(make_corpus):
    corpus = make_corpus({"m.txt": (
        "Minister speaks\n\n"
        "Prime Minister Theresa May said on Monday that talks would resume. "
        "The talks collapsed in May last year, and May said she regretted it.\n")})
    m = entities.mentions(corpus)
    may = m[m["canonical"] == "Theresa May"]
    raw = corpus["m"].raw
    month = raw.index("in May") + 3
    assert month not in set(may["start"])
    assert len(may) >= 2


def test_fuzzy_does_not_merge_different_words(make_corpus):
    corpus = make_corpus({"f.txt": (
        "Forces\n\n"
        "The Indian Air Force and the Indian Armed Force held drills, said Eliot Spitzer. "
        "South African and South American officials watched. Elliot Spitzer said the Indian Air Force led.\n")})
    m = entities.mentions(corpus)
    air = set(m.loc[m["text"] == "Indian Air Force", "entity_id"])
    armed = set(m.loc[m["text"] == "Indian Armed Force", "entity_id"])
    assert air and armed and not air & armed
    assert set(m.loc[m["text"] == "South African", "canonical"]) != set(m.loc[m["text"] == "South American", "canonical"])
    spitzer = m[m["text"].isin(["Eliot Spitzer", "Elliot Spitzer"])]
    assert spitzer["entity_id"].nunique() == 1 and len(spitzer) == 2
