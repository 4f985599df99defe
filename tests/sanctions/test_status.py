"""Status (imposed / considered / threatened / called for) and background mentions that give no row."""
from __future__ import annotations

from .cases import of


def test_each_status(small):
    _, frame = small
    assert set(of(frame, "imposed_list")["status"]) == {"imposed"}
    assert of(frame, "considered")[["authority", "target", "target_type", "status"]].values.tolist() == [
        ["European Union", "Iranian drone makers", "group", "considered"]]
    threat = of(frame, "threatened").iloc[0]
    assert (threat["authority"], threat["status"], threat["measures"]) == ("United Kingdom", "threatened", ["travel ban"])
    call = of(frame, "called_for").iloc[0]
    assert (call["status"], call["target_type"]) == ("called_for", "country")


def test_background_and_negated_sentences_give_no_rows(small):
    _, frame = small
    for doc_id in ["relief", "lifting", "because", "hurt", "evaded", "condemned", "negated", "other_sense", "idiom"]:
        assert of(frame, doc_id).empty, doc_id


def test_sample_background_mentions_give_no_rows(rows):
    for phrase in ["lifting of sanctions", "suspension of sanctions", "relief from sanctions",
                   "because of tough sanctions", "sanctions against it because of the war"]:
        assert not rows["sentence"].str.contains(phrase, regex=False).any(), phrase


def test_reported_face_raising_and_descriptors(small):
    _, frame = small
    face = of(frame, "face").iloc[0]
    assert (face["authority"], face["office"], face["target"], face["status"]) == (
        "United Kingdom", "FCDO", "the individuals", "threatened")
    assert sorted(face["measures"]) == ["asset freeze", "travel ban"]
    expected = of(frame, "expected").iloc[0]
    assert (expected["authority"], expected["status"]) == ("European Union", "considered")
    desc = of(frame, "descriptor")
    assert desc[["target", "target_type", "title", "position"]].values.tolist() == [
        ["Shahed Aviation Industries", "organization", None, "Iranian drone maker"],
        ["three generals", "group", None, None]]
