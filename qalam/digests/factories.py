import factory

from .models import Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "ru"
    status = Subscriber.Status.ACTIVE

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def rubrics(self, create, rubrics, **kwargs):
        if rubrics:
            self.rubrics.set(rubrics)
