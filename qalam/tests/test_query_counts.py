"""A page costs the same small number of queries whatever the number of articles."""

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

# rubric, article, view restrictions, authors, tags, related articles, their photo renditions,
# approved comments. The site, locale and edition home come from the cache (core/routing.py).
ARTICLE_PAGE_BUDGET = 8


def build_newsroom(home, articles):
    """Two rubrics; every article with an author and tags, every other one with a photo."""
    rubrics = [RubricPageFactory(parent=home), RubricPageFactory(parent=home)]
    author = AuthorFactory()
    photo = QalamImageFactory()
    pages = [
        ArticlePageFactory(
            parent=rubrics[n % 2],
            tags=["Туркменистан", f"тема {n % 3}"],
            authors=[author],
            main_image=photo if n % 2 else None,
        )
        for n in range(articles)
    ]
    return rubrics, pages


@pytest.mark.parametrize("page", ["home", "rubric", "article", "tag", "author"])
def test_queries_do_not_grow_with_the_number_of_articles(queries_for, homes, page):
    counts = []
    for size in (5, 50):
        home = homes["ru"]
        for child in home.get_children():
            child.delete()
        rubrics, articles = build_newsroom(home, size)
        url = {
            "home": "/",
            "rubric": rubrics[0].url,
            "article": articles[-1].url,
            "tag": "/tags/turkmenistan/",
            "author": articles[0].article_authors.first().author.get_absolute_url(),
        }[page]
        counts.append(queries_for(url))
    assert counts[0] == counts[1], (
        f"{page}: {counts[0]} queries with 5 articles, {counts[1]} with 50"
    )


def test_article_page_costs_the_same_with_0_and_200_comments(queries_for, home):
    from qalam.comments.factories import CommentFactory

    rubrics, articles = build_newsroom(home, 5)
    article = articles[-1]
    counts = [queries_for(article.url)]
    top = CommentFactory.create_batch(100, article=article)
    for n, parent in enumerate(top):
        CommentFactory(article=article, parent=parent, author_name=f"Ответ {n}")
    counts.append(queries_for(article.url))
    assert counts == [counts[0], counts[0]], f"0 comments: {counts[0]}, 200: {counts[1]}"
    assert counts[0] <= ARTICLE_PAGE_BUDGET


def test_article_page_stays_within_its_query_budget(client, home, django_assert_max_num_queries):
    rubrics, articles = build_newsroom(home, 20)
    client.get(articles[3].url)
    with django_assert_max_num_queries(ARTICLE_PAGE_BUDGET):
        client.get(articles[3].url)
