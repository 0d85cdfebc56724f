"""Word forms of Russian, Kazakh and English for search. Every word becomes the set of
terms it should be found by: its surface form and its dictionary forms, so «Токаеву»,
«Токаева» and «Токаевым» share «токаев», and «президентке» and «Президентінің» share
«президент». An article is analysed in its own language; a query in all three, since
readers do not say which language they type in.

- Russian: pymorphy3 with its Russian dictionaries, the normal forms of *all* parses (a
  surname is also a first name's form), ё read as е.
- Kazakh: Hunspell's Kazakh dictionary (Debian's hunspell-kk, read by libhunspell, or by
  spylls where the library is missing: `hunspell.py`) for stems; its stems stop early
  (президенті), so known endings are stripped after it, and from words it does not know.
- English: Snowball (PyStemmer).
"""

import functools
import logging
import re
from pathlib import Path

logger = logging.getLogger("qalam.lang")

LANGUAGES = ("ru", "kk", "en")
KAZAKH_DICTIONARY = Path("/usr/share/hunspell/kk_KZ")
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
KAZAKH_LETTERS = set("әғқңөұүһі")
MIN_STEM = 3
# A one-letter ending is taken off long stems only: бала is a word, not бал + а.
MIN_STEM_BEFORE_LETTER = 5

# Kazakh endings, longest first: case, possessive and plural, which stack in that order
# from the end of a word (кітап-тар-ымыз-да).
KAZAKH_ENDINGS = sorted(
    {
        # case
        "ның", "нің", "дың", "дің", "тың", "тің",  # genitive
        "ға", "ге", "қа", "ке", "на", "не",  # dative
        "ны", "ні", "ды", "ді", "ты", "ті",  # accusative
        "да", "де", "та", "те", "нда", "нде",  # locative
        "дан", "ден", "тан", "тен", "нан", "нен",  # ablative
        "мен", "бен", "пен", "менен", "бенен", "пенен",  # instrumental
        "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",  # locative-attributive
        # possessive
        "ым", "ім", "ың", "ің", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі",
        "ымыз", "іміз", "мыз", "міз",
        # plural
        "лар", "лер", "дар", "дер", "тар", "тер",
    },
    key=len,
    reverse=True,
)  # fmt: skip
# One-letter endings (possessive ы/і, dative а/е, accusative н …) count only when the
# dictionary confirms what remains: alone they would eat into too many roots.
KAZAKH_SHORT_ENDINGS = ("ы", "і", "а", "е", "н", "ң", "м")


def words(text):
    """Lower-case words of a text, ё read as е; hyphenated words also give their parts."""
    for match in WORD.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        yield word
        if "-" in word:
            yield from word.split("-")


def terms(text, language):
    """Index terms of a text written in `language`."""
    analyse = ANALYSERS[language]
    return [term for word in words(text) for term in sorted(analyse(word))]


def query_terms(text):
    """Terms of a query in every language, per word: a list of sets, one for each word."""
    return [set().union(*(ANALYSERS[lang](word) for lang in LANGUAGES)) for word in words(text)]


@functools.lru_cache(maxsize=100_000)
def russian(word):
    forms = {word}
    if _is_cyrillic(word):
        forms |= {parse.normal_form.replace("ё", "е") for parse in _morph().parse(word)}
    return frozenset(forms)


@functools.lru_cache(maxsize=100_000)
def kazakh(word):
    forms = {word}
    if not _is_cyrillic(word):
        return frozenset(forms)
    dictionary = _kazakh_dictionary()
    stems = {word}
    if dictionary is not None:
        stems |= dictionary.stems(word)
    for stem in stems:
        forms.add(stem)
        forms.add(_strip_kazakh(stem, dictionary))
    return frozenset(forms)


@functools.lru_cache(maxsize=100_000)
def english(word):
    if _is_cyrillic(word):
        return frozenset({word})
    return frozenset({word, _stemmer().stemWord(word)})


ANALYSERS = {"ru": russian, "kk": kazakh, "en": english}


def _strip_kazakh(word, dictionary):
    """The root under a Kazakh word's case, possessive and plural endings: the shortest
    the dictionary knows among the ways of stripping up to three endings. A word the
    dictionary cannot confirm loses only its longest ending, so unknown names and loan
    words are not cut to pieces."""
    candidates = _stripped(word, depth=3)
    if dictionary is not None:
        known = [candidate for candidate in candidates if dictionary.knows(candidate)]
        if known:
            return min(known, key=len)
    for ending in KAZAKH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


# A voiced consonant before a vowel ending is the root's voiceless one: мектеп → мектебі.
VOICING = {"б": "п", "г": "к", "ғ": "қ"}


def _stripped(word, depth):
    """The word and what remains of it after stripping 1 to `depth` endings, with a root's
    final consonant unvoiced again where a vowel ending voiced it."""
    found = {word}
    if word[-1:] in VOICING:
        found.add(word[:-1] + VOICING[word[-1]])
    if depth:
        for ending in KAZAKH_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                found |= _stripped(word[: -len(ending)], depth - 1)
        for ending in KAZAKH_SHORT_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_BEFORE_LETTER:
                found |= _stripped(word[: -len(ending)], depth - 1)
    return found


def _is_cyrillic(word):
    return any("а" <= char <= "я" or char in KAZAKH_LETTERS for char in word)


@functools.cache
def _morph():
    import pymorphy3

    # Every parse's normal form is a term, in no order, so the estimator that ranks parses by
    # likelihood is not loaded, sparing its memory in every process (docs/performance.md).
    return pymorphy3.MorphAnalyzer(lang="ru", probability_estimator_cls=None)


@functools.cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@functools.cache
def _kazakh_dictionary():
    if not KAZAKH_DICTIONARY.with_suffix(".dic").exists():
        logger.warning(
            "Kazakh Hunspell dictionary not found at %s (apt-get install hunspell-kk): "
            "Kazakh words are stemmed by stripping endings only",
            KAZAKH_DICTIONARY,
        )
        return None
    from . import hunspell

    return hunspell.load(KAZAKH_DICTIONARY)
