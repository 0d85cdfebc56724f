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


def latin_slug(text, max_length=80):
    """«Перспективы партнерства» → «perspektivy-partnerstva»."""
    latin = anyascii(text.lower().translate(CYRILLIC_TO_LATIN))
    slug = slugify(latin)[:max_length].strip("-")
    return slug or "article"
