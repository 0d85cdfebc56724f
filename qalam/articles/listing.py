from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, articles, per_page=PAGE_SIZE):
    """One page of a listing; `?page=` past the end gives the last page, junk the first."""
    return Paginator(articles, per_page).get_page(request.GET.get("page"))
