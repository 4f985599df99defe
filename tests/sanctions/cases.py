"""Texts and answer keys shared by the sanctions tests (written by hand, never computed by the code).

``benchmarks/sanctions.py`` reads ``SAMPLE_KEY`` and ``UK_TARGETS`` from here.
"""
from __future__ import annotations

from analysis import load_corpus, sanctions

UK_TARGETS = {
    # target as written: (type, title, measures, UK list id, verdict)
    "Mohammad Hossein Bagheri": ("person", "Major General", {"asset freeze", "travel ban"}, "RUS1652", "partial"),
    "Seyed Hojjatollah Qureishi": ("person", "Brigadier General", {"asset freeze", "travel ban"}, "RUS1654", "match"),
    "Saeed Aghajani": ("person", "Brigadier General", {"asset freeze", "travel ban"}, "RUS1653", "match"),
    "Shahed Aviation Industries": ("organization", None, {"asset freeze"}, "RUS1655", "match"),
}
# Every sanction action against a target in the sample, read by hand:
# (article prefix, target as written, target type, authority, status).
SAMPLE_KEY = {
    ("000", "Tehran", "country", "United States", "considered"),
    ("000", "Iran", "country", "United States", "imposed"),
    ("000", "Iranian officials and companies", "group", "United Kingdom", "imposed"),
    ("000", "Mohammad Hossein Bagheri", "person", "United Kingdom", "imposed"),
    ("000", "Seyed Hojjatollah Qureishi", "person", "United Kingdom", "imposed"),
    ("000", "Saeed Aghajani", "person", "United Kingdom", "imposed"),
    ("000", "Shahed Aviation Industries", "organization", "United Kingdom", "imposed"),
    ("001", "Iran", "country", "United States", "threatened"),
    ("002", "Tehran", "country", "United States", "considered"),
    ("002", "everyone involved in these transfers", "group", "United States", "threatened"),
    ("003", "Iranian firms and entities", "group", "United States", "imposed"),
    ("004", "Iranian entities and officers", "group", "United States", "imposed"),
    ("004", "three commanders within the IRGC", "group", "United States", "imposed"),
}
# People and organisations the sample names who were not sanctioned in it.
NOT_TARGETS = ["John Kirby", "Kirby", "Ned Price", "Price", "James Cleverly", "Mahsa Amini", "Amini",
               "Antony Blinken", "Karine Jean-Pierre", "Vedant Patel", "Barbara Woodward", "Richard Mills",
               "Vasily Nebenzia", "Ali Khamenei", "Vladimir Putin", "Joe Biden", "Mick Mulroy"]

# Hand-written sentences, one per article, covering each status and the hard cases.
SMALL_TEXTS = {
    "imposed_list": "The US Treasury on Tuesday sanctioned Ali Reza Tangsiri, the commander of the navy, "
                    "and Hossein Salami for their role in the attacks.",
    "considered": "The European Union is weighing new sanctions on Iranian drone makers.",
    "threatened": "Britain threatened to impose travel bans on officials who took part in the crackdown.",
    "called_for": "Activists called for sanctions against the Iranian regime.",
    "two_authorities": "The United States and Britain on Friday imposed sanctions on two Iranian companies.",
    "pronoun_authority": "Canada said it would sanction five Iranian officials.",
    "freeze_assets": "Japan froze the assets of Qods Aviation Industries and Pars Trading Company.",
    "passive_context": "Britain announced new sanctions on Monday.\n\n"
                       "Hossein Salami and Qods Aviation Industries were also sanctioned.",
    "visa": "Washington imposed visa restrictions on 12 Iranian officials over the crackdown on protesters.",
    "relief": "Iran wants sanctions relief before it returns to the deal.",
    "lifting": "Tehran demands the lifting of sanctions against its oil sector.",
    "because": "Russia, because of tough sanctions, is turning to Iran for drones.",
    "hurt": "Russia's economy has been hit hard by Western sanctions.",
    "evaded": "Iran has evaded sanctions for years by selling oil abroad.",
    "condemned": "Iran's foreign ministry condemned the sanctions as illegal, spokesman Nasser Kanaani said.",
    "negated": "Kirby said the administration was not considering sanctions against Tehran.",
    "continuation": "Britain sanctioned three officers on Thursday. They include Brigadier General "
                    "Saeed Aghajani, who heads the drone command, and Major General Mohammad Bagheri.",
    "face": "In a statement, the Foreign Office said the individuals would face travel bans and asset freezes.",
    "expected": "The European Union is expected to approve sanctions against Iranian individuals next week.",
    "descriptor": "The EU imposed sanctions on Iranian drone maker Shahed Aviation Industries and three generals.",
    "other_sense": "Lawyers said a UN resolution sanctioning military action was needed. "
                   "A further £947m has been designated as unrecoverable.",
    "idiom": "The ministers put the threat of sanctions for deficit breaches on hold.",
    "among_was": "Iran's defence minister Mohammad Reza Ashtiani was among those sanctioned by Canada.",
    "eu_ministers": "The EU's foreign ministers agreed on Monday to impose asset freezes and visa bans on "
                    "11 Iranian officials.",
    "colon": "Britain imposed asset freezes and travel bans on three officers: Ali Karimi, Reza Tavakoli "
             "and Hassan Moradi.",
    "as_well_as": "Canada has sanctioned Iranian generals Ali Karimi and Reza Tavakoli as well as drone maker "
                  "Pars Aviation Industries.",
    "among_were": "Among those sanctioned by Canada on Friday were Ivan Petrov, a banker, and Boris Volkov.",
    "variant_a": "Britain imposed an asset freeze on Brigadier General Hojatollah Ghoreishi.",
    "variant_b": "The EU sanctioned Seyyed Hojjatollah Qoreishi, a negotiator.",
}
# An article without a date line.
NO_DATE_TEXT = "Headline\n\nBritain on Thursday imposed travel bans on Ali Akbar Ahmadian.\n"

# Markup left in scraped plain text.
MARKUP_TEXTS = {
    "tag_after_name": "The European Union on Monday imposed sanctions on Arvik Shipping Lines "
                      "<img src=x onerror=\"document.title='gotcha'\"> and its managing director, Oskar Brenn, "
                      "for moving embargoed oil.\n\nThe measures include a travel ban on Brenn, officials said.",
    "script_after_descriptor": "The US Treasury on Friday imposed sanctions on Malta-based fuel trader John Miller "
                               "<script>alert(1)</script> and two of his firms, Sliema Trading Company and Gozo "
                               "Shipping Holdings, for supplying fuel to Russia.",
    "comment_in_list": "Britain on Tuesday sanctioned Tarvel Metals Corporation <!-- editor: check --> and "
                       "Osk Mining Company.",
    "clean_apposition": "Canada on Monday imposed sanctions on Borealis Freight Holdings and its chief executive, "
                        "Sarah Johnson, accusing the company of smuggling arms.",
}


def article(doc_id_prefix: str, body: str, date: str | None = "20 October 2022") -> str:
    """A test article: headline, date line (unless ``date`` is None) and body."""
    head = f"Headline {doc_id_prefix}\n\n"
    if date:
        head += f"Published {date}\n\n"
    return head + body + "\n"


def of(frame, doc_id):
    """The rows of one article."""
    return frame[frame["doc_id"] == doc_id]


def sanctions_of_texts(folder, texts: dict[str, str]):
    """The sanctions table of a corpus of ``texts`` (``{name: body}``), written as ``name.txt`` into ``folder``."""
    for name, body in texts.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    return sanctions.sanctions(load_corpus(folder))


def rows_of(frame, name):
    """The rows of the article written as ``name.txt``."""
    return frame[frame["doc_id"].str.endswith(f"{name}.txt") | (frame["doc_id"] == name)]
