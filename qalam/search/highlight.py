"""Matched words marked in a headline and a snippet. A word is marked when one of its forms,
read in the article's language, is among the query's terms: «Токаеву» marks «Токаева»."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from qalam.lang.analysis import ANALYSERS, WORD

SNIPPET_LENGTH = 240
# How much text comes before the first match, so that the snippet starts mid-sentence gently.
LEAD_IN = 60


def matches(text, query_terms, language, start=0, end=None):
    """(start, end) of every word of `text[start:end]` that one of `query_terms` finds, in
    order, found as they are asked for: a snippet reads an article only up to its window."""
    analyse = ANALYSERS.get(language, ANALYSERS["ru"])
    for match in WORD.finditer(text, start, len(text) if end is None else end):
        word = match.group().lower().replace("ё", "е")
        parts = [word, *word.split("-")] if "-" in word else [word]
        if any(analyse(part) & query_terms for part in parts):
            yield match.span()


def marked(text, query_terms, language):
    """The whole text, escaped, with the matched words in <mark>."""
    return _render(text, list(matches(text, query_terms, language)))


def snippet(text, query_terms, language, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around its first match, escaped and marked; the
    beginning of the text when nothing matches."""
    text = " ".join(text.split())
    first = next(matches(text, query_terms, language), None)
    start = 0
    if first and first[0] > LEAD_IN:
        start = text.rfind(" ", 0, first[0] - LEAD_IN) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    window = [(a - start, b - start) for a, b in matches(text, query_terms, language, start, end)]
    body = _render(text[start:end], window)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - every piece is escaped


def _render(text, spans):
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped
