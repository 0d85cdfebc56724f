"""A reader's words as a modelsearch query: every word must match (AND), each through any
of its word forms in Russian, Kazakh or English (OR)."""

import re

from modelsearch.query import And, Or, PlainText

from qalam.lang.analysis import query_terms

# Longer queries are cut here: nobody types more, and each word adds a clause.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Function words that would only narrow a query down to texts that happen to contain them.
STOP_WORDS = frozenset({
    "и", "в", "во", "на", "с", "со", "по", "о", "об", "к", "ко", "у", "за", "из", "от", "до",
    "для", "при", "не", "но", "а", "что", "как",  # ru
    "және", "мен", "бен", "пен", "да", "де", "та", "те", "ал", "үшін", "бұл",  # kk
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "is",
    "are", "was",  # en
})  # fmt: skip
TERM_PART = re.compile(r"[^\W_]+")


class Prefix(PlainText):
    """The beginning of a word, for the admin's search-as-you-type."""


def shorten(text):
    return text[:MAX_QUERY_LENGTH]


def reader_words(text):
    """The terms of each meaningful word of a query, one set a word. Function words are
    left out: alone they would find every article."""
    words = query_terms(shorten(text))
    return [terms for terms in words if not terms & STOP_WORDS][:MAX_WORDS]


def reader_query(text, prefix_last=False):
    """The query for what a reader typed, or None when it has no words."""
    words = reader_words(text)
    if not words:
        return None
    # The last word stays whatever the others: it takes the prefix below.
    kept = _narrowing([_parts(terms) for terms in words], keep_last=prefix_last)
    clauses = [PlainText(" ".join(sorted(parts)), operator="or") for parts in kept]
    if prefix_last:
        typed = TERM_PART.findall(shorten(text).lower().replace("ё", "е"))
        if typed and typed[-1] not in STOP_WORDS:
            clauses[-1] = Or([clauses[-1], Prefix(typed[-1])])
    return clauses[0] if len(clauses) == 1 else And(clauses)


def _narrowing(words, keep_last=False):
    """The words that narrow the search: a word any of whose forms another word's forms all
    belong to is implied by that word, and only costs the database another index scan.
    «Касым-Жомарт» is read as the whole and as its parts, and the whole's forms include
    «Жомарт»'s; in «встреча встречи» the second word's forms include the first's. With
    `keep_last`, the last word is neither dropped nor a reason to drop another."""
    compared, kept_last = (words[:-1], words[-1:]) if keep_last else (words, [])
    kept = [
        parts
        for index, parts in enumerate(compared)
        if not any(
            other < parts or (other == parts and other_index < index)
            for other_index, other in enumerate(compared)
            if other_index != index
        )
    ]
    return kept + kept_last


def _parts(terms):
    # The database splits hyphens and apostrophes off when it indexes; so does the query.
    return {part for term in terms for part in TERM_PART.findall(term)}
