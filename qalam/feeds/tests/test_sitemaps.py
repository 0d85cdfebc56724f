import datetime

import pytest
from lxml import etree

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.authors.factories import AuthorFactory
from qalam.feeds.sitemaps import ArticleSitemap
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


@pytest.fixture
def newsroom(homes, rubric, hours_ago):
    photo = QalamImageFactory()
    ArticlePageFactory(
        parent=rubric,
        title="Свежая",
        slug="svezhaya",
        first_published_at=hours_ago(2),
        main_image=photo,
        authors=[AuthorFactory()],
        tags=["Туркестан"],
    )
    ArticlePageFactory(
        parent=rubric, title="Вчерашняя", slug="vcherashnyaya", first_published_at=hours_ago(30)
    )
    ArticlePageFactory(
        parent=rubric, title="Давняя", slug="davnyaya", first_published_at=hours_ago(60)
    )
    ArticlePageFactory(parent=rubric, title="Черновик", slug="chernovik", live=False)
    kazakh = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(
        parent=kazakh, title="Жаңалық", slug="zhanalyk", first_published_at=hours_ago(1)
    )


def test_index_names_every_section(client, newsroom):
    locations = xml(client, "/sitemap.xml").xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert locations == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("sections", "articles", "authors", "tags")
    ]


def test_index_dates_the_articles_without_reading_each(client, newsroom, monkeypatch):
    # Django's index asks each section for its items' newest lastmod, by default item by
    # item: every article with its photo. Qalam's reads the one newest publication.
    published = ArticlePage.objects.live().filter(last_published_at__isnull=False)
    newest = published.order_by("-last_published_at").first()
    lastmods = []
    monkeypatch.setattr(
        ArticleSitemap, "lastmod", lambda self, article: lastmods.append(article) or None
    )

    index = xml(client, "/sitemap.xml")

    dated = index.xpath(
        "//sm:sitemap[sm:loc='http://testserver/sitemap-articles.xml']/sm:lastmod/text()",
        namespaces=NS,
    )
    assert [datetime.datetime.fromisoformat(value) for value in dated] == [newest.last_published_at]
    assert lastmods == []


def test_article_sitemap_lists_live_articles_of_every_edition_with_photos(client, newsroom):
    root = xml(client, "/sitemap-articles.xml")
    locations = root.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    assert locations == [
        "http://testserver/kk/resmi/zhanalyk/",
        "http://testserver/ofitsialno/svezhaya/",
        "http://testserver/ofitsialno/vcherashnyaya/",
        "http://testserver/ofitsialno/davnyaya/",
    ]
    assert all(root.xpath("//sm:url/sm:lastmod/text()", namespaces=NS))
    images = root.xpath(
        "//sm:url[sm:loc='http://testserver/ofitsialno/svezhaya/']/image:image/image:loc/text()",
        namespaces=NS,
    )
    assert len(images) == 1 and images[0].startswith("http://testserver/media/images/")


def test_large_sections_are_split_into_files(client, newsroom, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    index = xml(client, "/sitemap.xml").xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert "http://testserver/sitemap-articles.xml?p=2" in index
    second = xml(client, "/sitemap-articles.xml?p=2").xpath("//sm:url/sm:loc/text()", namespaces=NS)
    assert second == ["http://testserver/ofitsialno/davnyaya/"]


def test_sections_authors_and_tags(client, newsroom):
    sections = xml(client, "/sitemap-sections.xml").xpath("//sm:loc/text()", namespaces=NS)
    assert {
        "http://testserver/",
        "http://testserver/kk/",
        "http://testserver/ofitsialno/",
        "http://testserver/kk/resmi/",
    } <= set(sections)
    assert len(xml(client, "/sitemap-authors.xml").xpath("//sm:url", namespaces=NS)) == 1
    tags = xml(client, "/sitemap-tags.xml").xpath("//sm:loc/text()", namespaces=NS)
    assert tags == ["http://testserver/tags/turkestan/"]


def test_news_sitemap_holds_the_last_48_hours(client, newsroom):
    root = xml(client, "/sitemap-news.xml")
    titles = root.xpath("//news:news/news:title/text()", namespaces=NS)
    assert titles == ["Жаңалық", "Свежая", "Вчерашняя"]
    assert root.xpath("//news:publication/news:language/text()", namespaces=NS) == [
        "kk",
        "ru",
        "ru",
    ]
    assert set(root.xpath("//news:publication/news:name/text()", namespaces=NS)) == {"Qalam"}
    for published in root.xpath("//news:publication_date/text()", namespaces=NS):
        moment = datetime.datetime.fromisoformat(published)
        assert datetime.datetime.now(datetime.UTC) - moment < datetime.timedelta(hours=48)


def test_robots_txt_names_the_sitemaps(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text


def test_unchanged_sitemap_answers_304(client, newsroom):
    response = client.get("/sitemap-articles.xml")
    assert "public" in response["Cache-Control"]
    assert (
        client.get(
            "/sitemap-articles.xml", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        ).status_code
        == 304
    )


def test_an_edit_to_an_old_article_is_a_change_of_the_sitemaps(client, rubric, hours_ago):
    # The sitemaps carry every article's lastmod: the newest publication of any of them,
    # however old the article, dates the sitemap. A draft or a private article does not.
    old = ArticlePageFactory(
        parent=rubric, first_published_at=hours_ago(900), last_published_at=hours_ago(900)
    )
    ArticlePageFactory(
        parent=rubric, first_published_at=hours_ago(5), last_published_at=hours_ago(5)
    )
    draft = ArticlePageFactory(parent=rubric, live=False, last_published_at=hours_ago(-2))
    before = client.get("/sitemap-articles.xml")["Last-Modified"]
    assert draft.last_published_at > old.last_published_at

    old.title = "Архив, исправлено"
    old.save_revision().publish()

    response = client.get("/sitemap-articles.xml", HTTP_IF_MODIFIED_SINCE=before)
    assert response.status_code == 200
    assert response["Last-Modified"] != before


@pytest.mark.parametrize(
    "url", ["/sitemap-articles.xml", "/sitemap-news.xml", "/sitemap.xml", "/sitemap-tags.xml"]
)
def test_sitemap_queries_do_not_grow_with_articles(queries_for, homes, url, hours_ago):
    counts = []
    for size in (5, 40):
        for child in homes["ru"].get_children():
            child.delete()
        rubric = RubricPageFactory(parent=homes["ru"])
        for n in range(size):
            ArticlePageFactory(
                parent=rubric,
                main_image=QalamImageFactory(),
                first_published_at=hours_ago(n),
                tags=[f"тема {n}"],
            )
        counts.append(queries_for(url))
    assert counts[0] == counts[1]
