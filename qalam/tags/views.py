from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from qalam.articles.listing import paginate
from qalam.articles.models import ArticlePage

from .models import Tag


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = (
        ArticlePage.objects.published()
        .filter(tagged_items__tag=tag)
        .in_language(get_language())
        .newest_first()
        .for_listing()
    )
    context = {"tag": tag, "articles": paginate(request, articles)}
    return render(request, "pages/tag_page.html", context)
