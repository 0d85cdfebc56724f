"""Telegram's limits and HTML: counted in UTF-16 code units, as Telegram counts them, and what
an editor typed arriving as typed. The server refuses a caption past 1,024 units and a bare
`<` or `&`, as Telegram does."""

import io

import pytest
from PIL import Image

from qalam.images.factories import photo
from qalam.telegram.message import shorten, units
from qalam.telegram.models import Post

pytestmark = pytest.mark.django_db


def test_shortening_keeps_whole_words_and_counts_emoji_as_two_units():
    assert shorten("Президент провел встречу", 100) == "Президент провел встречу"
    assert shorten("Президент провел встречу", 20) == "Президент провел…"
    assert shorten("🎉🎉🎉 праздник", 6) == "🎉🎉…"
    assert units("🎉") == 2 and units("Ә") == 1
    assert shorten("Слово  с\nпробелами", 100) == "Слово с пробелами"


def test_a_headline_with_markup_characters_arrives_as_typed(bot_api, draft, publish):
    headline = 'Цены на «АИ-92» < 300 тенге & "рост" <b>не</b> ожидается'
    publish(draft(title=headline, lead="Минэнерго: запасов хватит & <до весны>."))
    message = next(iter(bot_api.messages.values()))
    assert message["text"].startswith(f"{headline}\n\nМинэнерго: запасов хватит & <до весны>.")
    assert message["entities"][0] == {"type": "b", "offset": 0, "length": units(headline)}


def test_a_photo_story_goes_as_an_uploaded_photo_within_the_caption_limit(bot_api, draft, publish):
    headline = "🇰🇿 " + "Длинный заголовок с эмодзи 🎉 " * 8
    lead = " ".join(["Слово🎉"] * 300)  # far past the caption: cut at a word
    story = publish(draft(title=headline.strip(), lead=lead, main_image=photo()))
    message = next(iter(bot_api.messages.values()))
    assert bot_api.methods() == ["sendPhoto"]
    assert Image.open(io.BytesIO(message["photo"])).format == "JPEG"
    assert units(message["text"]) <= 1024
    lead_sent = message["text"].split("\n\n")[1]
    assert lead_sent.endswith("Слово🎉…") and lead_sent.count("Слово🎉") >= 10
    assert Post.objects.get(story=story).photo_id == story.main_image_id


def test_a_photo_post_follows_its_caption_and_photo(bot_api, draft, publish):
    story = publish(draft(main_image=photo()))
    first_photo = next(iter(bot_api.messages.values()))["photo"]
    publish(story, title="Встреча в Туркестане завершилась")
    publish(story, main_image=photo(file__color="red"))
    assert bot_api.methods() == ["sendPhoto", "editMessageCaption", "editMessageMedia"]
    message = next(iter(bot_api.messages.values()))
    assert message["photo"] != first_photo
    assert message["text"].startswith("Встреча в Туркестане завершилась")

    # A photo message never becomes text: without its photo the story is posted again, silently.
    publish(story, main_image=None)
    assert bot_api.methods()[-2:] == ["deleteMessage", "sendMessage"]
    (_chat, message_id), message = next(iter(bot_api.messages.items()))
    assert message["photo"] is None and message["silent"]
    assert Post.objects.get(story=story).message_id == message_id


def test_the_text_format_sends_text_with_a_preview_whatever_the_photo(
    bot_api, settings, draft, publish, channel
):
    settings.QALAM_TELEGRAM_CHANNELS = ""
    channel("ru", "@qalam_text", post_format="text")
    publish(draft(main_image=photo()))
    assert bot_api.methods() == ["sendMessage"]
    assert [chat for chat, _id in bot_api.messages] == ["@qalam_text"]
