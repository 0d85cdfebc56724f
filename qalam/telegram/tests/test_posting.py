"""A story's post follows its publication: sent once, edited, corrected, deleted."""

import pytest

from qalam.telegram.models import Post

pytestmark = pytest.mark.django_db


def only_message(bot_api):
    assert len(bot_api.messages) == 1, bot_api.messages
    return next(iter(bot_api.messages.items()))


def test_the_first_publication_posts_once(bot_api, draft, publish):
    story = publish(draft())
    (chat, message_id), message = only_message(bot_api)
    assert chat == "@qalam_news"
    assert bot_api.methods() == ["sendMessage"]
    assert message["text"].startswith("Встреча в Туркестане\n\nПрезидент провел встречу.\n\n")
    bold, link = message["entities"][0], message["entities"][1]
    assert bold == {"type": "b", "offset": 0, "length": len("Встреча в Туркестане")}
    assert link["href"] == f"{story.get_full_url()}?utm_source=telegram"
    assert message["fields"]["link_preview_options"].count("utm_source=telegram") == 1
    assert not message["silent"]
    post = Post.objects.get(story=story)
    assert (post.chat, post.message_id, post.state, post.error) == (chat, message_id, "posted", "")

    publish(story)  # published again, unchanged: nothing to send or edit
    assert bot_api.methods() == ["sendMessage"]
    assert Post.objects.count() == 1


def test_a_new_headline_edits_the_post(bot_api, draft, publish):
    story = publish(draft())
    publish(story, title="Встреча в Туркестане завершилась")
    (_chat, _id), message = only_message(bot_api)
    assert bot_api.methods() == ["sendMessage", "editMessageText"]
    assert message["text"].startswith("Встреча в Туркестане завершилась\n\n")

    publish(story, lead="Президенты подписали соглашение.")
    assert bot_api.methods()[-1] == "editMessageText"
    assert "Президенты подписали соглашение." in only_message(bot_api)[1]["text"]


def test_a_correction_is_appended(bot_api, draft, publish):
    story = publish(draft())
    publish(story, correction="Встреча прошла в среду, а не во вторник.")
    message = only_message(bot_api)[1]
    assert message["text"].endswith("Исправление: Встреча прошла в среду, а не во вторник.")
    assert message["entities"][-1]["type"] == "i"


def test_unpublishing_deletes_the_post_and_a_republication_sends_none(
    bot_api, draft, publish, django_capture_on_commit_callbacks
):
    story = publish(draft())
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert bot_api.methods() == ["sendMessage", "deleteMessage"]
    assert bot_api.messages == {}
    assert Post.objects.get(story=story).state == "deleted"

    publish(story)
    assert bot_api.methods() == ["sendMessage", "deleteMessage"]


def test_deleting_the_story_deletes_the_post(
    bot_api, draft, publish, django_capture_on_commit_callbacks
):
    story = publish(draft())
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert bot_api.methods() == ["sendMessage", "deleteMessage"]
    assert bot_api.messages == {}
    assert not Post.objects.exists()


def test_the_kazakh_edition_posts_to_its_own_channel_and_english_to_none(bot_api, homes, publish):
    from qalam.articles.factories import ArticlePageFactory
    from qalam.rubrics.factories import RubricPageFactory

    for language in ("kk", "en"):
        rubric = RubricPageFactory(parent=homes[language], title="Ресми", slug="resmi")
        publish(ArticlePageFactory(parent=rubric, live=False, first_published_at=None))
    assert [chat for chat, _id in bot_api.messages] == ["@qalam_kz"]
    assert "Сайтта оқу" in only_message(bot_api)[1]["text"]


def test_an_edit_telegram_finds_unchanged_is_no_error(bot_api, draft, publish):
    story = publish(draft())
    # The stored markup differs (as after a change in how posts are written), the text not.
    Post.objects.filter(story=story).update(text="<b>Встреча в Туркестане</b>")
    publish(story)
    assert bot_api.methods() == ["sendMessage", "editMessageText"]
    post = Post.objects.get(story=story)
    assert (post.state, post.error) == ("posted", "")
    assert post.text.startswith("<b>Встреча в Туркестане</b>\n\n")
