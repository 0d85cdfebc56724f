from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from qalam.articles.listing import paginate
from qalam.articles.models import ArticlePage

from .models import Author


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = (
        ArticlePage.objects.published()
        .filter(article_authors__author=author)
        .in_language(get_language())
        .newest_first()
        .for_listing()
    )
    context = {"author": author, "articles": paginate(request, articles)}
    return render(request, "pages/author_page.html", context)
