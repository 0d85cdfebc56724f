import factory
import wagtail_factories

from .models import RubricPage


class RubricPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Рубрика {n}")
    slug = factory.Sequence(lambda n: f"rubric-{n}")
    show_in_menus = True

    class Meta:
        model = RubricPage
