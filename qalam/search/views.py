from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from qalam.articles.listing import PAGE_SIZE
from qalam.articles.models import StoryPage
from qalam.rubrics.models import rubrics_of

from . import highlight, suggest
from .backends import RECENT_MATCHES
from .forms import SearchForm
from .query import MAX_QUERY_LENGTH, reader_words


def search(request):
    """The reader's search page: every article of every edition that the words find, in
    any of their forms, with the filters the reader chose."""
    form = SearchForm(request.GET)
    form.is_valid()  # an unparsable filter is shown as an error and left out
    query = form.cleaned_data.get("q", "")
    context = {
        "form": form,
        "query": query,
        "page_obj": None,
        "suggestion": "",
        "max_length": MAX_QUERY_LENGTH,
        "recent_matches": RECENT_MATCHES,
    }
    words = reader_words(query)
    if words:
        articles = form.filter(StoryPage.objects.live().public().select_related("locale"))
        if form.by_date():
            results = articles.order_by("-first_published_at").search(
                query, order_by_relevance=False
            )
        else:
            results = articles.search(query)
        # The newest RECENT_MATCHES matches are what PostgreSQL ranks; SQLite shows as many.
        page_obj = Paginator(results[:RECENT_MATCHES], PAGE_SIZE).get_page(request.GET.get("page"))
        context["page_obj"] = page_obj
        context["more_than_shown"] = page_obj.paginator.count >= RECENT_MATCHES
        context["results"] = annotate(list(page_obj), set().union(*words))
        if not page_obj.paginator.count:
            context["suggestion"] = suggest.suggestion(query)
    context["filters"] = request.GET.copy()
    context["filters"].pop("page", None)
    return TemplateResponse(request, "pages/search_page.html", context)


def annotate(articles, query_terms):
    """Each found article with its rubric, its headline marked and a snippet; the rubrics of
    a page of results in one query."""
    rubrics = rubrics_of(articles)
    language = get_language()
    results = []
    for article in articles:
        article_language = article.locale.language_code
        text = " ".join([article.lead, *_body_text(article)])
        results.append(
            {
                "article": article,
                "rubric": rubrics.get(article.rubric_path),
                "title": highlight.marked(article.title, query_terms, article_language),
                "snippet": highlight.snippet(text, query_terms, article_language),
                "language": article_language if article_language != language else "",
            }
        )
    return results


def _body_text(article):
    body = StoryPage._meta.get_field("body")
    return [str(part) for part in body.get_searchable_content(article.body)]
