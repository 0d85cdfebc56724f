"""«Did you mean …» for a query that found nothing: each word the site's vocabulary does not
know is replaced by the closest word it does know. The vocabulary is the words of live
headlines, rubric, tag and author names, the words a reader most often looks for and
mistypes. It is made in Python rather than with PostgreSQL's pg_trgm so that SQLite gives
the same suggestions, and cached for an hour."""

import difflib

from django.core.cache import cache

from qalam.lang.analysis import WORD

CACHE_KEY = "qalam:search:vocabulary"
CACHE_SECONDS = 3600
MIN_LENGTH = 3
SIMILARITY = 0.75


def vocabulary():
    words = cache.get(CACHE_KEY)
    if words is None:
        words = _collect()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def _collect():
    from qalam.articles.models import StoryPage
    from qalam.authors.models import Author
    from qalam.rubrics.models import RubricPage
    from qalam.tags.models import Tag

    names = [
        *StoryPage.objects.live().values_list("title", flat=True).iterator(chunk_size=5000),
        *RubricPage.objects.live().values_list("title", flat=True),
        *Tag.objects.values_list("name", flat=True),
        *Author.objects.values_list("name", flat=True),
    ]
    words = {}
    for name in names:
        for match in WORD.finditer(name):
            word = match.group()
            if len(word) >= MIN_LENGTH:
                # Suggested as first written, so «Токаев» keeps its capital letter.
                words.setdefault(word.lower(), word)
    return words


def suggestion(text):
    """The query with unknown words replaced by known ones, or "" when nothing changes."""
    known = vocabulary()
    changed = False
    corrected = []
    for match in WORD.finditer(text):
        word = match.group()
        lowered = word.lower()
        if len(word) < MIN_LENGTH or lowered in known:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(lowered, _neighbours(lowered, known), 1, SIMILARITY)
        if close:
            corrected.append(known[close[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def _neighbours(word, known):
    # Misspellings keep the first letter and about the length; comparing only those keeps
    # the lookup fast on a vocabulary of a hundred thousand words.
    return [
        candidate
        for candidate in known
        if candidate[0] == word[0] and abs(len(candidate) - len(word)) <= 2
    ]
