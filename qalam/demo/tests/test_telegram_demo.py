"""The demo's editions have Telegram channels, and with no bot token nothing is sent: the
settings screen says so, and each story's editor shows where its post would go."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from qalam.articles.models import ArticlePage
from qalam.telegram.models import Post, TelegramChannel

pytestmark = pytest.mark.django_db


def test_the_demo_names_channels_and_sends_nothing(client, settings):
    assert settings.QALAM_TELEGRAM_BOT_TOKEN == ""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (twice: one row each)
    channels = {c.locale.language_code: c.channel for c in TelegramChannel.objects.all()}
    assert channels == {"ru": "@qalam_demo", "kk": "@qalam_demo_kz", "en": "@qalam_demo_en"}
    assert not Post.objects.exists()

    client.force_login(
        get_user_model().objects.create_superuser("telegram-admin", password="p-2026")
    )
    story = ArticlePage.objects.filter(locale__language_code="ru").first()
    screen = client.get(f"/admin/settings/telegram/telegramsettings/{story.get_site().pk}/")
    assert "Нет токена бота: QALAM_TELEGRAM_BOT_TOKEN не задан" in screen.content.decode()
    assert "@qalam_demo_kz" in screen.content.decode()
    edit = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Telegram: ничего не отправляется, у бота нет токена" in edit
