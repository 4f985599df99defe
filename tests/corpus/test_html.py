"""HTML pages: visible text only, exact offsets for every character, one pass whatever the markup."""
from __future__ import annotations

import html
import re

from analysis.corpus import html_to_text

_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


def assert_offsets_exact(raw: str, text: str, offsets, skip_spaces: bool = False) -> None:
    """Every character is the page's character at its offset, or one the entity there decodes to.

    ``skip_spaces`` for an article's cleaned text, where odd spaces became plain ones and
    paragraphs are joined by a blank line.
    """
    assert len(offsets) == len(text)
    for i, (ch, off) in enumerate(zip(text, offsets.tolist())):
        if raw[off] == ch or skip_spaces and ch.isspace():
            continue
        if ch == "\n" and raw[off] == "<":  # a block tag's line break maps to the tag
            continue
        m = _ENTITY.match(raw, off)
        assert m and html.unescape(m.group(0)) != m.group(0) and ch in html.unescape(m.group(0)), \
            f"text[{i}] = {ch!r} but raw[{off}:] = {raw[off:off + 12]!r}"


# --------------------------------------------------------------------------- (a) unclosed script

def test_unclosed_script_never_leaks_into_the_text(make_corpus):
    page = ("<!DOCTYPE html><html><body><h1>Port strike ends</h1>"
            "<p>Dockers voted on Monday to end the strike.</p>"
            "<script>var tracker = 'SECRET-TOKEN'; if (a < b) { document.write('<p>injected</p>'); }\n"
            "<p>Text after the script tag.</p></body></html>")
    text, offsets, removed = html_to_text(page)
    assert "SECRET-TOKEN" not in text and "injected" not in text and "tracker" not in text
    assert "Dockers voted on Monday" in text
    script = page.index("<script>")
    assert {"start": script, "end": len(page), "rule": "html_markup", "text": page[script:script + 200]} in removed
    assert_offsets_exact(page, text, offsets)

    corpus = make_corpus({"page.html": page, "good.txt": "Headline\n\nA plain article about ports.\n"})
    assert corpus.doc_ids == ["good", "page"]
    article = corpus["page"]
    assert "SECRET-TOKEN" not in article.text and article.title == "Port strike ends"
    listed = corpus.removals().query("doc_id == 'page' and rule == 'html_markup'")
    assert listed.text.str.startswith("<script>var tracker").any()


def test_unclosed_style_and_comment_hide_the_rest_and_are_listed():
    page = "<html><body><p>Kept.</p><style>p { color: red } .x:after { content: 'STYLE' }"
    text, _, removed = html_to_text(page)
    assert "STYLE" not in text and "color" not in text and "Kept." in text
    page = "<html><body><p>Kept.</p><!-- editor note: COMMENT <p>draft</p>"
    text, _, removed = html_to_text(page)
    assert "COMMENT" not in text and "draft" not in text
    assert any(r["rule"] == "html_markup" and r["end"] == len(page) for r in removed)


# --------------------------------------------------------------------------- hidden elements end where a browser ends them

def test_unclosed_svg_ends_at_its_parents_end_tag_or_an_html_block():
    page = ("<html><body><div class='logo'><svg viewBox='0 0 9 9'><text>ICON LABEL</text></div>"
            "<p>The story starts here.</p><svg><path d='M0 0'><p>Second paragraph.</p></body></html>")
    text, offsets, _ = html_to_text(page)
    assert "ICON LABEL" not in text
    assert "The story starts here." in text and "Second paragraph." in text
    assert_offsets_exact(page, text, offsets)


def test_self_closed_svg_does_not_swallow_the_article():
    page = "<html><body><svg/><p>The article text.</p><svg><title>icon</title></svg><p>More text.</p></body></html>"
    text, _, _ = html_to_text(page)
    assert "The article text." in text and "More text." in text and "icon" not in text


def test_quoted_greater_than_in_an_attribute_is_not_the_end_of_the_tag():
    page = '<html><body><p><a title="a > b" href="/x">full report</a> and a < b stays text.</p></body></html>'
    text, offsets, _ = html_to_text(page)
    assert text.strip() == "full report and a < b stays text."
    assert_offsets_exact(page, text, offsets)


def test_unclosed_head_ends_at_the_first_body_content():
    page = "<html><head><title>Site name</title><meta charset=utf-8><p>Opening paragraph of the story.</p>"
    text, _, _ = html_to_text(page)
    assert text.strip() == "Opening paragraph of the story." and "Site name" not in text


# --------------------------------------------------------------------------- well-formed pages as before

def test_well_formed_page_gives_the_same_text_as_before():
    page = ("<!DOCTYPE html>\r\n<html lang=en>\r\n<head>\r\n<meta charset='utf-8'><title>Site</title>\r\n"
            "<script src=a.js></script><style>body{margin:0}</style></head>\r\n<body>\r\n"
            "<header><nav><ul><li><a href='/'>Home</a></li><li>World</li></ul></nav></header>\r\n"
            "<article><h1>Ports reopen</h1>\r\n<p class=lead>The port &amp; the rail yard reopened on "
            "<b>Monday</b>, officials said.</p>\r\n<!-- ad -->\r\n<noscript><img src=pixel></noscript>"
            "<p>&#8220;We are back,&#8221; said Ana&nbsp;Silva.<br>Trade resumed.</p>\r\n"
            "<table><tr><td>Cargo</td><td>12</td></tr></table></article>\r\n"
            "<footer>&copy; 2024 Example</footer>\r\n</body>\r\n</html>\r\n")
    text, offsets, removed = html_to_text(page)
    assert text == ("\r\n\r\n\r\n\r\n\n\n\nHome\n\nWorld\n\n\n\r\n\n\nPorts reopen\n\r\n\nThe port & the rail yard reopened "
                    "on Monday, officials said.\n\r\n\r\n\n\u201cWe are back,\u201d said Ana\u00a0Silva.\nTrade "
                    "resumed.\n\r\n\n\nCargo12\n\n\n\r\n\n\u00a9 2024 Example\n\r\n\r\n\r\n")
    assert_offsets_exact(page, text, offsets)
    assert [r["text"][:9] for r in removed] == ["<head>\r\n<", "<!-- ad -", "<noscript", "HTML docu"]


# --------------------------------------------------------------------------- (b) large pages

def _marker_is_exact(raw: str, text: str, offsets, marker: str) -> None:
    at = text.rindex(marker)
    start, end = int(offsets[at]), int(offsets[at + len(marker) - 1]) + 1
    assert raw[start:end] == marker and start == raw.rindex(marker)


def test_400kb_of_unclosed_svg_is_converted_with_exact_offsets(make_corpus):
    page = ("<html><body><p>Opening paragraph of the story.</p>"
            + "<svg><path d='M0 0 L9 9'>" * 16_000
            + "<p>The closing paragraph names the zebrafinch inquiry.</p></body></html>")
    assert len(page) > 400_000
    text, offsets, removed = html_to_text(page)
    assert text.split() == ["Opening", "paragraph", "of", "the", "story.", "The", "closing", "paragraph", "names",
                            "the", "zebrafinch", "inquiry."]
    _marker_is_exact(page, text, offsets, "zebrafinch inquiry")
    assert_offsets_exact(page, text, offsets)
    svg = page.index("<svg>")
    assert any(r["start"] == svg and r["end"] == page.index("<p>The closing") for r in removed)

    article = make_corpus({"long.html": page})["long"]
    at = article.text.index("zebrafinch")
    s, e = article.raw_span(at, at + len("zebrafinch"))
    assert page[s:e] == "zebrafinch"


def test_5mb_page_with_many_unclosed_tags_is_converted():
    unit = ("<div><p>Paragraph {i} of the council minutes &amp; notes.<span><b><i><font>"
            "<a href='/x?id={i}' title=\"a>b\">link {i}</a><svg><path d='M0'><br>"
            "<!--c--><img src=x alt='<'>tail {i} < end\n")
    parts, size, i = [], 0, 0
    while size < 4_900_000:
        part = unit.format(i=i)
        parts.append(part)
        size += len(part)
        i += 1
    page = "<html><body>" + "".join(parts) + "<p>Final zebrafinch marker.</p><div><a b='unclosed"
    text, offsets, _ = html_to_text(page)
    assert text.count("council minutes & notes.") == i
    assert text.count("link ") == i and "tail 0 < end" in text and "a>b" not in text
    _marker_is_exact(page, text, offsets, "zebrafinch marker")
    assert "unclosed" not in text  # the page ends inside a tag: that tag is not text
    tail = slice(len(text) - 2000, len(text))
    assert_offsets_exact(page, text[tail], offsets[tail])


# --------------------------------------------------------------------------- (c) entities and offsets

def test_every_character_maps_to_its_character_or_its_entity(make_corpus):
    page = ("<!doctype html><html><body><h1>Caf&eacute; &amp; bar</h1>\r\n"
            "<p>&#8220;Quoted,&#8221; she said &#x2014; twice&hellip; &lt;b&gt; is a tag&#39;s name; "
            "&bogus; and &amp without a semicolon stay as written; &#0; and &NotEqualTilde; decode.</p>\r\n"
            "<p lang='fr'>D&eacute;j&agrave; vu, A&nbsp;B.</p></body></html>")
    text, offsets, _ = html_to_text(page)
    assert "Café & bar" in text and "\u201cQuoted,\u201d she said \u2014 twice\u2026 <b> is a tag's name;" in text
    assert "&bogus; and &amp without" in text and "Déjà vu, A\u00a0B." in text
    assert "\ufffd and \u2242\u0338 decode." in text
    assert_offsets_exact(page, text, offsets)
    bogus = text.index("&bogus;")
    assert offsets[bogus:bogus + 7].tolist() == list(range(page.index("&bogus;"), page.index("&bogus;") + 7))
    eacute = text.index("é")
    assert page[int(offsets[eacute]):].startswith("&eacute;")

    article = make_corpus({"page.html": page})["page"]
    assert article.title == "Café & bar"
    assert_offsets_exact(page, article.text, article.offsets, skip_spaces=True)


def test_a_span_ending_in_a_decoded_entity_ends_after_the_whole_entity(make_corpus):
    """raw[start:end] of a quotation ending in &rdquo; holds the whole entity, not a dangling '&'."""
    page = ("<html><body><h1>Port to close</h1>"
            "<p>&ldquo;We will close the port,&rdquo; she said. Fish &amp; chips &amp;amp; more.</p></body></html>")
    article = make_corpus({"page.html": page})["page"]
    quote = "\u201cWe will close the port,\u201d"
    start = article.text.index(quote)
    a, b = article.raw_span(start, start + len(quote))
    assert page[a:b] == "&ldquo;We will close the port,&rdquo;"
    fish = article.text.index("Fish &")
    a, b = article.raw_span(fish, fish + len("Fish &"))
    assert page[a:b] == "Fish &amp;"
    literal = article.text.index("&amp; more")           # "&amp;amp;" decodes to the text "&amp;"
    a, b = article.raw_span(literal, literal + 1)
    assert page[a:b] == "&amp;"
