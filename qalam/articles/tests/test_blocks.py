"""Each body block renders itself in the page, in full-text feeds and in the read API: a new
block is one class and its templates, with no edit to feeds/ or api/."""

from wagtail import blocks

import feedparser
import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.images.factories import QalamImageFactory

pytestmark = pytest.mark.django_db


class FactBlock(blocks.StructBlock):
    """A block that exists only in this test: a figure and what it means."""

    figure = blocks.CharBlock()
    meaning = blocks.CharBlock()

    class Meta:
        template = "fact_block.html"
        feed_template = "fact_block_feed.html"


@pytest.fixture
def fact_block(settings, tmp_path, monkeypatch):
    (tmp_path / "fact_block.html").write_text(
        '<aside class="fact"><strong>{{ value.figure }}</strong> {{ value.meaning }}</aside>'
    )
    (tmp_path / "fact_block_feed.html").write_text(
        '<p class="fact"><b>{{ value.figure }}</b> — {{ value.meaning }}</p>'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    block = FactBlock()
    block.set_name("fact")
    stream_block = ArticlePage._meta.get_field("body").stream_block
    monkeypatch.setitem(stream_block.child_blocks, "fact", block)
    return block


def test_a_new_block_renders_in_the_page_the_feed_and_the_api(client, rubric, fact_block):
    article = ArticlePageFactory(
        parent=rubric,
        body=[("fact", {"figure": "<script>5%</script>", "meaning": "рост <b>ВВП</b>"})],
    )

    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    fact = page.select_one(".article__body aside.fact")
    assert fact.strong.get_text() == "<script>5%</script>" and fact.script is None
    assert fact.b is None

    entry = feedparser.parse(client.get("/feeds/rss/").content).entries[0]
    shown = BeautifulSoup(entry.content[0].value, "html.parser")
    assert shown.select_one("p.fact").get_text() == "<script>5%</script> — рост <b>ВВП</b>"
    assert shown.script is None

    body = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    assert [(block["type"], block["value"]) for block in body] == [
        ("fact", {"figure": "<script>5%</script>", "meaning": "рост <b>ВВП</b>"})
    ]


def test_a_block_without_a_feed_template_reaches_feeds_as_on_the_page(client, rubric, fact_block):
    fact_block.meta.feed_template = None
    ArticlePageFactory(parent=rubric, body=[("fact", {"figure": "5%", "meaning": "рост"})])
    entry = feedparser.parse(client.get("/feeds/atom/").content).entries[0]
    shown = BeautifulSoup(entry.content[0].value, "html.parser")
    assert shown.select_one("aside.fact").get_text() == "5% рост"


def test_the_api_gives_a_photo_with_its_caption_and_an_address(client, rubric):
    photo = QalamImageFactory(
        caption="Мавзолей Ходжи Ахмеда Ясави", credit="Фото: Акорда", file__width=1280
    )
    article = ArticlePageFactory(
        parent=rubric,
        body=[
            ("paragraph", f'<p>См. <a linktype="page" id="{rubric.pk}">рубрику</a>.</p>'),
            ("photo", {"image": photo, "caption": "", "credit": "Фото: Айгуль"}),
        ],
    )
    paragraph, shown = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    # Rich text with the addresses a client can follow, not Wagtail's internal references.
    assert 'href="/ofitsialno/"' in paragraph["value"]
    assert shown["value"]["image"] == photo.pk
    assert shown["value"]["caption"] == "Мавзолей Ходжи Ахмеда Ясави"
    assert shown["value"]["credit"] == "Фото: Айгуль"
    assert shown["value"]["alt"] == photo.default_alt_text
    assert shown["value"]["url"].startswith("http://testserver/media/images/")
    assert shown["value"]["width"] == 960
