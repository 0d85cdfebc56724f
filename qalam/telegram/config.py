"""Where a story's post goes: the edition's channel, named by the deployment's environment
(QALAM_TELEGRAM_CHANNELS) or by the editors in the site settings, the deployment's word
being final, so that a staging copy of the database never posts to the newsroom's channel."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# A public channel's @username (5–32 characters) or a private one's numeric id.
CHANNEL = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]|-100\d{5,15}")


def parse_channels(value):
    """`ru=@qalam_news,kk=@qalam_kz` as {"ru": "@qalam_news", "kk": "@qalam_kz"}; raises
    ValueError naming the part that does not parse."""
    languages = {code for code, _name in settings.LANGUAGES}
    channels = {}
    for part in (item.strip() for item in value.split(",")):
        if not part:
            continue
        language, sep, channel = (piece.strip() for piece in part.partition("="))
        if not sep or language not in languages or not CHANNEL.fullmatch(channel):
            raise ValueError(part)
        channels[language] = channel
    return channels


def environment_channels():
    try:
        return parse_channels(settings.QALAM_TELEGRAM_CHANNELS)
    except ValueError:
        return {}  # the system check has already stopped start-up (checks.py)


def public_link(chat, message_id):
    """t.me's address of a message in a public channel; a private one's has none to share."""
    return f"https://t.me/{chat[1:]}/{message_id}" if chat.startswith("@") else ""


@dataclass
class Channel:
    chat: str
    enabled: bool
    photo: bool  # photo with caption when the story has one, else text with a link preview
    from_environment: bool

    @property
    def source(self):
        return _("QALAM_TELEGRAM_CHANNELS") if self.from_environment else _("site settings")


def channel_for(site, language):
    """The edition's channel as configured, or None when it has none."""
    from .models import TelegramSettings

    configured = TelegramSettings.for_site(site).channel(language) if site else None
    named = environment_channels().get(language)
    chat = named or (configured.channel if configured else "")
    if not chat:
        return None
    return Channel(
        chat=chat,
        enabled=configured.enabled if configured else True,
        photo=(configured.post_format == "photo") if configured else True,
        from_environment=bool(named),
    )


def bot_ready():
    return bool(settings.QALAM_TELEGRAM_BOT_TOKEN)
