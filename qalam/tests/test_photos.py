"""Photos as the reader's browser gets them: WebP first, a JPEG fallback with its size, a few
widths to choose from, the first screen's photo eager and the rest lazy, the placeholder
in every photo slot without a photo."""

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.images.factories import QalamImageFactory, photo
from qalam.related.refresh import refresh
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def widths(srcset):
    """{width: url} of a srcset such as "/a.webp 360w, /b.webp 720w"."""
    candidates = (candidate.split() for candidate in srcset.split(","))
    return {int(width.removesuffix("w")): url for url, width in candidates}


def test_article_photo_is_webp_with_a_jpeg_fallback_and_loads_first(client, rubric):
    article = ArticlePageFactory(parent=rubric, main_image=photo())
    picture = soup_of(client, article.url).select_one(".article__photo picture")

    source, img = picture.select_one("source"), picture.img
    assert source["type"] == "image/webp"
    webp = widths(source["srcset"])
    assert sorted(webp) == [360, 720, 1080]
    assert all(url.endswith(".webp") for url in webp.values())
    jpeg = widths(img["srcset"])
    assert sorted(jpeg) == [360, 720, 1080]
    assert img["src"] == jpeg[360] and img["src"].endswith(".jpg")
    assert (img["width"], img["height"]) == ("360", "202")
    assert img["sizes"] == source["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
    assert img["alt"] == "Два человека пожимают руки"
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")
    assert not img.has_attr("class")


def test_related_cards_load_their_photos_lazily(client, rubric):
    article = ArticlePageFactory(parent=rubric, main_image=photo())
    others = [ArticlePageFactory(parent=rubric, main_image=photo()) for _ in range(2)]
    refresh([article.pk, *(other.pk for other in others)])  # as their publication would
    cards = soup_of(client, article.url).select(".related .card__photo picture")

    assert len(cards) == 2
    for card in cards:
        assert sorted(widths(card.source["srcset"])) == [400, 720]
        assert card.source["type"] == "image/webp"
        assert card.img["src"].endswith(".jpg")
        assert (card.img["width"], card.img["height"]) == ("400", "225")
        assert card.img["loading"] == "lazy"
        assert not card.img.has_attr("fetchpriority")


def test_article_without_photo_shows_the_placeholder_in_the_same_markup(
    client, rubric, placeholder
):
    article = ArticlePageFactory(parent=rubric, main_image=None)
    other = ArticlePageFactory(parent=rubric, main_image=None)
    refresh([article.pk, other.pk])  # as their publication would
    soup = soup_of(client, article.url)

    img = soup.select_one(".article__photo picture img")
    assert img["alt"] == "Qalam: нет фото"
    assert img["class"] == ["placeholder"]
    assert img["src"] == placeholder.get_rendition("width-360|format-jpeg").url
    assert img["fetchpriority"] == "high"
    webp = soup.select_one(".article__photo picture source")["srcset"]
    assert widths(webp)[720] == placeholder.get_rendition("width-720|format-webp").url

    card = soup.select_one(".related .card__photo img")
    assert (card["alt"], card["class"], card["loading"]) == (
        "Qalam: нет фото",
        ["placeholder"],
        "lazy",
    )


def test_body_photos_load_lazily_in_both_formats(client, rubric):
    body = [("photo", {"image": photo(), "caption": "", "credit": ""})]
    article = ArticlePageFactory(parent=rubric, body=body)
    figure = soup_of(client, article.url).select_one(".article__body .block-photo")

    assert sorted(widths(figure.source["srcset"])) == [360, 720, 1080]
    assert figure.img["src"].endswith(".jpg") and figure.img["loading"] == "lazy"


def test_home_lead_photo_is_eager_and_rubric_block_photos_lazy(client, home, hours_ago):
    politics = RubricPageFactory(parent=home, title="Политика", slug="politika")
    sport = RubricPageFactory(parent=home, title="Спорт", slug="sport")
    ArticlePageFactory(parent=politics, main_image=photo(), first_published_at=hours_ago(1))
    ArticlePageFactory(parent=sport, main_image=photo(), first_published_at=hours_ago(2))
    soup = soup_of(client, "/")

    lead = soup.select_one(".front__lead img")
    assert lead["fetchpriority"] == "high" and not lead.has_attr("loading")
    assert lead["sizes"].startswith("(min-width: 72rem) 46rem")
    blocks = soup.select(".rubric-block img")
    assert len(blocks) == 2
    assert all(img["loading"] == "lazy" for img in blocks)


def test_rubric_listing_loads_its_first_photo_at_once_and_the_rest_lazily(client, rubric):
    for _ in range(3):
        ArticlePageFactory(parent=rubric, main_image=photo())
    images = soup_of(client, rubric.url).select(".listing img")

    assert [img.get("loading") for img in images] == [None, "lazy", "lazy"]
    assert images[0]["fetchpriority"] == "high"


def test_a_photo_narrower_than_the_widest_rendition_lists_each_width_once(client, rubric):
    """Wagtail never enlarges a photo: from 600 pixels, the 720 and 1080 renditions are
    both 600 wide, and HTML allows one candidate a width."""
    small = QalamImageFactory(file__width=600, file__height=400)
    article = ArticlePageFactory(parent=rubric, main_image=small)
    picture = soup_of(client, article.url).select_one(".article__photo picture")

    for srcset in (picture.source["srcset"], picture.img["srcset"]):
        assert [candidate.split()[1] for candidate in srcset.split(", ")] == ["360w", "600w"]
