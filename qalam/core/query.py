from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


class NewsPageQuerySet(PageQuerySet):
    def published(self):
        """Live pages outside any private section. Wagtail's public() reads every view
        restriction first and then filters; this asks the same in one query."""
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.live().exclude(Exists(restricted))

    def in_language(self, language_code):
        return self.filter(locale__language_code=language_code)
