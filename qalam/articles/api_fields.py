"""What the read API shows of an article's rubric and authors, with addresses a client can
follow. Nothing private: no user, no email."""

from wagtail.models import Page

from rest_framework import serializers


class RubricField(serializers.Field):
    def get_attribute(self, article):
        return article

    def to_representation(self, article):
        rubric = Page.objects.filter(path=article.rubric_path, depth__gt=2).first()
        if rubric is None:
            return None
        request = self.context["request"]
        url = request.build_absolute_uri(rubric.get_url(request))
        return {"id": rubric.pk, "title": rubric.title, "slug": rubric.slug, "url": url}


class AuthorsField(serializers.Field):
    def get_attribute(self, article):
        return article

    def to_representation(self, article):
        request = self.context["request"]
        return [
            {
                "id": link.author.pk,
                "name": link.author.name,
                "slug": link.author.slug,
                "url": request.build_absolute_uri(link.author.get_absolute_url()),
            }
            for link in article.article_authors.select_related("author")
        ]
