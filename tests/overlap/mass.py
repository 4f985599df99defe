"""A mass-reuse corpus built in the test: copies of one wire story among distinct articles.

Words are made-up syllable strings drawn with a seeded :class:`random.Random`, so the distinct
articles share almost no three-word run with each other or with the story, and every run of a
test builds the same files.
"""
from __future__ import annotations

import random

_ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pr", "r", "s",
           "st", "t", "tr", "v", "w", "z")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "n", "r", "l", "s", "m", "nd", "rt")
_FUNCTION = ("the", "of", "and", "to", "in", "that", "with", "for", "on", "at", "by", "from")
#: boilerplate lines some outlets add to the wire copy
BOILERPLATE = ("Read more stories like this on our website every morning.",
               "Sign up to our daily newsletter for the latest headlines.",
               "Our reporters contributed additional research to this report.")


def word(rng: random.Random) -> str:
    """A made-up content word of two or three syllables."""
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(rng.randint(2, 3)))


def sentence(rng: random.Random, words: int = 14) -> str:
    """A sentence of made-up words with a function word every few words, capitalised, full stop."""
    out = []
    for k in range(words):
        out.append(rng.choice(_FUNCTION) if k % 3 == 2 else word(rng))
    return out[0].capitalize() + " " + " ".join(out[1:]) + "."


def article(rng: random.Random, paragraphs: int = 5, sentences: int = 3) -> list[str]:
    """Paragraphs of made-up sentences."""
    return [" ".join(sentence(rng) for _ in range(sentences)) for _ in range(paragraphs)]


def mass_corpus(copies: int = 150, others: int = 100, seed: int = 16) -> tuple[dict[str, str], dict]:
    """``(files, facts)``: ``copies`` republications of one wire story among ``others`` distinct articles.

    The original ``agency.txt`` is dated 2024-03-01 and credits Reuters; copy ``k`` is dated
    2024-03-02 or later and carries its outlet's own closing line, except every thirteenth (from the
    thirteenth on), which is the wire text unchanged (the loader sets those aside as duplicates of the original);
    every third gets a changed headline, every fifth a boilerplate line, every seventh loses
    one sentence, and most keep the "Source: Reuters" credit (every eleventh drops it).
    ``facts`` names the story's articles (``story``, original first), the others (``others``),
    the original (``original``) and the unchanged copies (``same``).
    """
    rng = random.Random(seed)
    title = "Wire " + " ".join(word(rng) for _ in range(5))
    body = article(rng, paragraphs=6, sentences=3)
    files = {"agency.txt": _text(title, "2024-03-01", body, "Reuters")}
    story, same = ["agency"], []
    for k in range(copies):
        name = f"copy{k:03d}"
        head = ("Breaking: " + " ".join(word(rng) for _ in range(4))) if k % 3 == 0 else title
        paras = list(body)
        exact = k % 13 == 12
        if k % 7 == 0 and not exact:
            sentences = paras[2].split(". ")
            paras[2] = ". ".join(sentences[:1] + sentences[2:])
        if k % 5 == 0 and not exact:
            paras.append(BOILERPLATE[k % len(BOILERPLATE)])
        if exact:
            same.append(name)
        else:
            paras.append(f"This report was published by the {word(rng).capitalize()} {word(rng).capitalize()}.")
        credit = None if k % 11 == 0 else "Reuters"
        files[f"{name}.txt"] = _text(head, f"2024-03-{2 + k % 27:02d}", paras, credit)
        story.append(name)
    other_ids = []
    for k in range(others):
        name = f"other{k:03d}"
        files[f"{name}.txt"] = _text("Local " + " ".join(word(rng) for _ in range(4)),
                                     f"2024-02-{1 + k % 28:02d}", article(rng), None)
        other_ids.append(name)
    return files, {"story": story, "others": other_ids, "original": "agency", "same": same}


def _text(title: str, date: str, paragraphs: list[str], credit: str | None) -> str:
    """A .txt article: headline, date line, paragraphs, an optional closing "Source:" line."""
    parts = [title, date, *paragraphs]
    if credit:
        parts.append(f"Source: {credit}")
    return "\n\n".join(parts) + "\n"
