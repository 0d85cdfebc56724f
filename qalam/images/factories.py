import factory
import wagtail_factories

from .models import QalamImage


class QalamImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Фото {n}")
    caption = "Глава государства в Туркестане"
    credit = "Фото: Акорда"
    description = "Два человека пожимают руки"

    class Meta:
        model = QalamImage
