import datetime

from django.utils import timezone

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

import factory
import wagtail_factories

from .models import ArticleAuthor, ArticlePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Новость номер {n}")
    slug = factory.Sequence(lambda n: f"novost-{n}")
    lead = "Президент провёл встречу в Туркестане."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Стороны обсудили сотрудничество в газовой отрасли.</p>")]
    )
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(hours=n + 1)
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if names:
            self.tags.set(names)
            self.save_revision().publish() if self.live else self.save()

    @factory.post_generation
    def authors(self, create, authors, **kwargs):
        for order, author in enumerate(authors or []):
            ArticleAuthor.objects.create(page=self, author=author, sort_order=order)
        if authors and self.live:
            self.save_revision().publish()  # as an editor's publish would, which reindexes


def every_block(image):
    """A body with one block of each kind, for render tests; the embed as its provider
    answered, so nothing is fetched."""
    Embed.objects.create(
        hash=get_embed_hash("https://www.youtube.com/watch?v=qalam"),
        url="https://www.youtube.com/watch?v=qalam",
        max_width=None,
        type="video",
        html='<iframe title="Видео" src="https://www.youtube.com/embed/qalam"></iframe>',
    )
    return [
        ("paragraph", RichText('<p>Стороны обсудили <b>газовую</b> <a href="/">отрасль</a>.</p>')),
        ("subheading", "Транспортные коридоры"),
        ("quote", {"text": "Отрадно, что сотрудничество развивается", "attribution": "Президент"}),
        ("photo", {"image": image, "caption": "", "credit": ""}),
        ("embed", "https://www.youtube.com/watch?v=qalam"),
        (
            "table",
            {
                "data": [["Проект", "Сумма"], ["Индустриальный парк", "36,5 млрд тенге"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Инвестиции",
            },
        ),
    ]
