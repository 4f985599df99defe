"""Exports: FollowTheMoney entities, the status table and graph data, the figures and the CLI."""
from __future__ import annotations

import json

from analysis import sanctions as S



def test_ftm_export_validates(rows, sample_corpus, tmp_path):
    from followthemoney import model
    out = tmp_path / "sanctions.jsonl"
    S.to_ftm(rows, sample_corpus, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        proxy = model.get_proxy(data, cleaned=False)
        for prop_name, values in data["properties"].items():
            prop = schema.get(prop_name)
            assert prop is not None, (data["schema"], prop_name)
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (prop_name, value)
                if prop.type.name == "entity":
                    assert value in ids, (prop_name, value)
        for required in schema.required:
            assert data["properties"].get(required), (data["schema"], required)
    by_schema = {}
    for data in entities:
        by_schema.setdefault(data["schema"], []).append(data)
    named = rows[rows["target_type"].isin(["person", "organization", "country"])]
    assert len(by_schema["Sanction"]) == len(named)
    assert len(by_schema["Person"]) == 3 and len(by_schema["Organization"]) == 1
    qureishi = next(s for s in by_schema["Sanction"] if "Qureishi" in s["properties"]["summary"][0]
                    and s["properties"]["entity"][0] == next(p["id"] for p in by_schema["Person"]
                                                           if p["properties"]["name"] == ["Seyed Hojjatollah Qureishi"]))
    props = qureishi["properties"]
    assert props["authority"] == ["United Kingdom"] and props["country"] == ["gb"]
    assert sorted(props["provisions"]) == ["asset freeze", "travel ban"]
    doc_id, span = props["recordId"][0].split(":")
    start, end = map(int, span.split("-"))
    assert sample_corpus[doc_id].raw[start:end] == "Seyed Hojjatollah Qureishi"
    assert {"Article", "Documentation"} <= set(by_schema)


def test_status_table_and_graph(rows):
    table = S.status_by_authority(rows)
    assert table.index.tolist() == ["United States", "United Kingdom"]
    assert table.loc["United States", ["imposed", "considered", "threatened", "called_for"]].tolist() == [4, 2, 2, 0]
    assert table.loc["United Kingdom", "imposed"] == 5 and table.loc["United Kingdom", "total"] == 5
    g = S.graph(rows)
    assert set(g.successors("United Kingdom")) == {"Iranian officials and companies", "Mohammad Hossein Bagheri",
                                                   "Seyed Hojjatollah Qureishi", "Saeed Aghajani",
                                                   "Shahed Aviation Industries"}
    assert g["United States"]["Iran"]["statuses"] == ["imposed", "threatened", "considered"]
    assert g["United States"]["Iran"]["status"] == "imposed"


def test_cli_writes_table_and_ftm(small, tmp_path):
    from analysis.cli import main
    corpus, _ = small
    out, ftm, matches = tmp_path / "s.csv", tmp_path / "s.jsonl", tmp_path / "m.csv"
    assert main(["sanctions", "--corpus", corpus.path, "--out", str(out), "--ftm", str(ftm),
                 "--matches", str(matches)]) == 0
    import pandas as pd
    table = pd.read_csv(out)
    assert list(table.columns[:len(S.COLUMNS)]) == S.COLUMNS
    assert "asset freeze" in set(table["measures"])
    assert ftm.read_text(encoding="utf-8").count('"schema": "Sanction"') >= 5
    assert set(pd.read_csv(matches)["verdict"]) <= {"match", "partial", "related", "no match"}


def test_figures_draw_the_graph_and_the_status_bars(rows):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from analysis.plots import sanctions as figures
    fig = figures.who_sanctions_whom(rows)
    assert fig.axes[0].get_title() == "Who sanctions whom (sanction actions found in the corpus)"
    bars = figures.status_bars(S.status_by_authority(rows))
    assert [t.get_text() for t in bars.axes[0].get_yticklabels()] == ["United States", "United Kingdom"]
    assert figures.who_sanctions_whom(rows.iloc[:0]) is None
    assert figures.status_bars(S.status_by_authority(rows.iloc[:0])) is None
    plt.close("all")
