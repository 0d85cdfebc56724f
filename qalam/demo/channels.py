"""The demo's Telegram channels, one an edition. The demo has no bot token, so nothing is ever
sent: the settings screen says so, and the stories' editors show where posts would go."""

from wagtail.models import Site

from qalam.telegram.models import TelegramChannel, TelegramSettings

CHANNELS = {"ru": "@qalam_demo", "kk": "@qalam_demo_kz", "en": "@qalam_demo_en"}


def create_telegram_channels(homes):
    settings = TelegramSettings.for_site(Site.objects.get(is_default_site=True))
    for language, channel in CHANNELS.items():
        TelegramChannel.objects.get_or_create(
            settings=settings, locale=homes[language].locale, defaults={"channel": channel}
        )
