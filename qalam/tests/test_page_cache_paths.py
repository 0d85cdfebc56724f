"""A publish outdates the copies of the addresses that show the story, every query string,
encoding and language of them, and no other: an archive article's copy stays a hit. A change
every page shows (the menu, the site's settings) outdates them all (core/pagecache.py,
core/purge.py, docs/caching.md)."""

import datetime

from django.core.cache import cache
from django.utils import timezone

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core import pagecache
from qalam.core.factories import EditionSettingsFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.QALAM_PAGE_CACHE = True


@pytest.fixture
def newsroom(rubric, home):
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    archived = ArticlePageFactory(
        parent=sport,
        title="Футбольный клуб сменил тренера",
        lead="Главный тренер покинул клуб после поражения в финале кубка.",
        body=[("paragraph", "<p>Новый тренер подписал контракт на два сезона.</p>")],
        tags=["футбол"],
        first_published_at=timezone.now() - datetime.timedelta(days=400),
    )
    story = ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос", tags=["зерно"])
    return {"story": story, "archived": archived, "sport": sport}


def state(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response["X-Qalam-Cache"]


def warm(client, urls, **headers):
    for url in urls:
        state(client, url, **headers)
        assert state(client, url, **headers) == "hit", url


def showing_the_story(story):
    return {
        "story": story.url,
        "rubric": "/ofitsialno/",
        "home": "/",
        "tag": story.get_tags()[0].get_absolute_url(),
        "feed": "/feeds/rss/",
        "rubric feed": "/feeds/rubric/ofitsialno/atom/",
        "search": "/search/?q=зерно",
        "search in Kazakh": "/kk/search/?q=зерно",
        "sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
    }


def elsewhere(newsroom):
    return {
        "archived story": newsroom["archived"].url,
        "its rubric": newsroom["sport"].url,
        "its tag": newsroom["archived"].get_tags()[0].get_absolute_url(),
        "the Kazakh edition's home": "/kk/",
    }


def test_a_publish_outdates_the_pages_showing_the_story_and_no_other(client, newsroom, change):
    story = newsroom["story"]
    showing, others = showing_the_story(story), elsewhere(newsroom)
    warm(client, [*showing.values(), *others.values()])
    story.title = "Экспорт зерна вырос вдвое"
    change(story.save_revision().publish)
    for kind, url in showing.items():
        assert state(client, url) == "miss", f"{kind} ({url}) was not outdated"
    for kind, url in others.items():
        assert state(client, url) == "hit", f"{kind} ({url}) was outdated"
    assert "вырос вдвое" in client.get(story.url).content.decode()


def test_every_query_string_encoding_and_language_of_a_path_goes(client, newsroom, change):
    story = newsroom["story"]
    variants = ["/ofitsialno/?page=2", "/ofitsialno/?page=3", "/search/?q=экспорт&page=2"]
    warm(client, variants)
    warm(client, variants, **GZIP)
    change(story.save_revision().publish)
    for url in variants:
        assert state(client, url) == "miss", url
        assert state(client, url, **GZIP) == "miss", f"{url}, gzip"
    # The same query string on a path that does not show the story keeps its copy.
    assert state(client, "/sport/?page=2") == "miss"
    assert state(client, "/sport/?page=2") == "hit"


def test_unpublishing_outdates_the_pages_that_showed_the_story(client, newsroom, change):
    story = newsroom["story"]
    archived = newsroom["archived"].url
    warm(client, ["/ofitsialno/", "/", archived])
    change(story.unpublish)
    for url in ("/ofitsialno/", "/"):
        assert "Экспорт зерна вырос" not in client.get(url).content.decode(), url
    assert state(client, archived) == "hit"


def test_the_editions_texts_outdate_every_page(client, newsroom, change):
    pages = [*showing_the_story(newsroom["story"]).values(), *elsewhere(newsroom).values()]
    texts = EditionSettingsFactory(tagline="Новости страны")
    warm(client, pages)
    texts.tagline = "Новости страны и мира"
    change(texts.save)
    for url in pages:
        assert state(client, url) == "miss", url
    assert "Новости страны и мира" in client.get(newsroom["archived"].url).content.decode()


def test_a_rubric_renamed_in_the_menu_outdates_every_page(client, newsroom, change):
    archived = newsroom["archived"].url
    warm(client, [archived, "/kk/"])
    rubric = newsroom["story"].get_parent().specific
    rubric.title = "Официальная хроника"
    change(rubric.save_revision().publish)
    assert state(client, archived) == "miss"
    assert state(client, "/kk/") == "miss"
    assert "Официальная хроника" in client.get(archived).content.decode()


def test_an_approved_comment_outdates_its_article_only(client, newsroom, change):
    from qalam.comments.factories import CommentFactory

    story, archived = newsroom["story"], newsroom["archived"].url
    warm(client, [story.url, f"{story.url}?comments=2", archived])
    change(lambda: CommentFactory(article=story, text="Хорошая новость"))
    assert state(client, story.url) == "miss"
    assert state(client, f"{story.url}?comments=2") == "miss"
    assert state(client, archived) == "hit"


def test_a_lost_path_stamp_outdates_its_copies_and_never_brings_older_ones_back(
    client, newsroom, change
):
    url = newsroom["archived"].url
    warm(client, [url])
    cache.delete(pagecache.path_stamp_key(url))
    assert state(client, url) == "miss"
    assert state(client, url) == "hit"
    # A purge, then its stamp lost too: the copy made before the purge stays outdated.
    change(lambda: pagecache.forget_paths([url]))
    cache.delete(pagecache.path_stamp_key(url))
    assert state(client, url) == "miss"


def test_a_new_story_outdates_the_articles_whose_related_list_it_enters(
    client, newsroom, rubric, change
):
    """The related task lists the new story in the older one's «Статьи по теме», and
    outdates that article's copy; the archive article's stays."""
    older, archived = newsroom["story"], newsroom["archived"].url
    warm(client, [older.url, archived])
    fresh = change(
        lambda: ArticlePageFactory(parent=rubric, title="Экспорт зерна: итоги года", tags=["зерно"])
    )
    assert state(client, older.url) == "miss"
    assert "Экспорт зерна: итоги года" in client.get(older.url).content.decode()
    assert state(client, archived) == "hit"
    assert state(client, fresh.url) == "miss"


def test_the_search_pages_are_outdated_again_when_the_index_changes(client, newsroom, change):
    """In production the worker updates the index after the publish's purge: the search
    pages go again when it has."""
    from qalam.search.tasks import reindex_articles

    searches = ["/search/?q=зерно", "/en/search/?q=зерно"]
    warm(client, [*searches, newsroom["archived"].url])
    change(reindex_articles.enqueue, [newsroom["story"].pk])
    for url in searches:
        assert state(client, url) == "miss", url
    assert state(client, newsroom["archived"].url) == "hit"
