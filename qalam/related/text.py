"""What scoring reads of an article's text: its word forms (for the lexical score), the names
of people and places it mentions (so «Тоқаев», «Токаева» and «Tokayev» meet across
languages), and the text the language model embeds."""

import hashlib
import re
from collections import Counter

from anyascii import anyascii

from qalam.lang.analysis import ANALYSERS, words
from qalam.lang.slugs import CYRILLIC_TO_LATIN

# The model reads this much of an article: headline, lead and the start of the body carry the
# story; reading more costs time in proportion and changes little (docs/related.md).
EMBEDDED_CHARS = 1500
MAX_TERMS = 120
MIN_WORD = 3
SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s+|[«\"“(—–-]\s*)$")
NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Letters that languages spell one sound with: Қазақстан / Казахстан / Kazakhstan.
SOUNDS = [("kh", "k"), ("h", "k"), ("q", "k"), ("w", "v"), ("ph", "f"), ("dzh", "j"), ("zh", "j")]
VOWELS = re.compile(r"[aeiouy]+")
MIN_NAME_KEY = 3


def embedded_text(title, lead, body):
    return f"{title}. {lead}\n{body}"[:EMBEDDED_CHARS]


def text_hash(text):
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def terms(title, lead, body, language):
    """The article's word forms and how often each occurs, the headline counted twice."""
    analyse = ANALYSERS.get(language, ANALYSERS["ru"])
    counts = Counter()
    for text, weight in ((title, 2), (lead, 1), (body, 1)):
        for word in words(text):
            if len(word) >= MIN_WORD:
                for term in analyse(word):
                    counts[term] += weight
    return dict(counts.most_common(MAX_TERMS))


def names(title, lead, body, tags, language):
    """Keys of the capitalised words that do not start a sentence, and of every tag word:
    the names of people, places and bodies, spelt the same way in every language."""
    analyse = ANALYSERS.get(language, ANALYSERS["ru"])
    counts = Counter()
    for text in (title, lead, body):
        for match in NAME_WORD.finditer(text):
            word = match.group()
            if word[0].isupper() and not SENTENCE_START.search(text[: match.start()]):
                for part in word.split("-"):
                    if key := name_key(part, analyse):
                        counts[key] += 1
    for tag in tags:
        for part in words(tag):
            if key := name_key(part, analyse):
                counts[key] += 1
    return dict(counts)


def name_key(word, analyse):
    """«Бердымухамедовым», «Бердімұхамедов» and «Berdimuhamedov» all give «brdmkmdv»: the
    shortest dictionary form, in Latin letters, its consonants alone."""
    word = word.lower().replace("ё", "е")
    if len(word) < MIN_WORD:
        return ""
    lemma = min(analyse(word), key=lambda form: (len(form), form))
    latin = anyascii(lemma.translate(CYRILLIC_TO_LATIN)).lower()
    for spelling, sound in SOUNDS:
        latin = latin.replace(spelling, sound)
    key = re.sub(r"(.)\1+", r"\1", VOWELS.sub("", latin))
    return key if len(key) >= MIN_NAME_KEY and key.isalpha() else ""
