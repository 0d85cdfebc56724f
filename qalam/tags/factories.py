import factory

from .models import Tag


class TagFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"тема {n}")

    class Meta:
        model = Tag
        django_get_or_create = ["name"]
