"""Corrections in public: each edition's /corrections/ page lists its corrected stories, the
footer links it and the edition's trust pages, and the publisher's schema.org data names
those pages."""

import datetime
import json

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.core import purge
from qalam.core.models import EditionSettings, SiteSettings
from qalam.pages.models import SimplePage
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def corrected(rubric, homes):
    now = timezone.now()
    older = ArticlePageFactory(
        parent=rubric, title="Тариф на газ", correction="Тариф был указан <b>без</b> НДС.",
        corrected_at=now - datetime.timedelta(days=2),
    )  # fmt: skip
    newer = ArticlePageFactory(
        parent=rubric, title="Экспорт зерна", correction="Объём был в тоннах.",
        corrected_at=now - datetime.timedelta(hours=1),
    )  # fmt: skip
    ArticlePageFactory(parent=rubric, title="Без исправлений")
    kk_rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(parent=kk_rubric, title="Түзетілген", correction="Күні қате болды.")
    return older, newer


def test_the_edition_s_corrected_stories_newest_correction_first(client, corrected):
    soup = page(client, "/corrections/")
    titles = [title.get_text() for title in soup.select(".corrections__title")]
    assert titles == ["Экспорт зерна", "Тариф на газ"]
    text = soup.select(".corrections__text")[1]
    assert text.get_text() == "Тариф был указан <b>без</b> НДС."  # escaped, as typed
    assert soup.select_one(".corrections__title a")["href"] == corrected[1].url
    assert [
        t.get_text() for t in page(client, "/kk/corrections/").select(".corrections__title")
    ] == ["Түзетілген"]


def test_the_page_costs_a_fixed_number_of_queries(client, corrected, queries_for, rubric):
    before = queries_for("/corrections/")
    for number in range(5):
        ArticlePageFactory(parent=rubric, title=f"Ещё {number}", correction="Исправлено.")
    assert queries_for("/corrections/") == before


def test_a_story_s_change_purges_the_corrections_page(corrected):
    root = corrected[0].get_site().root_url
    assert f"{root}/corrections/" in purge.addresses_showing(corrected[0])


@pytest.fixture
def trust_pages(homes):
    home = homes["ru"]
    pages = {}
    for field, slug, title in (
        ("corrections_policy", "ispravleniya", "Как мы исправляем ошибки"),
        ("ethics_policy", "standarty", "Редакционные стандарты"),
        ("masthead", "redaktsiya", "Редакция"),
    ):
        pages[field] = home.add_child(instance=SimplePage(title=title, slug=slug))
        pages[field].save_revision().publish()
    settings = SiteSettings.for_site(home.get_site())
    EditionSettings.objects.update_or_create(settings=settings, locale=home.locale, defaults=pages)
    return pages


def test_the_footer_links_the_corrections_and_the_trust_pages(client, trust_pages, rubric):
    links = {
        a.get_text(): a["href"]
        for a in page(client, "/ofitsialno/").select(".site-footer__links a")
    }
    assert links == {
        "Исправления": "/corrections/",
        "Как мы исправляем ошибки": "/ispravleniya/",
        "Редакционные стандарты": "/standarty/",
        "Редакция": "/redaktsiya/",
    }
    kk_links = [a["href"] for a in page(client, "/kk/").select(".site-footer__links a")]
    assert kk_links == ["/kk/corrections/"]  # the Kazakh edition names no pages of its own


def test_the_publisher_names_the_trust_pages(client, trust_pages):
    soup = page(client, "/")
    data = [
        json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')
    ]
    [organization] = [item for item in data if item.get("@type") == "NewsMediaOrganization"] or [
        item["publisher"] for item in data if "publisher" in item
    ]
    assert organization["correctionsPolicy"] == "http://testserver/ispravleniya/"
    assert organization["ethicsPolicy"] == "http://testserver/standarty/"
    assert organization["masthead"] == "http://testserver/redaktsiya/"
