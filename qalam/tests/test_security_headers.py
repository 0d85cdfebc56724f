"""The security headers on readers' pages (made and cached), the admin and error pages, and
production settings that `check --deploy` finds nothing in (docs/security.md)."""

import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest

from qalam.articles.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

READERS = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'; script-src 'self'; style-src 'self'; "
    "frame-src 'self' https:"
)


def directives(response):
    return sorted(part.strip() for part in response["Content-Security-Policy"].split(";"))


def test_readers_pages_made_and_cached_carry_the_strict_policy(client, rubric):
    story = ArticlePageFactory(parent=rubric)
    with override_settings(QALAM_PAGE_CACHE=True):
        made, cached = client.get(story.url), client.get(story.url)
    assert made.status_code == cached.status_code == 200
    assert directives(made) == directives(cached) == sorted(READERS.split("; "))
    assert "microphone=()" in cached["Permissions-Policy"]
    assert "geolocation=()" in made["Permissions-Policy"]


def test_a_missing_page_and_a_feed_carry_it_too(client, home):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    # The directives' order is django-csp's to choose; what they say is the readers' policy.
    assert directives(missing) == sorted(READERS.split("; "))
    assert client.get("/feeds/rss/")["Permissions-Policy"]


def test_the_admin_allows_wagtails_inline_scripts_and_nothing_from_elsewhere(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "https:" not in policy.split("script-src")[1].split(";")[0]


def test_an_embedded_player_keeps_no_style_attribute_readers_policy_would_refuse(client, rubric):
    url = "https://www.youtube.com/watch?v=sized"
    Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        type="video",
        width=640,
        height=360,
        html='<iframe title="Видео" width="640" height="360" src="https://www.youtube.com/embed/sized"></iframe>',
    )
    story = ArticlePageFactory(parent=rubric, body=[("embed", url)])
    html = client.get(story.url).content.decode()
    assert 'src="https://www.youtube.com/embed/sized"' in html
    assert " style=" not in html


def test_production_settings_pass_the_deploy_check():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qalam.settings.production",
        "SECRET_KEY": "a-production-like-key-" + "x" * 50,
        "ALLOWED_HOSTS": "news.example.kz",
        "DATABASE_URL": "postgres://qalam@127.0.0.1:5432/qalam",
    }
    run = subprocess.run(
        [sys.executable, "-m", "qalam", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout
