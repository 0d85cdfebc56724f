"""Telegram saying no: a 429 is waited out, a 400 or 403 is recorded and shown on the story,
and the publication stands either way."""

import time

import pytest

from qalam.telegram.models import Post

pytestmark = pytest.mark.django_db


def edit_screen(client, editor, story):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_429_is_tried_again_after_retry_after(bot_api, draft, publish):
    bot_api.fail("sendMessage", "Too Many Requests: retry after 1", status=429, retry_after=1)
    started = time.monotonic()
    story = publish(draft())
    assert time.monotonic() - started >= 1
    assert bot_api.methods() == ["sendMessage", "sendMessage"]
    assert len(bot_api.messages) == 1
    assert Post.objects.get(story=story).state == "posted"


def test_a_refusal_is_recorded_shown_and_tried_at_the_next_publication(
    bot_api, draft, publish, client, editor
):
    bot_api.missing_chats.add("@qalam_news")
    story = publish(draft())
    assert story.live
    post = Post.objects.get(story=story)
    assert (post.state, post.message_id, post.error) == (
        "failed",
        None,
        "Bad Request: chat not found",
    )
    assert "Telegram: не отправлено — Bad Request: chat not found" in edit_screen(
        client, editor, story
    )

    bot_api.missing_chats.clear()  # the bot was made an administrator of the channel
    publish(story)
    post.refresh_from_db()
    assert (post.state, post.error) == ("posted", "")
    assert "Telegram: отправлено в @qalam_news" in edit_screen(client, editor, story)
    assert f"https://t.me/qalam_news/{post.message_id}" in edit_screen(client, editor, story)


def test_an_edit_refused_is_shown_and_the_post_kept(bot_api, draft, publish, client, editor):
    story = publish(draft())
    bot_api.fail("editMessageText", "Bad Request: message can't be edited", status=400)
    publish(story, title="Новый заголовок")
    post = Post.objects.get(story=story)
    assert (post.state, post.error) == ("posted", "Bad Request: message can't be edited")
    assert "Telegram: пост не изменён — Bad Request: message can&#x27;t be edited" in edit_screen(
        client, editor, story
    )


def test_a_silent_story_posts_without_a_notification(bot_api, draft, publish):
    from qalam.telegram.models import StoryChoice

    story = draft()
    story.telegram_choice = [StoryChoice(mode="silent")]
    publish(story)
    assert next(iter(bot_api.messages.values()))["silent"]
    assert story.telegram_choice.get().mode == "silent"  # kept with the published story


def test_a_story_switched_off_is_never_posted(bot_api, draft, publish, client, editor):
    from qalam.telegram.models import StoryChoice

    story = draft()
    story.telegram_choice = [StoryChoice(mode="off")]  # as the editor's form sets it
    story.save_revision(user=editor)
    assert "Telegram: для этой статьи выключено" in edit_screen(client, editor, story)
    publish(story)
    assert bot_api.calls == []
    assert not Post.objects.exists()


def test_an_edition_switched_off_posts_nothing(bot_api, draft, publish, channel):
    channel("ru", "@ignored_here", enabled=False)
    publish(draft())
    assert bot_api.calls == []


def test_the_environment_names_the_channel_over_the_settings(bot_api, draft, publish, channel):
    channel("ru", "@from_settings")
    publish(draft())
    assert [chat for chat, _id in bot_api.messages] == ["@qalam_news"]


def test_without_a_token_nothing_is_sent_and_the_settings_say_so(
    bot_api, settings, draft, publish, client, editor
):
    settings.QALAM_TELEGRAM_BOT_TOKEN = ""
    story = publish(draft())
    assert bot_api.calls == []
    assert "нет токена" in edit_screen(client, editor, story)
    from qalam.telegram.models import TelegramSettings

    screen = client.get(f"/admin/settings/telegram/telegramsettings/{story.get_site().pk}/")
    assert "QALAM_TELEGRAM_BOT_TOKEN не задан" in screen.content.decode()
    assert TelegramSettings.objects.count() == 1


def test_a_server_error_is_tried_again_after_a_pause(bot_api, draft, publish):
    bot_api.fail("sendMessage", "Internal Server Error", status=500)
    started = time.monotonic()
    story = publish(draft())
    assert time.monotonic() - started >= 2
    assert bot_api.methods() == ["sendMessage", "sendMessage"]
    assert Post.objects.get(story=story).state == "posted"


def test_an_unreachable_server_is_reported_without_the_token():
    from qalam.telegram.bot import Bot, BotError
    from qalam.telegram.tests.botapi import TOKEN

    bot = Bot(token=TOKEN, api_url="http://127.0.0.1:8719")  # nothing listens there
    with pytest.raises(BotError) as refused:
        bot.call("getMe")
    assert refused.value.status == 0 and refused.value.retryable
    assert TOKEN not in refused.value.description and "127.0.0.1" in refused.value.description
