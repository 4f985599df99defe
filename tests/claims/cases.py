"""Texts and answer keys shared by the claims tests (written by hand, never computed by the code)."""
from __future__ import annotations

# Hand-checked answer key of the sample: every direct and partial quote (a snippet of
# it) -> the speaker's surname(s) as a reader of the article would name them
# (None: no clear speaker, the quote must only be found).
SAMPLE_KEY = [
    ("000", "right on the ground", ["White House"]),
    ("000", "relatively small number", ["Kirby"]),
    ("000", "The information we have is that the Iranians have sent trainers", ["Kirby"]),
    ("000", "The systems themselves suffered from failures", ["Kirby"]),
    ("000", "So the Iranians decided to bring in some trainers", ["Kirby"]),
    ("000", "not focused on diplomacy at this point", ["Kirby"]),
    ("000", "We are focused on making sure we hold the regime accountable", ["Kirby"]),
    ("000", "These cowardly drone attacks are an act of desperation", ["Cleverly"]),
    ("000", "We will make sure they are held accountable for their actions", ["Cleverly"]),
    ("001", "We assess that", ["Kirby"]),
    ("001", "We are way far apart with the Iranians", ["Kirby"]),           # run-on, tag two paragraphs later
    ("001", "They had demands that were well in excess", ["Kirby"]),
    ("001", "expose, deter and confront", ["Kirby"]),                        # partial, "He said"
    ("001", "they can lie to the world", ["Kirby"]),                          # "he said"
    ("002", "deeply involves Iran in the war on the Russian side", ["Mulroy"]),
    ("002", "that have killed and injured civilians", ["Mulroy"]),
    ("002", "the work of the best talents of Iran", ["Khamenei"]),
    ("002", "honor for the country", ["Khamenei"]),
    ("002", "A few years ago, when images of our advanced missile", ["Khamenei"]),  # "And he added:"
    ("002", "We express our grave concern", ["Price"]),
    ("002", "We now have abundant evidence", ["Price"]),
    ("002", "We will not hesitate to use our sanctions", ["Price"]),
    ("003", "an unprecedented level of military and technical support", ["Kirby"]),
    ("003", "These fighter jets will significantly strengthen", ["Kirby"]),
    ("003", "will use the tools at our disposal", ["Kirby"]),
    ("003", "deepening and growing defense partnership", None),
    ("003", "perfect insight into Iran’s thinking", ["Kirby"]),
    ("003", "unprecedented levels of military and technical support", ["Woodward"]),
    ("003", "We are concerned that Russia intends", ["Woodward"]),            # "she said"
    ("003", "That is why it is imperative", ["Woodward"]),
    ("003", "Ukraine demands that Iran immediately stop", ["Kislytsa"]),      # apposition after the name
    ("003", "The military-industrial complex in Russia", ["Nebenzia"]),       # "he said"
    ("003", "what we are seeing is", ["Mills"]),
    ("003", "It is Russia that cynically called for this meeting", ["Mills"]),
    ("003", "desperate alliance", ["Cleverley"]),
    ("003", "Iran is now one of Russia’s biggest military backers", ["Cleverley"]),
    ("003", "Their abhorrent deals have resulted", ["Cleverley"]),
    ("003", "In return, Russia is offering military and technical support", ["Cleverley"]),  # no cue: continues
    ("004", "exhausting to argue", ["Kirby"]),                                # spun "informed reporters"
    ("004", "Iran is now straight engaged on the bottom", ["Kirby"]),         # spun "mentioned"
    ("004", "operator and system failures early on", ["Kirby"]),
    ("004", "The proof that Iran helps Russia", ["Jean-Pierre"]),
    ("004", "And it's public", ["Jean-Pierre"]),
    ("004", "Cease killing your folks", ["Jean-Pierre"]),
    ("004", "could also be contemplating", ["Jean-Pierre", "Kirby"]),         # spun "noted", two speakers
    ("004", "We see indicators that they could be contemplating", ["Kirby"]),  # spun "explained" -> "defined"
    ("004", "I'd simply say we have seen indicators", ["Kirby"]),
    ("004", "for his or her brutal responses to protests in Iran", ["Blinken"]),  # spun "according to"
    ("004", "We stay dedicated to making sure", ["Jean-Pierre"]),
]
SCARE_QUOTES = [("001", "inappropriate attire"), ("003", "Star Wars"), ("004", "kamikaze")]


HARD_CASES = {
    "a_mixed_marks.txt": 'Talks stall\n\n“We will respond firmly," Jane Doe said on Monday.\n',
    "b_run_on.txt": ("Budget\n\nFinance minister Alan Brook spoke to parliament on Tuesday.\n\n"
                     "“The first point is settled, and the banks have agreed to the plan.\n\n"
                     "“The second point is not settled yet,” Brook said.\n"),
    "c_pronouns.txt": ("Storm\n\nMayor Maria Lopez said the city was prepared. She added that shelters were open.\n\n"
                       "“Roads are closed across the north of the city,” said Tom Hale, the police chief. "
                       "He urged drivers to stay home.\n\n"
                       "“We are ready for the storm and for what comes after,” she said.\n"),
    "d_spokesman.txt": ("Report\n\nForeign ministry spokesman Li Wen said the report was false.\n\n"
                        "“We reject these claims entirely and completely,” the spokesman said.\n"),
    "e_continuation.txt": ("Rally\n\n“We are ready to win this vote,” Ann Smith told reporters.\n\n"
                           "“Nothing will stop us now, not even the rain.”\n"),
    "f_apposition.txt": ("UN\n\n“Sanctions work when everyone applies them,” Tom Reed, the country's ambassador to the UN, "
                         "told CNN on Friday.\n\n“We will act now,” Foreign Secretary Jane Hill said in a statement.\n"),
    "g_surname.txt": ("Visit\n\nDeputy minister Paul Grant visited the site on Monday.\n\n"
                      "“It is safe for the families to return,” Grant said.\n"),
    "h_collective.txt": ("Talks\n\nThe White House said on Monday that the talks had failed.\n\n"
                         "Iran and Russia both denied the report.\n\n"
                         "Senator Amy Ward urged the government to act quickly on the crisis.\n\n"
                         "Analyst Ben Cole believes that prices will rise next year.\n"),
    "i_scare.txt": ("Drones\n\nThe so-called “kamikaze” drones hit the city. The “Star Wars” contest ended long ago.\n"),
    "j_according.txt": ("Arrests\n\nAccording to a government statement, ten people were arrested in the capital.\n"),
    "k_partial.txt": ("Army\n\nDefence chief Mark Olsen said the army would “respond with force” if attacked.\n"),
    "l_unresolved.txt": ("Crisis\n\n“This cannot go on much longer,” he said.\n"),
    "m_dash.txt": ("Voices\n\n“The debate changed my mind about the whole race.” ― Carla Ortiz\n"),
    "n_definite.txt": ("Strikes\n\nPortugal’s defence ministry denied targeting civilian infrastructure. “Our strikes are "
                       "aimed only at military targets,” the ministry said in a statement.\n"),
    "o_dateline.txt": ("Border\n\nLisbon – Portugal said on Monday that it had closed the border for a week.\n"),
    "p_nested.txt": ("Visit\n\nForeign Minister Ana Costa said the attacks showed “the desperation of the regime.”\n"),
}


MARKUP_TEXT = (
    "Harbour deal\n\n"
    "Mayor Ines Duarte said the contract would be reviewed. Read the auditors' memo at "
    "<a href=\"https://example.org/memo\" title=\"the full memo\">the memo</a>.\n\n"
    "<img src=x onerror=\"document.title='gotcha'\"> The harbour board declined to comment. "
    "<svg onload=\"alert('svg')\"><circle r=9></circle></svg>\n\n"
    "Councillor Paulo Reis said the vote had been <!-- editor: check this --> rushed.\n\n"
    "“We will appeal, <b>whatever</b> it costs,” Reis told reporters.\n\n"
    "Loose markup x onclick=\"steal()\" and onload=\"grab cookies now\" was pasted here, the clerk said.\n"
)




def doc_of(corpus, prefix):
    """The sample article whose id starts with ``prefix``."""
    return next(a for a in corpus if a.doc_id.startswith(prefix))


def find(frame, doc_id, snippet):
    """Direct, partial and mixed quotes of ``doc_id`` containing ``snippet``."""
    quotes = frame[(frame["doc_id"] == doc_id) & frame["kind"].isin(["direct", "partial", "mixed"])]
    return quotes[quotes["quote"].map(lambda q: snippet in q)]


def one(hard, doc_id, snippet):
    """The first claim of a small text containing ``snippet`` (fails when there is none)."""
    corpus, frame = hard
    rows = frame[(frame["doc_id"] == doc_id) & frame["quote"].map(lambda q: snippet in q)]
    assert len(rows) >= 1, f"{doc_id}: {snippet!r} not found in {frame[frame['doc_id'] == doc_id]['quote'].tolist()}"
    return rows.iloc[0]
