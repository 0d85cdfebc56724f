import pytest

from qalam.lang.slugs import latin_slug


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
