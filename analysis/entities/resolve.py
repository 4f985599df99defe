"""Resolution of every candidate to a canonical name, one function per strategy, first that applies.

:func:`resolve` runs them in order and records the rule in ``method``: :func:`by_alias_table`
(``exact`` / ``alias_table`` / ``normalised``), :func:`by_defined_acronym` and
:func:`by_acronym_inside` (``acronym``), :func:`by_short_form` (``same_article_fullname`` /
``corpus_fullname``), :func:`analysis.entities.fuzzy.by_fuzzy_name` (``fuzzy(score)``), then
:func:`by_surface` (``surface`` / ``normalised``) for the rest.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from . import fuzzy
from .candidates import ACRONYM, Candidate, DocContext
from .lexicon import Lexicon
from .names import initials, is_person_name, words
from .settings import DEFAULTS, Settings

#: Shortest first name matched with one letter added or missing ("Jonathon" for Jonathan).
FUZZY_FIRST_NAME_CHARS = 6
#: Shortest acronym resolved by the initials of a name (not defined in the text).
MIN_INITIALS = 3
#: Labels of multi-word names that may be shortened or abbreviated (not people).
LONG_NAME_LABELS = ("ORG", "LAW", "GPE", "LOC", "EVENT", "PRODUCT")
#: spaCy labels of a one- or two-word span that may be a person's short form (spaCy often mislabels surnames).
SHORT_FORM_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WORK_OF_ART", "FAC", "LANGUAGE")


def resolve(cands: list[Candidate], context: dict[str, DocContext], lexicon: Lexicon,
            settings: Settings = DEFAULTS) -> None:
    """Give every candidate a ``canonical`` name and a ``method`` (in place)."""
    by_alias_table(cands, lexicon)
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc_id].append(c)
    corpus_person = CorpusPeople(Counter(n for c in cands for n in full_names([c], True, lexicon)))
    corpus_long = Counter(n for c in cands for n in full_names([c], False, lexicon))
    by_defined_acronym(cands, context, by_doc, corpus_long, lexicon)
    by_acronym_inside(cands, lexicon)
    by_short_form(cands, by_doc, corpus_person, lexicon)
    for c in cands:  # full names resolved through a short form take their alias-table canonical
        if c.canonical and c.canonical not in lexicon.entries:
            key = lexicon.lookup(c.canonical)
            if key:
                c.canonical = key
    known = fuzzy.by_fuzzy_name(cands, lexicon, settings)
    follow_chains(cands, known, lexicon)
    by_surface(cands, lexicon)


def full_names(cands: list[Candidate], person: bool, lexicon: Lexicon) -> list[str]:
    """Names (canonical, else text) of ``cands`` that are people's full names (``person``) or multi-word names."""
    out = []
    for c in cands:
        label = lexicon.entries[c.canonical].label if c.canonical in lexicon.entries else c.spacy_label
        name = c.canonical or c.text
        if person and label == "PERSON" and is_person_name(name, lexicon) and not _ends_with_known_thing(name, lexicon):
            out.append(name)
        if not person and label in LONG_NAME_LABELS and len(words(name)) >= 2:
            out.append(name)
    return out


def _ends_with_known_thing(name: str, lexicon: Lexicon) -> bool:
    """The last word is an alias-table form of a place or an organisation ("Tessaro USA"): no personal name."""
    known = lexicon.lookup(words(name)[-1])
    return known is not None and lexicon.entries[known].label != "PERSON"


class DocNames:
    """Each article's full names (:func:`full_names`) as counts, kept current while candidates resolve.

    Recomputing them for every candidate made resolution quadratic in an article's length
    (minutes for one long transcript); here each candidate is counted once and recounted
    only when its own canonical name changes.
    """

    def __init__(self, by_doc: dict[str, list[Candidate]], lexicon: Lexicon):
        self.lexicon = lexicon
        self.counts: dict[tuple[str, bool], Counter] = defaultdict(Counter)
        for doc_cands in by_doc.values():
            for c in doc_cands:
                self._count(c, self.contribution(c), 1)

    def contribution(self, c: Candidate) -> tuple[list[str], list[str]]:
        """The person names and the long names ``c`` adds to its article's lists."""
        return full_names([c], True, self.lexicon), full_names([c], False, self.lexicon)

    def names(self, doc_id: str, person: bool) -> Counter:
        """``{name: mentions}`` of the article's person names (``person``) or long names."""
        return self.counts[(doc_id, person)]

    def recount(self, c: Candidate, before: tuple[list[str], list[str]]) -> None:
        """Replace ``c``'s counted names ``before`` with what it contributes now."""
        self._count(c, before, -1)
        self._count(c, self.contribution(c), 1)

    def _count(self, c: Candidate, contribution: tuple[list[str], list[str]], step: int) -> None:
        for person, names in zip((True, False), contribution):
            table = self.counts[(c.doc_id, person)]
            for name in names:
                table[name] += step
                if table[name] <= 0:
                    del table[name]


def by_alias_table(cands: list[Candidate], lexicon: Lexicon) -> None:
    """Names fixed by the extractor (alias match, coordination), then forms of the alias table."""
    for c in cands:
        if c.forced:
            c.canonical = c.forced
            c.method = "alias_table" if lexicon.lookup(c.text) == c.forced else "normalised"
            if c.source == "coordination":
                c.method = "normalised"
            if lexicon.key(c.text) == lexicon.key(c.forced):
                c.method = "exact"
            continue
        canonical = lexicon.lookup(c.text)
        if canonical:
            c.canonical = canonical
            c.method = "exact" if lexicon.key(c.text) == lexicon.key(canonical) else "alias_table"


def by_defined_acronym(cands: list[Candidate], context: dict[str, DocContext], by_doc: dict[str, list[Candidate]],
                       corpus_long: Counter, lexicon: Lexicon) -> None:
    """An acronym defined in the text (this article, else the corpus), else the initials of one
    longer name of the article, else of the corpus."""
    defined_corpus = {}
    for ctx in context.values():
        for acronym, target in ctx.acronyms.items():
            defined_corpus.setdefault(acronym, target)
    doc_names = DocNames(by_doc, lexicon)
    by_initials: dict[str, set[str]] = defaultdict(set)  # built once: no scan of the corpus per acronym
    for name in corpus_long:
        for key in initials(words(name), lexicon.connectors):
            by_initials[key].add(name)
    for c in cands:
        if c.canonical:
            continue
        word = c.text.replace(".", "")
        if not ACRONYM.match(word):
            continue
        before = doc_names.contribution(c)
        _resolve_acronym(c, word, context[c.doc_id].acronyms.get(word) or defined_corpus.get(word),
                         doc_names, by_initials, lexicon)
        if c.canonical:
            doc_names.recount(c, before)


def _resolve_acronym(c: Candidate, word: str, target: Candidate | None, doc_names: DocNames,
                     by_initials: dict[str, set[str]], lexicon: Lexicon) -> None:
    """Resolve acronym ``c``: to the name it was defined for, else to the one name (article's, then
    corpus's: ``by_initials`` maps initials to the corpus's multi-word names) whose initials it is.
    Leaves it unresolved otherwise."""
    if target is not None and target is not c:
        c.canonical = target.canonical or target.text
        c.method = "acronym"
        c.extra["detail"] = f"defined in the text ({target.doc_id})"
        return
    if len(word) < MIN_INITIALS:
        return  # two letters match too many names ("HP", "TD"): only a definition in the text will do
    article = list(doc_names.names(c.doc_id, False)) + list(doc_names.names(c.doc_id, True))
    in_article = {n for n in article if word in initials(words(n), lexicon.connectors)}
    for hits in (sorted(in_article), sorted(by_initials.get(word, ()))):
        if len(hits) == 1:
            c.canonical, c.method = hits[0], "acronym"
            c.extra["detail"] = "initials"
            return


def by_acronym_inside(cands: list[Candidate], lexicon: Lexicon) -> None:
    """An acronym inside a longer name: "AU Commission" = "African Union Commission"."""
    expansions = {}
    for c in cands:
        word = c.text.replace(".", "")
        if c.canonical and ACRONYM.match(word) and len(words(c.canonical)) >= 2:
            expansions.setdefault(word, c.canonical)
    by_key: dict[str, str] = {}
    for c in cands:
        if len(words(c.text)) >= 2:
            by_key.setdefault(lexicon.key(c.text), c.canonical or c.text)
    for c in cands:
        if c.canonical or len(words(c.text)) < 2:
            continue
        expanded = " ".join(expansions.get(w.replace(".", ""), w) for w in c.text.split())
        key = lexicon.key(expanded)
        if expanded != c.text and key in by_key and key != lexicon.key(c.text):
            c.canonical, c.method = by_key[key], "acronym"
            c.extra["detail"] = "acronym expanded inside the name"


def _suffix_of(short: str, full: str) -> bool:
    """``short`` is the last words of the longer ``full`` (case-insensitive)."""
    s, f = words(short), words(full)
    return len(f) > len(s) and [w.casefold() for w in f[-len(s):]] == [w.casefold() for w in s]


class CorpusPeople:
    """The corpus's full person names with their counts, indexed by first and by last word (casefolded),
    so a short form is looked up instead of compared with every person of the corpus."""

    def __init__(self, counts: Counter):
        self.counts = counts
        self.by_first: dict[str, Counter] = defaultdict(Counter)
        self.by_last: dict[str, Counter] = defaultdict(Counter)
        for name, k in counts.items():
            parts = words(name)
            if parts:
                self.by_first[parts[0].casefold()][name] = k
            if len(parts) > 1:
                self.by_last[parts[-1].casefold()][name] = k

    def with_first_and_last(self, first: str, surnames: set[str]) -> Counter:
        """Names whose first word is ``first`` and whose last word is one of ``surnames`` (casefolded)."""
        return Counter({n: k for n, k in self.by_first.get(first.casefold(), Counter()).items()
                        if words(n)[-1].casefold() in surnames})

    def ending_with(self, surname: str) -> Counter:
        """Names of two or more words whose last word is ``surname``."""
        return Counter(self.by_last.get(surname.casefold(), Counter()))


def by_short_form(cands: list[Candidate], by_doc: dict[str, list[Candidate]], corpus_person: CorpusPeople,
                  lexicon: Lexicon) -> None:
    """A surname or short form of a full name: in the same article first, then in the corpus."""
    doc_names = DocNames(by_doc, lexicon)
    last_words: dict[str, dict[str, list[Candidate]]] = {}
    spacy_labels: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (doc, name) -> spaCy's labels
    for c in cands:
        spacy_labels[(c.doc_id, c.canonical or c.text)][c.spacy_label or c.label_hint] += 1
    for c in cands:
        if c.canonical:
            continue
        parts = words(c.text)
        if not parts or not all(w[:1].isupper() for w in parts):
            continue
        before = doc_names.contribution(c)
        if len(parts) <= 2 and c.spacy_label in SHORT_FORM_LABELS and _person_short_form(
                c, parts, _by_last_word(last_words, c.doc_id, by_doc), doc_names.names(c.doc_id, True),
                corpus_person, lexicon):
            doc_names.recount(c, before)
            continue
        if len(parts) >= 2 and c.spacy_label in ("ORG", "LAW"):
            same = sorted(n for n in doc_names.names(c.doc_id, False) if _suffix_of(c.text, n))
            if len(same) == 1:
                c.canonical, c.method = same[0], "same_article_fullname"
                doc_names.recount(c, before)
        elif len(parts) == 1 and _org_short_form(c, parts[0], doc_names.names(c.doc_id, False), lexicon,
                                                 lambda n: spacy_labels[(c.doc_id, n)]):
            doc_names.recount(c, before)


def _by_last_word(index: dict[str, dict[str, list[Candidate]]], doc_id: str,
                  by_doc: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """The article's two- and three-word candidates grouped by their last word (built once per article)."""
    if doc_id not in index:
        groups: dict[str, list[Candidate]] = defaultdict(list)
        for o in by_doc[doc_id]:
            parts = words(o.text)
            if 2 <= len(parts) <= 3:
                groups[parts[-1]].append(o)
        index[doc_id] = groups
    return index[doc_id]


def _person_short_form(c: Candidate, parts: list[str], by_last_word: dict[str, list[Candidate]],
                       doc_people: Counter, corpus_person: CorpusPeople, lexicon: Lexicon) -> bool:
    """Resolve a person's short form; True when resolved. ``by_last_word``: the article's two- and three-word
    candidates by their last word; ``doc_people``: the article's person names and counts."""
    same = Counter({n: k for n, k in doc_people.items() if _suffix_of(c.text, n)})
    pick = dominant(same, corpus_person.counts)
    if pick:
        c.canonical, c.method = pick, "same_article_fullname"
        if len(same) > 1:
            c.extra["detail"] = f"most named of {len(same)} full names"
        return True
    if not same and c.spacy_label == "PERSON" and len(parts) == 1:
        # the full name was given but mislabelled ("Alan Dunmore" as ORG): a capitalised
        # two- or three-word name ending with this surname, no organisation head word
        loose = sorted({o.text for o in by_last_word.get(parts[0], ())
                        if o.canonical is None and o.spacy_label in ("ORG", "GPE", "FAC", "WORK_OF_ART")
                        and all(w[:1].isupper() for w in words(o.text))
                        and parts[0].lower() not in lexicon.organisation_heads})
        if len(loose) == 1:
            c.canonical, c.method = loose[0], "same_article_fullname"
            c.extra["detail"] = "full name labelled otherwise by spaCy"
            return True
    if not same and len(parts) == 1:
        # a first name used alone ("Susan") for the one person of the article with that first name
        first = Counter({n: k for n, k in doc_people.items() if words(n)[0].casefold() == parts[0].casefold()})
        if not first and len(parts[0]) >= FUZZY_FIRST_NAME_CHARS:  # the article's own variant ("Jonathon")
            first = Counter({n: k for n, k in doc_people.items()
                             if Levenshtein.distance(words(n)[0].casefold(), parts[0].casefold()) == 1
                             and words(n)[0][:1] == parts[0][:1]})
        pick = dominant(first, corpus_person.counts)
        if pick:
            c.canonical, c.method = pick, "same_article_firstname"
            c.extra["detail"] = "first name of a person named in the article"
            return True
        # a relative of a person of the article: the one person of the corpus with this first name whose
        # surname the article names ("Susan" in an article on Tom Whitfield -> Susan Whitfield)
        surnames = {words(n)[-1].casefold() for n in doc_people}
        kin = corpus_person.with_first_and_last(parts[0], surnames)
        pick = dominant(kin, Counter())
        if pick:
            c.canonical, c.method = pick, "corpus_firstname"
            c.extra["detail"] = "first name of a person of the corpus whose surname the article names"
            return True
    if not same and len(parts) == 1 and c.spacy_label in ("PERSON", "WORK_OF_ART"):
        # only a one-word surname looks across articles: a two-word name is a full name of its own
        many = corpus_person.ending_with(parts[0])
        pick = dominant(many, Counter())
        if pick:
            c.canonical, c.method = pick, "corpus_fullname"
            if len(many) > 1:
                c.extra["detail"] = f"most named of {len(many)} full names"
            return True
    return False


def _org_short_form(c: Candidate, word: str, doc_long: Counter, lexicon: Lexicon, labels_of) -> bool:
    """A one-word short form of the one organisation of the article whose name starts or ends with it
    ("the Ledger" for the Daily Ledger, "Tessaro" for Tessaro Freight); for a first word, not a place
    ("Albany" is not the Albany Herald) nor a generic organisation word."""
    low = word.casefold()
    if low in lexicon.determiners or not word[:1].isupper():
        return False
    orgs = [n for n in doc_long if _long_label(n, lexicon, labels_of(n)) == "ORG"]
    last = sorted({n for n in orgs if words(n)[-1].casefold() == low and len(words(n)) >= 2
                   and words(n)[-2].casefold() not in lexicon.connectors})  # "Council of Korvath" ends in a place
    first = sorted({n for n in orgs if words(n)[0].casefold() == low and len(words(n)) >= 2})
    if c.spacy_label in ("GPE", "LOC", "NORP") or c.source == "dateline" or low in lexicon.organisation_heads:
        first = []
    if c.spacy_label in ("GPE", "LOC", "NORP") or c.source == "dateline":
        last = []
    hits = last if last else first
    if len(set(hits)) != 1 or (last and first and set(last) != set(first)):
        return False
    c.canonical, c.method = hits[0], "same_article_shortname"
    c.extra["detail"] = ("last" if last else "first") + " word of an organisation named in the article"
    return True


def _long_label(name: str, lexicon: Lexicon, spacy_labels: Counter) -> str | None:
    """ORG for a long name that is an organisation: the alias table's type, an organisation word at
    its end, else spaCy's most frequent label for it."""
    if name in lexicon.entries:
        return lexicon.entries[name].label
    if words(name)[-1].casefold() in lexicon.organisation_heads:
        return "ORG"
    ranked = sorted(spacy_labels, key=lambda lab: (-spacy_labels[lab], str(lab)))
    return ranked[0] if ranked else None


def dominant(counts: Counter, tiebreak: Counter) -> str | None:
    """The name named strictly most often (ties broken by ``tiebreak`` counts), else None."""
    if not counts:
        return None
    ranked = sorted(counts, key=lambda n: (-counts[n], -tiebreak[n], n))
    if len(ranked) == 1:
        return ranked[0]
    a, b = ranked[0], ranked[1]
    if (counts[a], tiebreak[a]) > (counts[b], tiebreak[b]):
        return a
    return None


def follow_chains(cands: list[Candidate], known: dict[str, str], lexicon: Lexicon) -> None:
    """A short form resolved to a full name that was itself merged elsewhere takes the final name."""
    remap: dict[str, str] = {}
    for c in cands:
        if c.canonical and len(words(c.text)) >= 2 and lexicon.key(c.text) != lexicon.key(c.canonical):
            remap.setdefault(lexicon.key(c.text), c.canonical)
    for key, target in known.items():
        if key != lexicon.key(target):
            remap.setdefault(key, target)
    for c in cands:
        seen = set()
        while c.canonical and lexicon.key(c.canonical) in remap and c.canonical not in seen:
            seen.add(c.canonical)
            nxt = remap[lexicon.key(c.canonical)]
            if lexicon.key(nxt) == lexicon.key(c.canonical):
                break
            c.canonical = nxt


def group_key(c: Candidate, lexicon: Lexicon) -> str:
    """Surface grouping key: the comparison key without its spaces, a NORP (or cut) plural in "-ans" or
    "-ies" made singular."""
    key = lexicon.key(c.text)
    if (c.spacy_label == "NORP" or c.extra.get("cut")) and key.endswith("ans") and " " not in key:
        key = key[:-1]
    if c.spacy_label == "NORP" and key.endswith("ies") and len(key) > 4 and " " not in key:
        key = key[:-3] + "y"  # "Tories" -> tory
    return key.replace(" ", "")  # one name however it is spaced: a company written solid or in two words


def by_surface(cands: list[Candidate], lexicon: Lexicon) -> None:
    """The rest: the cleaned surface, grouped case- and dot-insensitively (most frequent spelling
    names the group); NORP plurals to singular ("Germans" -> German)."""
    surface_groups: dict[str, Counter] = defaultdict(Counter)
    group_norp: dict[str, bool] = defaultdict(bool)
    for c in cands:
        if not c.canonical:
            surface_groups[group_key(c, lexicon)][c.text] += 1
            group_norp[group_key(c, lexicon)] |= c.spacy_label == "NORP"
    group_name = {}
    for key, group in surface_groups.items():
        name = sorted(group, key=lambda t: (-group[t], -len(t), t))[0]
        if group_norp[key] and name.endswith("ans"):
            name = name[:-1]
        if group_norp[key] and name.endswith("ies") and key.endswith("y"):
            name = name[:-3] + "y"
        group_name[key] = name
    for c in cands:
        if not c.canonical:
            c.canonical = group_name[group_key(c, lexicon)]
            c.method = "surface" if lexicon.key(c.text) == lexicon.key(c.canonical) else "normalised"
