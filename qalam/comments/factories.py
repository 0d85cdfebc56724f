import factory

from qalam.articles.factories import ArticlePageFactory

from .models import Block, Comment, Status


class CommentFactory(factory.django.DjangoModelFactory):
    article = factory.SubFactory(ArticlePageFactory)
    author_name = factory.Sequence(lambda n: f"Читатель {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.kz")
    text = "Хорошая новость, спасибо."
    status = Status.APPROVED

    class Meta:
        model = Comment


class BlockFactory(factory.django.DjangoModelFactory):
    kind = Block.Kind.EMAIL
    value = factory.Sequence(lambda n: f"blocked{n}@example.kz")

    class Meta:
        model = Block
