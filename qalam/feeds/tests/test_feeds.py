from django.utils import timezone

import feedparser
import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.feeds.feeds import ITEMS
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def newsroom(rubric, hours_ago):
    author = AuthorFactory(name="Айгерим Сарсенова")
    photo = QalamImageFactory(caption="Мавзолей", credit="Фото: Акорда")
    article = ArticlePageFactory(
        parent=rubric,
        title="Перспективы партнерства",
        slug="perspektivy-partnerstva",
        lead="Президент провел встречу в Туркестане.",
        first_published_at=hours_ago(1),
        main_image=photo,
        authors=[author],
        tags=["Туркменистан"],
        body=[
            ("paragraph", "<p>Стороны обсудили <b>газовую</b> отрасль.</p>"),
            (
                "quote",
                {"text": "Отрадно, что <сотрудничество> развивается", "attribution": "Президент"},
            ),
            ("photo", {"image": photo, "caption": "", "credit": ""}),
        ],
    )
    ArticlePageFactory(parent=rubric, title="Старая новость", first_published_at=hours_ago(30))
    ArticlePageFactory(parent=rubric, title="Черновик", live=False)
    return article


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_site_feed_carries_full_articles_with_absolute_links(client, newsroom, url):
    feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Перспективы партнерства", "Старая новость"]
    entry = feed.entries[0]
    assert entry.link == f"{ROOT}/ofitsialno/perspektivy-partnerstva/"
    assert entry.id == f"tag:127.0.0.1,2026:article-{newsroom.pk}"
    assert entry.author == "Айгерим Сарсенова"
    assert [tag.term for tag in entry.tags] == ["Официально"]
    assert entry.summary == "Президент провел встречу в Туркестане."
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert content.b.text == "газовую"
    assert "Отрадно, что <сотрудничество> развивается" in content.blockquote.text
    assert content.img["src"].startswith(f"{ROOT}/media/images/")
    assert "Мавзолей" in content.figcaption.text
    enclosure = entry.enclosures[0]
    assert enclosure.href.startswith(f"{ROOT}/media/images/") and int(enclosure.length) > 0
    assert enclosure.type in {"image/jpeg", "image/png"}


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_a_quote_reaches_feed_readers_as_a_quote_with_its_text_escaped(client, rubric, url):
    ArticlePageFactory(
        parent=rubric,
        body=[
            (
                "quote",
                {"text": "Первая строка <b>не жирная</b>\n\nВторая", "attribution": "<i>Глава</i>"},
            ),
            ("subheading", "<script>alert(1)</script>"),
            (
                "table",
                {
                    "data": [["<em>Год</em>", "Рост"], ["2026", "5%"]],
                    "first_row_is_table_header": True,
                },
            ),
        ],
    )
    # A reader takes content:encoded (Atom: content) as HTML and shows it.
    html = parse(client, url).entries[0].content[0].value
    shown = BeautifulSoup(html, "html.parser")
    quote = shown.blockquote
    assert [p.get_text() for p in quote.find_all("p")] == [
        "Первая строка <b>не жирная</b>",
        "Вторая",
        "— <i>Глава</i>",
    ]
    assert quote.b is None and quote.i is None and "<p>" not in quote.get_text()
    assert shown.h2.get_text() == "<script>alert(1)</script>" and shown.script is None
    assert [th.get_text() for th in shown.select("table th")] == ["<em>Год</em>", "Рост"]
    assert shown.table.em is None


def test_guid_stays_when_the_article_is_edited(client, newsroom):
    before = parse(client, "/feeds/rss/").entries[0].id
    newsroom.title, newsroom.slug = "Перспективы партнерства (дополнено)", "perspektivy-2"
    newsroom.save_revision().publish()
    entry = parse(client, "/feeds/rss/").entries[0]
    assert entry.id == before
    assert entry.link.endswith("/perspektivy-2/")


def test_feeds_of_a_rubric_a_tag_and_an_author(client, home, newsroom):
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    ArticlePageFactory(parent=sport, title="Бокс")
    author_slug = newsroom.article_authors.first().author.slug
    titles = {
        url: [entry.title for entry in parse(client, url).entries]
        for url in (
            "/feeds/rubric/sport/rss/",
            "/feeds/tag/turkmenistan/atom/",
            f"/feeds/author/{author_slug}/rss/",
        )
    }
    assert titles == {
        "/feeds/rubric/sport/rss/": ["Бокс"],
        "/feeds/tag/turkmenistan/atom/": ["Перспективы партнерства"],
        f"/feeds/author/{author_slug}/rss/": ["Перспективы партнерства"],
    }
    for missing in ("/feeds/rubric/nope/rss/", "/feeds/tag/nope/rss/", "/feeds/planet/x/rss/"):
        assert client.get(missing).status_code == 404


def test_each_edition_has_its_own_feed(client, homes, newsroom):
    kazakh = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(parent=kazakh, title="Түркістандағы кездесу")
    kk = parse(client, "/kk/feeds/rss/")
    assert [entry.title for entry in kk.entries] == ["Түркістандағы кездесу"]
    assert kk.entries[0].link.startswith(f"{ROOT}/kk/resmi/")
    assert "Түркістандағы кездесу" not in [e.title for e in parse(client, "/feeds/rss/").entries]


def test_feed_holds_the_newest_fifty(client, rubric, hours_ago):
    for n in range(ITEMS + 5):
        ArticlePageFactory(parent=rubric, title=f"Новость {n}", first_published_at=hours_ago(n))
    titles = [entry.title for entry in parse(client, "/feeds/rss/").entries]
    assert titles == [f"Новость {n}" for n in range(ITEMS)]


def test_unchanged_feed_answers_304(client, newsroom):
    response = client.get("/feeds/rss/")
    assert "public" in response["Cache-Control"] and "s-maxage=300" in response["Cache-Control"]
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert (
        client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code
        == 304
    )

    newsroom.title = "Новый заголовок"
    newsroom.last_published_at = timezone.now()
    newsroom.save_revision().publish()
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_browsers_revalidate_a_feed_and_shared_caches_keep_it(client, newsroom):
    # A reader's browser asks again every time (a 304 while nothing changed), so an edited
    # headline shows at once; a proxy keeps the feed until publishing purges it.
    response = client.get("/feeds/atom/")
    control = {d.strip() for d in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=0", "s-maxage=300"}
    again = client.get("/feeds/atom/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == response["Cache-Control"]


@pytest.mark.parametrize("leave", ["unpublish", "delete"])
def test_an_article_leaving_the_feed_changes_its_etag(client, rubric, hours_ago, leave):
    # Neither unpublishing nor deleting touches a remaining article's publication time:
    # the validator must see the list of items change.
    newest = ArticlePageFactory(parent=rubric, title="Свежая", first_published_at=hours_ago(1))
    ArticlePageFactory(parent=rubric, title="Вчерашняя", first_published_at=hours_ago(20))
    etag = client.get("/feeds/rss/")["ETag"]

    if leave == "unpublish":
        newest.unpublish()
    else:
        newest.delete()

    response = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert [entry.title for entry in feedparser.parse(response.content).entries] == ["Вчерашняя"]


def test_a_change_outside_the_feed_keeps_it_unchanged(client, rubric, hours_ago):
    for n in range(ITEMS):
        ArticlePageFactory(parent=rubric, title=f"Новость {n}", first_published_at=hours_ago(n))
    oldest = ArticlePageFactory(parent=rubric, title="Архив", first_published_at=hours_ago(500))
    etag = client.get("/feeds/rss/")["ETag"]

    oldest.title = "Архив, исправлено"
    oldest.save_revision().publish()

    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/tag/turkmenistan/rss/"])
def test_feed_queries_do_not_grow_with_its_items(queries_for, homes, url):
    counts = []
    for size in (5, 40):
        home = homes["ru"]
        for child in home.get_children():
            child.delete()
        rubric = RubricPageFactory(parent=home)
        photo = QalamImageFactory()
        author = AuthorFactory()
        for _ in range(size):
            ArticlePageFactory(
                parent=rubric,
                main_image=photo,
                authors=[author],
                tags=["Туркменистан"],
                body=[("photo", {"image": QalamImageFactory(), "caption": "", "credit": ""})],
            )
        counts.append(queries_for(url))
    assert counts[0] == counts[1]


def test_pages_advertise_their_feeds(client, newsroom):
    def alternates(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [link["href"] for link in soup.select('link[rel="alternate"][type]')]

    author = newsroom.article_authors.first().author
    assert alternates("/") == ["/feeds/rss/", "/feeds/atom/"]
    assert alternates("/ofitsialno/")[2:] == [
        "/feeds/rubric/ofitsialno/rss/",
        "/feeds/rubric/ofitsialno/atom/",
    ]
    assert alternates("/tags/turkmenistan/")[2:] == [
        "/feeds/tag/turkmenistan/rss/",
        "/feeds/tag/turkmenistan/atom/",
    ]
    assert alternates(author.get_absolute_url())[2] == f"/feeds/author/{author.slug}/rss/"


def test_an_unchanged_feed_answers_304_after_one_look_at_its_articles(
    client, homes, django_assert_num_queries
):
    etag = client.get("/feeds/rss/")["ETag"]
    # The feed's items (ids and publication times), asked once for both the ETag and the
    # Last-Modified check; the site comes from the cache with the edition.
    with django_assert_num_queries(1):
        assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize(
    ("address", "feed"),
    [
        ("/rss/", "/feeds/rss/"),
        ("/feed/", "/feeds/rss/"),
        ("/kk/rss/", "/kk/feeds/rss/"),
        ("/en/feed/", "/en/feeds/rss/"),
    ],
)
def test_the_addresses_readers_guess_lead_to_the_feed(client, homes, address, feed):
    # /feed/ is WordPress's address, already in readers' and aggregators' subscriptions.
    response = client.get(address)
    assert response.status_code == 301
    assert response["Location"] == feed
    assert client.get(feed).status_code == 200
