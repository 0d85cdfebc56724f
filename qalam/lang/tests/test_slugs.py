import json
import re

import pytest

from qalam.lang.slugs import latin_slug, transliterate
from qalam.lang.widgets import LatinSlugInput


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Перспективы партнерства", "perspektivy-partnerstva"),
        ("Щедрый урожай — 2026!", "shchedryi-urozhai-2026"),
        ("Президенттің Түркістанға сапары", "prezidenttin-turkistanga-sapary"),
        (
            "Қазақстан мен Түркіменстан: ұзақ мерзімді әріптестік",
            "kazakstan-men-turkimenstan-uzak-merzimdi-ariptestik",
        ),
        ("Ёлка и объявления", "elka-i-obyavleniya"),
        ("Prospects of partnership", "prospects-of-partnership"),
        ("«»—!?", "article"),
    ],
)
def test_titles_become_readable_latin_slugs(title, slug):
    assert latin_slug(title) == slug


def test_slug_is_at_most_80_characters_and_ends_cleanly():
    slug = latin_slug("Очень " * 40)
    assert len(slug) <= 80 and not slug.endswith("-")


RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KAZAKH = "әғқңөұүһі"


def test_the_admin_slug_field_is_handed_the_same_spelling_of_every_letter():
    """The slug field's formatters (the table the admin's JavaScript applies) are made from
    lang/slugs.py: each Russian and Kazakh letter, in both cases, is replaced by the Latin
    latin_slug writes for it. test_slugs_in_the_admin runs them in Chromium."""
    formatters = json.loads(LatinSlugInput().attrs["data-w-slug-formatters-value"])
    spelling = {}
    for (pattern, _flags), latin in formatters:
        if letters := re.fullmatch(r"\[([^\^\]]+)\]", pattern):
            spelling.update(dict.fromkeys(letters[1], latin))
    for letter in RUSSIAN + KAZAKH:
        assert spelling[letter] == spelling[letter.upper()] == transliterate(letter), letter
