"""What the article editor's form sends, for the tests that post it: every panel's formset
in one place, so a feature that adds an inline panel to stories (Telegram's choice) is
added here once, not in each test."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def editor_form(title, slug, lead="", body=(), authors=(), tags="", telegram=(), **fields):
    """`body`: (block type, value) pairs; `authors`, `telegram`: the formsets' rows."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": lead,
            "body": streamfield(list(body)),
            "article_authors": inline_formset(list(authors)),
            "tags": tags,
            "related_pins": inline_formset([]),
            "related_exclusions": inline_formset([]),
            "telegram_choice": inline_formset(list(telegram)),
            **fields,
        }
    )
