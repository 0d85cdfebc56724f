import datetime

from django.utils import timezone

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
