import factory

from .models import Author


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Автор Номер {n}")
    role = "корреспондент"
    bio = "Пишет о политике и экономике."

    class Meta:
        model = Author
