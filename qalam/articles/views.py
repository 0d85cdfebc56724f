"""An edition's articles by author and by tag. Authors and tags are things, not pages in the
tree, so their pages are these views, under the edition's language prefix."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from qalam.authors.models import Author
from qalam.tags.models import Tag

from .listing import paginate
from .models import StoryPage


def listing(request, template, context, articles):
    articles = articles.in_language(get_language()).newest_first().for_listing()
    return render(request, template, {**context, "articles": paginate(request, articles)})


def author_page(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = StoryPage.objects.published().by_author(author)
    return listing(request, "pages/author_page.html", {"author": author}, articles)


def corrections_page(request):
    """The edition's corrected stories, each with what was put right: a reader can see what
    the newsroom changed after publication."""
    stories = StoryPage.objects.published().in_language(get_language()).corrected()
    stories = stories.defer_streamfields().select_related("locale")
    return render(request, "pages/corrections_page.html", {"stories": paginate(request, stories)})


def tag_page(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = StoryPage.objects.published().tagged(tag)
    return listing(request, "pages/tag_page.html", {"tag": tag}, articles)
