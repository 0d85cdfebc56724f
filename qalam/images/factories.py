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


def photo(**fields):
    """A landscape photo of 1280×720, wider than every rendition the pages ask for."""
    return QalamImageFactory(file__width=1280, file__height=720, **fields)
