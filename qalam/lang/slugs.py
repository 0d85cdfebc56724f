"""Readable Latin slugs for Russian, Kazakh and English titles."""

from django.utils.text import slugify

from anyascii import anyascii

# Russian and Kazakh letters whose generic transliteration reads badly in a URL.
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ь": "", "ы": "y", "э": "e", "ю": "yu", "я": "ya", "й": "i", "ё": "e",
        "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
        "і": "i",
    }
)  # fmt: skip

# Unicode's Cyrillic block and its supplement: every letter a headline may hold.
CYRILLIC = range(0x0400, 0x0530)


def transliterate(text):
    """Latin letters for `text`: the table above, then anyascii for everything else."""
    return anyascii(text.lower().translate(CYRILLIC_TO_LATIN))


def latin_slug(text, max_length=80):
    """«Перспективы партнерства» → «perspektivy-partnerstva»."""
    slug = slugify(transliterate(text))[:max_length].strip("-")
    return slug or "article"


def cyrillic_letters():
    """Each Latin spelling and the Cyrillic letters, both cases, that `transliterate`
    writes with it: the table the admin's slug field is given (lang/widgets.py)."""
    spellings = {}
    for letter in map(chr, CYRILLIC):
        if letter.isalpha():
            spellings.setdefault(transliterate(letter), []).append(letter)
    return spellings


def free_slug(base, taken):
    """`base`, or the first of `base-2`, `base-3`… that is not in `taken`: for slugs that
    are not a parent page's children in the database (Wagtail's find_available_slug
    covers those), such as a batch being written or the authors."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
