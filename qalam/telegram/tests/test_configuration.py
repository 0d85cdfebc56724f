"""QALAM_TELEGRAM_CHANNELS: read when it parses, and stopping start-up, naming itself, when
it does not."""

import pytest

from qalam.telegram.checks import check_channels
from qalam.telegram.config import parse_channels


def test_channels_parse_per_edition():
    assert parse_channels(" ru=@qalam_news, kk=-1001234567890 ,") == {
        "ru": "@qalam_news",
        "kk": "-1001234567890",
    }
    assert parse_channels("") == {}


@pytest.mark.parametrize(
    "value", ["ru:@qalam_news", "de=@qalam_news", "ru=qalam_news", "ru=@q", "ru=@qalam news"]
)
def test_a_malformed_value_stops_start_up_naming_it(settings, value):
    settings.QALAM_TELEGRAM_CHANNELS = value
    [error] = check_channels()
    assert error.id == "qalam_telegram.E001"
    assert "QALAM_TELEGRAM_CHANNELS" in error.msg


def test_a_good_value_passes_the_check(settings):
    settings.QALAM_TELEGRAM_CHANNELS = "ru=@qalam_news,en=@qalam_en"
    assert check_channels() == []


def test_start_up_stops_with_the_variables_name(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.QALAM_TELEGRAM_CHANNELS = "ru=@qalam_news;kk=@qalam_kz"
    with pytest.raises(SystemCheckError, match="QALAM_TELEGRAM_CHANNELS does not parse"):
        call_command("check")
