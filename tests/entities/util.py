"""Helpers shared by the entity tests: the small texts of our own and a lookup of a form's entity."""
from __future__ import annotations


def canon(frame, doc_id, text):
    rows = frame[(frame["doc_id"] == doc_id) & (frame["text"] == text)]
    return sorted(set(zip(rows["canonical"], rows["label"])))


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
