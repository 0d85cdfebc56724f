"""The comment rules are a setting of their own (Settings → Comments): the article page reads
them from the cache, and an editor's change reaches the next view."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from qalam.comments.models import CommentSettings

pytestmark = pytest.mark.django_db


def comment_form_shown(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    return soup.select_one("form.comment-form") is not None


def test_the_article_page_reads_the_comment_settings_from_the_cache(client, article):
    client.get(article.url)  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert not [q["sql"] for q in queries if CommentSettings._meta.db_table in q["sql"]]


def test_saved_comment_settings_reach_the_next_view(client, article, hours_ago):
    article.first_published_at = hours_ago(49)
    article.save_revision().publish()
    assert comment_form_shown(client, article)

    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.close_after_days = 2
    rules.save()

    assert not comment_form_shown(client, article)


def test_the_comment_settings_have_their_own_screen(client, homes):
    user = get_user_model().objects.create_superuser("redaktor", "r@qalam.example.kz", "pass-1")
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    screen = client.get(reverse("wagtailsettings:edit", args=["comments", "commentsettings"]))
    site_screen = client.get(reverse("wagtailsettings:edit", args=["core", "sitesettings"]))

    assert reverse("wagtailsettings:edit", args=["comments", "commentsettings"]) in menu
    assert screen.status_code == 302  # to the default site's settings
    soup = BeautifulSoup(client.get(screen["Location"]).content, "html.parser")
    assert soup.select_one("h1").get_text(strip=True).endswith(": Комментарии")
    names = {field["name"] for field in soup.select("form [name]")}
    assert {"close_after_days", "stop_words", "spam_words"} <= names
    site_form = client.get(site_screen["Location"]).content.decode()
    assert "stop_words" not in site_form and "close_comments" not in site_form
    assert str(site.pk) in screen["Location"]
