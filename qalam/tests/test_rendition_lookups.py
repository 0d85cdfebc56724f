"""What a page view costs in renditions: read from memory or the cache, never written back,
the placeholder's carried by the site chrome, the picture tag's filters parsed once."""

from unittest import mock

from django.template import Context, Template

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.core import chrome, stamps
from qalam.images.factories import photo
from qalam.images.models import QalamRendition
from qalam.images.templatetags.qalam_images import PictureNode
from qalam.related.refresh import refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendition_cache_calls():
    """The rendition cache's reads and writes of rendition keys, by method."""
    backend = QalamRendition.cache_backend
    calls = {"get": [], "get_many": [], "set": [], "set_many": []}

    def spy(name):
        original = getattr(backend, name)

        def call(keys, *args, **kwargs):
            names = [keys] if isinstance(keys, str) else list(keys)
            if any(str(key).startswith("wagtail-rendition-") for key in names):
                calls[name].append(names)
            return original(keys, *args, **kwargs)

        return call

    with mock.patch.multiple(backend, **{name: spy(name) for name in calls}):
        yield calls


def test_a_page_view_does_not_write_back_the_renditions_it_read(
    client, rubric, rendition_cache_calls
):
    article = ArticlePageFactory(parent=rubric, main_image=photo())
    assert client.get(article.url).status_code == 200  # makes the renditions and caches them
    for calls in rendition_cache_calls.values():
        calls.clear()

    assert client.get(article.url).status_code == 200
    assert rendition_cache_calls["get_many"], "the article's photo is looked up in the cache"
    assert rendition_cache_calls["set"] == rendition_cache_calls["set_many"] == []


def test_photo_slots_without_a_photo_find_the_placeholder_in_the_chrome(
    client, rubric, placeholder, rendition_cache_calls
):
    article = ArticlePageFactory(parent=rubric, main_image=None)
    others = [ArticlePageFactory(parent=rubric, main_image=None) for _ in range(3)]
    refresh([article.pk, *(other.pk for other in others)])
    assert client.get(article.url).status_code == 200
    for calls in rendition_cache_calls.values():
        calls.clear()

    response = client.get(article.url)
    assert response.content.count(b'class="placeholder"') == 4  # the article and three cards
    assert rendition_cache_calls == {"get": [], "get_many": [], "set": [], "set_many": []}


def test_a_new_rendition_of_the_placeholder_refreshes_the_chrome(placeholder):
    other = photo()
    before = stamps.current(chrome.VERSION_KEY)
    other.get_rendition("width-100")
    assert stamps.current(chrome.VERSION_KEY) == before

    placeholder.get_rendition("width-100")
    assert stamps.current(chrome.VERSION_KEY) != before


def test_picture_tag_renders_as_wagtails_and_shares_its_filters():
    image = photo()
    tag = '{% picture image fill-{400x225,720x405} format-{webp,jpeg} sizes="50vw" alt="x" %}'
    ours = Template("{% load qalam_images %}" + tag)
    wagtails = Template("{% load wagtailimages_tags %}" + tag)
    context = Context({"image": image})

    assert ours.render(context) == wagtails.render(context)
    assert "image/webp" in ours.render(context)
    node = next(node for node in ours.nodelist if isinstance(node, PictureNode))
    first, second = node.get_filters(), node.get_filters()
    assert [f.spec for f in first] == [
        "fill-400x225|format-webp",
        "fill-400x225|format-jpeg",
        "fill-720x405|format-webp",
        "fill-720x405|format-jpeg",
    ]
    assert all(a is b for a, b in zip(first, second, strict=True))
