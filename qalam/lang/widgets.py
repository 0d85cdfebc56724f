"""The admin's slug field, proposing the slugs Qalam makes everywhere else."""

from wagtail.admin.widgets import SlugInput

from .slugs import cyrillic_letters

# Wagtail's slug field runs these replacements before its own transliteration and clean-up,
# so the letters it would spell otherwise (х → x, ц → c, й → j) are spelled as in latin_slug.
CYRILLIC_FORMATTERS = [
    (f"[{''.join(letters)}]", latin) for latin, letters in cyrillic_letters().items()
]
# Django's slugify strips hyphens and underscores off both ends, where Wagtail's would leave
# «— Кто?» a leading hyphen: what is neither a Latin letter nor a digit goes off the ends.
ENDS = [(r"^[^0-9A-Za-z\u00C0-\u024F]+", ""), (r"[^0-9A-Za-z\u00C0-\u024F]+$", "")]


class LatinSlugInput(SlugInput):
    """Wagtail's slug field with Qalam's transliteration: the slug it proposes from a
    headline as the editor types is the one `latin_slug` makes for imports and the demo."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*CYRILLIC_FORMATTERS, *ENDS, *(formatters or [])]
        super().__init__(attrs, formatters=formatters, locale=locale)
