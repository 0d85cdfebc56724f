"""An archive imported never reaches the Telegram channels: not its live stories, not those
it schedules when they go live, not an imported story an editor publishes again."""

import datetime
import json
import time

from django.core.management import call_command
from django.utils import timezone

import pytest

from qalam.articles.models import ArticlePage
from qalam.telegram.tests.botapi import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def bot_api(settings):
    api = serve(settings)
    yield api
    api.stop()


def record(title, published_at):
    return {
        "title": title,
        "lead": "Президент провел в Туркестане встречу.",
        "body": ["Первый абзац."],
        "rubric": "Официально",
        "published_at": published_at.isoformat(),
        "language": "ru",
    }


def test_an_import_posts_nothing(bot_api, homes, tmp_path, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(seconds=2)
    path = tmp_path / "archive.jsonl"
    lines = [
        record("Перспективы партнерства", timezone.now() - datetime.timedelta(days=400)),
        record("Встреча завтра", soon),
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    scheduled = ArticlePage.objects.get(title="Встреча завтра")
    assert ArticlePage.objects.get(title="Перспективы партнерства").live
    assert not scheduled.live and scheduled.go_live_at

    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert ArticlePage.objects.get(title="Встреча завтра").live

    # An editor fixes a typo in an archived story: it is not news to announce.
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("editor", password="pass-2026")
    archived = ArticlePage.objects.get(title="Перспективы партнерства")
    archived.title = "Перспективы партнёрства"
    with django_capture_on_commit_callbacks(execute=True):
        archived.save_revision(user=editor).publish()
    assert bot_api.calls == []
