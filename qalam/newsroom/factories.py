from django.contrib.auth import get_user_model

import factory

PASSWORD = "newsroom-pass-2026"  # noqa: S105 - the test accounts' own


class StaffFactory(factory.django.DjangoModelFactory):
    """A member of the newsroom in the given groups: `StaffFactory(groups=[group])`."""

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        if groups:
            self.groups.add(*groups)
