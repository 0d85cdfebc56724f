"""A malformed QALAM_TELEGRAM_CHANNELS stops start-up, rather than posting nowhere in silence."""

from django.conf import settings
from django.core import checks

from .config import parse_channels


@checks.register(checks.Tags.compatibility)
def check_channels(app_configs=None, **kwargs):
    try:
        parse_channels(settings.QALAM_TELEGRAM_CHANNELS)
    except ValueError as error:
        return [
            checks.Error(
                f"QALAM_TELEGRAM_CHANNELS does not parse at «{error}»: write it as "
                "language=channel pairs separated by commas, e.g. ru=@qalam_news,kk=@qalam_kz "
                "(a channel is an @username of 5 to 32 letters, digits and underscores, or a "
                "numeric id starting with -100).",
                id="qalam_telegram.E001",
            )
        ]
    return []
