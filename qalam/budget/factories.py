import datetime

from django.utils import timezone

import factory

from .models import PlannedStory, Status


class PlannedStoryFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Тема дня номер {n}")
    status = Status.IDEA
    slot_date = factory.LazyFunction(timezone.localdate)
    slot_time = datetime.time(12, 0)

    class Meta:
        model = PlannedStory
        skip_postgeneration_save = True

    @factory.post_generation
    def languages(self, create, locales, **kwargs):
        if locales:
            self.languages.set(locales)

    @factory.post_generation
    def assignees(self, create, users, **kwargs):
        if users:
            self.assignees.set(users)

    @factory.post_generation
    def stories(self, create, pages, **kwargs):
        if pages:
            self.stories.set(pages)
