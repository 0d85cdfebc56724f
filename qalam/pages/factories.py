import factory
import wagtail_factories

from .models import SimplePage


class SimplePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Страница {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    class Meta:
        model = SimplePage
