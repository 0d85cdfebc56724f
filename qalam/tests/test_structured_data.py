import extruct
import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.images.factories import QalamImageFactory

pytestmark = pytest.mark.django_db

NEWS_ARTICLE_PROPERTIES = {
    "headline", "description", "datePublished", "dateModified", "author", "publisher", "image",
    "articleSection", "inLanguage", "mainEntityOfPage", "isAccessibleForFree",
}  # fmt: skip


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(
        html, base_url="http://testserver/", syntaxes=["json-ld", "opengraph"], uniform=True
    )
    return data, BeautifulSoup(html, "html.parser")


def by_type(data, kind):
    return [item for item in data["json-ld"] if item["@type"] == kind]


def test_article_carries_news_article_and_breadcrumbs(client, rubric):
    author = AuthorFactory(name="Айгерим Сарсенова")
    article = ArticlePageFactory(
        parent=rubric, title="Перспективы партнерства", lead="Президент провел встречу.",
        main_image=QalamImageFactory(), authors=[author], tags=["Туркменистан"],
    )  # fmt: skip
    data, soup = extract(client, article.url)

    (news,) = by_type(data, "NewsArticle")
    assert set(news) >= NEWS_ARTICLE_PROPERTIES
    assert news["headline"] == "Перспективы партнерства"
    assert news["description"] == "Президент провел встречу."
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Айгерим Сарсенова",
            "url": f"http://testserver{author.get_absolute_url()}",
        }
    ]
    assert (
        news["publisher"]["@type"] == "NewsMediaOrganization"
        and news["publisher"]["name"] == "Qalam"
    )
    assert news["articleSection"] == "Официально" and news["inLanguage"] == "ru"
    assert news["mainEntityOfPage"]["@id"] == f"http://testserver{article.url}"
    assert news["image"][0].startswith("http://testserver/media/images/")
    assert news["isAccessibleForFree"] is True
    (crumbs,) = by_type(data, "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Qalam",
        "Официально",
        "Перспективы партнерства",
    ]

    (og,) = data["opengraph"]
    assert og["og:title"] == "Перспективы партнерства"
    assert og["og:image"] == news["image"][0]
    assert og["article:section"] == "Официально"
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert soup.select_one('link[rel="canonical"]')["href"] == f"http://testserver{article.url}"
    assert soup.select_one('meta[name="description"]')["content"] == "Президент провел встречу."


def test_seo_description_wins_over_the_lead(client, rubric):
    article = ArticlePageFactory(parent=rubric, search_description="Коротко для поисковиков.")
    data, soup = extract(client, article.url)
    assert soup.select_one('meta[name="description"]')["content"] == "Коротко для поисковиков."
    assert by_type(data, "NewsArticle")[0]["description"] == "Коротко для поисковиков."


def test_editor_text_cannot_break_out_of_the_json_ld(client, rubric):
    article = ArticlePageFactory(parent=rubric, title="</script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    data, _ = extract(client, article.url)
    assert by_type(data, "NewsArticle")[0]["headline"] == "</script><script>alert(1)</script>"


def test_home_page_describes_the_website_and_publisher(client, home):
    data, _ = extract(client, "/")
    website = by_type(data, "WebSite")[0]
    assert website["url"] == "http://testserver/"
    action = website["potentialAction"]
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert client.get("/search/?q=test").status_code == 200
    assert by_type(data, "NewsMediaOrganization")[0]["name"] == "Qalam"


def test_listing_pages_past_the_first_are_not_indexed(client, rubric, hours_ago):
    for n in range(25):
        ArticlePageFactory(parent=rubric, first_published_at=hours_ago(n))
    _, first = extract(client, "/ofitsialno/?utm_source=x")
    _, second = extract(client, "/ofitsialno/?page=2")
    assert first.select_one('meta[name="robots"]') is None
    assert first.select_one('link[rel="canonical"]')["href"] == "http://testserver/ofitsialno/"
    assert second.select_one('meta[name="robots"]')["content"] == "noindex, follow"
    assert (
        second.select_one('link[rel="canonical"]')["href"] == "http://testserver/ofitsialno/?page=2"
    )


def test_a_correction_is_shown_and_moves_the_modification_time(client, rubric, moment):
    import datetime

    corrected = moment + datetime.timedelta(hours=3)
    article = ArticlePageFactory(
        parent=rubric,
        first_published_at=moment,
        correction="Сумма проектов была указана неверно: 36,5 млрд тенге, а не 365.",
        corrected_at=corrected,
    )
    data, soup = extract(client, article.url)
    note = soup.select_one(".article__correction")
    assert "36,5 млрд тенге" in note.text and note.time.text == "25 ноября 2026, 18:43"
    news = by_type(data, "NewsArticle")[0]
    assert datetime.datetime.fromisoformat(news["dateModified"]) == corrected
    assert datetime.datetime.fromisoformat(news["datePublished"]) == moment
    assert news["correction"]["text"].startswith("Сумма проектов")
    assert (
        soup.select_one('meta[property="article:modified_time"]')["content"]
        == "2026-11-25T18:43:00+05:00"
    )


def test_translations_are_linked_by_language_not_listed_as_related(client, homes, rubric):
    from qalam.related.refresh import refresh
    from qalam.rubrics.factories import RubricPageFactory

    russian = ArticlePageFactory(parent=rubric, title="Визит в Туркестан", tags=["Туркестан"])
    neighbour = ArticlePageFactory(parent=rubric, title="Соседняя новость")
    kazakh_rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    kazakh = ArticlePageFactory(
        parent=kazakh_rubric, title="Түркістанға сапар", translation_key=russian.translation_key
    )
    refresh([russian.pk, neighbour.pk, kazakh.pk])  # as their publication would
    _, soup = extract(client, russian.url)

    hreflangs = {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }
    assert hreflangs == {
        "ru": f"http://testserver{russian.url}",
        "kk": f"http://testserver{kazakh.url}",
    }
    assert [a.text for a in soup.select(".article__translations a")] == ["Қазақша"]
    assert [a.text for a in soup.select(".related .card__title a")] == [neighbour.title]
    switcher = {a["lang"]: a["href"] for a in soup.select(".editions a")}
    assert switcher == {
        "ru": f"http://testserver{russian.url}",
        "kk": f"http://testserver{kazakh.url}",
        "en": "/en/",
    }


def test_rubrics_and_home_pages_name_their_translations(client, homes, rubric):
    from qalam.rubrics.factories import RubricPageFactory

    RubricPageFactory(
        parent=homes["kk"], title="Ресми", slug="resmi", translation_key=rubric.translation_key
    )
    _, soup = extract(client, "/ofitsialno/")
    assert {link["hreflang"] for link in soup.select("head link[hreflang]")} == {"ru", "kk"}
    _, home = extract(client, "/")
    assert {link["hreflang"] for link in home.select("head link[hreflang]")} == {"ru", "kk", "en"}
