from django.utils import translation

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory, every_block
from qalam.authors.factories import AuthorFactory
from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import SiteSettings
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_article_shows_rubric_headline_lead_date_authors_tags_and_source(client, rubric, moment):
    first, second = AuthorFactory(name="Айгерим Сарсенова"), AuthorFactory(name="Дмитрий Ковалев")
    article = ArticlePageFactory(
        parent=rubric,
        title="Перспективы партнерства",
        lead="Президент провел в Туркестане неформальную встречу.",
        first_published_at=moment,
        source_name="Пресс-служба Акорды",
        source_url="https://example.kz/news/1",
        authors=[second, first],
        tags=["Туркменистан"],
    )
    soup = soup_of(client, article)

    assert soup.html["lang"] == "ru"
    rubric_link = soup.select_one(".article__rubric a")
    assert (rubric_link.text, rubric_link["href"]) == ("Официально", "/ofitsialno/")
    assert soup.h1.text == "Перспективы партнерства"
    assert soup.select_one(".article__lead").text == article.lead
    assert soup.select_one(".article__meta time").text == "25 ноября 2026, 15:43"
    assert [a.text for a in soup.select(".article__authors a")] == [
        "Дмитрий Ковалев",
        "Айгерим Сарсенова",
    ]
    assert soup.select_one(".article__authors a")["href"] == second.get_absolute_url()
    tag = soup.select_one(".tags a")
    assert (tag.text, tag["href"]) == ("Туркменистан", "/tags/turkmenistan/")
    source = soup.select_one(".article__source a")
    assert (source.text, source["href"]) == ("Пресс-служба Акорды", "https://example.kz/news/1")


def test_article_without_photo_shows_the_site_placeholder(client, rubric):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_image = QalamImageFactory(title="placeholder")
    settings.save()
    EditionSettingsFactory(placeholder_alt="Qalam: нет фото")
    soup = soup_of(client, ArticlePageFactory(parent=rubric, main_image=None))

    photo = soup.select_one(".article__photo img")
    assert photo["alt"] == "Qalam: нет фото"
    assert "placeholder" in photo["class"]
    assert soup.select_one(".article__photo figcaption") is None


def test_article_without_photo_and_without_placeholder_setting_still_fills_the_slot(client, rubric):
    soup = soup_of(client, ArticlePageFactory(parent=rubric, main_image=None))
    assert soup.select_one(".article__photo .placeholder--empty")["role"] == "img"


def test_article_photo_has_alt_caption_and_credit(client, rubric):
    image = QalamImageFactory(caption="Встреча в Туркестане", credit="Фото: Акорда")
    soup = soup_of(client, ArticlePageFactory(parent=rubric, main_image=image))

    assert soup.select_one(".article__photo img")["alt"] == "Два человека пожимают руки"
    caption = soup.select_one(".article__photo figcaption")
    assert "Встреча в Туркестане" in caption.text
    assert caption.select_one(".credit").text == "Фото: Акорда"


def test_every_body_block_renders(client, rubric):
    photo = QalamImageFactory(caption="Мавзолей Ходжи Ахмеда Яссауи", credit="Фото: ТАСС")
    body = every_block(photo)
    soup = soup_of(client, ArticlePageFactory(parent=rubric, body=body))
    article_body = soup.select_one(".article__body")

    assert article_body.select_one(".block-paragraph b").text == "газовую"
    assert article_body.select_one("h2.block-subheading").text == "Транспортные коридоры"
    quote = article_body.select_one("blockquote.block-quote")
    assert "Отрадно" in quote.p.text and quote.footer.text == "Президент"
    figure = article_body.select_one("figure.block-photo")
    assert figure.img["loading"] == "lazy"
    assert "Мавзолей Ходжи Ахмеда Яссауи" in figure.figcaption.text
    assert article_body.select_one(".block-embed iframe")["title"] == "Видео"
    table = article_body.select_one(".block-table table")
    assert [th.text.strip() for th in table.select("thead th")] == ["Проект", "Сумма"]
    assert table.caption.text.strip() == "Инвестиции"


def test_reader_supplied_text_is_escaped(client, rubric):
    article = ArticlePageFactory(
        parent=rubric,
        title="<script>alert(1)</script>",
        lead="<img src=x onerror=alert(1)>",
        body=[("quote", {"text": "<b>нет</b>", "attribution": "<i>x</i>"})],
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;нет&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "25 ноября 2026, 15:43"),
        ("kk", "25 қараша 2026 ж., 15:43"),
        ("en", "25 November 2026, 15:43"),
    ],
)
def test_publication_date_is_written_as_each_language_writes_it(language, expected, moment):
    from qalam.core.templatetags.qalam_tags import newsdate

    with translation.override(language):
        assert newsdate(moment) == expected


def test_machine_readable_times_are_whole_seconds_with_the_offset(client, rubric, moment):
    """The admin stores microseconds; a `<time datetime>` may carry three digits of a
    second at most (HTML), and readers' software needs none."""
    from qalam.comments.factories import CommentFactory

    published = moment.replace(second=7, microsecond=123456)
    article = ArticlePageFactory(
        parent=rubric,
        first_published_at=published,
        correction="Сумма исправлена.",
        corrected_at=published,
    )
    CommentFactory(article=article, created_at=published)
    soup = soup_of(client, article)

    stamps = {time["datetime"] for time in soup.select("time")}
    assert stamps == {"2026-11-25T15:43:07+05:00"}
    assert len(soup.select("time")) == 3


def test_kazakh_article_page_is_served_under_kk_with_its_language(client, homes):
    rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    article = ArticlePageFactory(parent=rubric, title="Түркістандағы кездесу")
    assert article.url == "/kk/resmi/" + article.slug + "/"
    soup = soup_of(client, article)
    assert soup.html["lang"] == "kk"
    assert soup.h1.text == "Түркістандағы кездесу"


def test_draft_article_is_not_served(client, rubric):
    article = ArticlePageFactory(parent=rubric, live=False)
    assert client.get(article.url_path.replace("/home", "", 1)).status_code == 404
