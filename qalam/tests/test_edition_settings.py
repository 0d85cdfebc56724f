"""Each language edition shows the site's texts in its own language (the home page's title
and description, the footer, the placeholder photo's alt text), and an editor changes them
for every edition on the one settings screen."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import EditionSettings, SiteSettings
from qalam.images.factories import QalamImageFactory
from qalam.rubrics.factories import RubricPageFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "ru": {
        "tagline": "новости Казахстана",
        "placeholder_alt": "Qalam: у статьи нет фото",
        "footer_text": "Свидетельство о постановке на учёт СМИ № 1",
    },
    "kk": {
        "tagline": "Қазақстан жаңалықтары",
        "placeholder_alt": "Qalam: мақаланың фотосуреті жоқ",
        "footer_text": "БАҚ-ты есепке қою туралы куәлік № 1",
    },
    "en": {
        "tagline": "news of Kazakhstan",
        "placeholder_alt": "Qalam: the story has no photo",
        "footer_text": "Media registration certificate No. 1",
    },
}
PREFIX = {"ru": "/", "kk": "/kk/", "en": "/en/"}


@pytest.fixture
def editions(homes):
    """Every edition with a rubric and an article without a photo (the placeholder fills its
    slot on the home page)."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_image = QalamImageFactory(title="Нет фото")
    settings.save()
    for language, home in homes.items():
        rubric = RubricPageFactory(parent=home, slug=f"rubric-{language}")
        ArticlePageFactory(parent=rubric, main_image=None)
    return homes


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def shown_texts(soup):
    description = soup.select_one('meta[name="description"]')
    return {
        "title": soup.title.text,
        "description": description["content"] if description else None,
        "footer": soup.select_one(".site-footer").get_text(" ", strip=True),
        "placeholder_alt": soup.select_one(".front__lead img.placeholder")["alt"],
    }


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_each_edition_shows_its_own_texts(client, editions, language):
    for code, texts in TEXTS.items():
        EditionSettingsFactory(locale=editions[code].locale, **texts)

    html = client.get(PREFIX[language]).content.decode()
    shown = shown_texts(BeautifulSoup(html, "html.parser"))

    own = TEXTS[language]
    assert shown["title"] == f"Qalam — {own['tagline']}"
    assert shown["description"] == own["tagline"]
    assert own["tagline"] in shown["footer"] and own["footer_text"] in shown["footer"]
    assert shown["placeholder_alt"] == own["placeholder_alt"]
    for code, texts in TEXTS.items():
        if code != language:
            assert not any(text in html for text in texts.values()), code


def test_an_edition_without_texts_shows_none_of_another_languages(client, editions):
    EditionSettingsFactory(locale=editions["ru"].locale, **TEXTS["ru"])

    html = client.get("/kk/").content.decode()
    shown = shown_texts(BeautifulSoup(html, "html.parser"))

    assert not any(text in html for text in TEXTS["ru"].values())
    assert shown["title"] == "Qalam"
    assert shown["description"] is None
    assert shown["footer"].startswith("Qalam ")


@pytest.fixture
def admin_client(client, editions):
    user = get_user_model().objects.create_superuser("redaktor", "r@qalam.example.kz", "pass-1")
    client.force_login(user)
    return client


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])


def settings_form(client):
    """The settings screen's form as the editor's browser would send it unchanged."""
    response = client.get(settings_url())
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_index=0)


def add_edition(data, locale, **texts):
    index = int(data["editions-TOTAL_FORMS"])
    data["editions-TOTAL_FORMS"] = str(index + 1)
    data.update({f"editions-{index}-locale": str(locale.pk), f"editions-{index}-id": ""})
    data.update({f"editions-{index}-{field}": value for field, value in texts.items()})


def test_an_editor_writes_the_kazakh_texts_and_the_kazakh_edition_shows_them(
    admin_client, editions
):
    EditionSettingsFactory(locale=editions["ru"].locale, **TEXTS["ru"])
    assert TEXTS["kk"]["tagline"] not in admin_client.get("/kk/").content.decode()  # cached

    data = settings_form(admin_client)
    assert data["editions-0-tagline"] == TEXTS["ru"]["tagline"]
    add_edition(data, editions["kk"].locale, **TEXTS["kk"])
    response = admin_client.post(settings_url(), data)
    assert response.status_code == 302, response.content.decode()[-3000:]

    shown = shown_texts(soup_of(admin_client, "/kk/"))
    assert shown["title"] == f"Qalam — {TEXTS['kk']['tagline']}"
    assert shown["placeholder_alt"] == TEXTS["kk"]["placeholder_alt"]
    assert TEXTS["kk"]["footer_text"] in shown["footer"]
    assert shown_texts(soup_of(admin_client, "/"))["description"] == TEXTS["ru"]["tagline"]


def test_a_second_set_of_texts_for_one_edition_is_refused(admin_client, editions):
    EditionSettingsFactory(locale=editions["kk"].locale, **TEXTS["kk"])

    data = settings_form(admin_client)
    add_edition(data, editions["kk"].locale, tagline="екінші")
    response = admin_client.post(settings_url(), data)

    assert response.status_code == 200
    assert response.context["form"].formsets["editions"].non_form_errors()
    assert EditionSettings.objects.get().tagline == TEXTS["kk"]["tagline"]
