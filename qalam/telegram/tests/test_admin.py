"""The editor's path: the story's Telegram section in the admin, publishing from the form,
and the settings screen."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from qalam.articles.models import ArticlePage
from qalam.articles.tests.editor_form import editor_form

pytestmark = pytest.mark.django_db


def story_form(title, choice=None, **actions):
    return editor_form(
        title,
        "vstrecha",
        lead="Президент провел в Туркестане неформальную встречу.",
        body=[("paragraph", rich_text("<p>Стороны обсудили транспорт.</p>"))],
        telegram=[{"mode": choice}] if choice else [],
        **actions,
    )


def test_an_editor_publishes_silently_from_the_admin(
    bot_api, client, editor, rubric, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    add = client.get(f"/admin/pages/add/articles/articlepage/{rubric.pk}/").content.decode()
    assert "Telegram: при первой публикации уйдёт в @qalam_news." in add
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/add/articles/articlepage/{rubric.pk}/",
            story_form("Цены & «тарифы» <2027>", "silent", **{"action-publish": "1"}),
        )
    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="vstrecha")
    (_chat, message_id), message = next(iter(bot_api.messages.items()))
    assert message["text"].startswith("Цены & «тарифы» <2027>\n\n"), message["text"]
    assert message["silent"], message["fields"]

    edit = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert f'href="https://t.me/qalam_news/{message_id}"' in edit

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form("Цены и тарифы на 2027 год", "silent", **{"action-publish": "1"}),
        )
    assert bot_api.methods() == ["sendMessage", "editMessageText"]
    assert next(iter(bot_api.messages.values()))["text"].startswith("Цены и тарифы на 2027 год")


def test_the_settings_screen_lists_each_editions_channel_and_where_it_is_named(
    bot_api, client, editor, home, channel
):
    channel("en", "@qalam_en", enabled=False)
    client.force_login(editor)
    screen = client.get(f"/admin/settings/telegram/telegramsettings/{home.get_site().pk}/")
    text = screen.content.decode()
    assert "Токен бота задан: новые статьи отправляются через " + bot_api.url in text
    assert "@qalam_news" in text and "@qalam_kz" in text and "@qalam_en" in text
    assert text.count("QALAM_TELEGRAM_CHANNELS") >= 2  # ru and kk are named by the environment


def test_a_channel_telegram_would_refuse_is_refused_with_what_was_typed_kept(client, editor, home):
    from wagtail.models import Locale

    client.force_login(editor)
    url = f"/admin/settings/telegram/telegramsettings/{home.get_site().pk}/"
    locale = Locale.objects.get(language_code="ru")
    response = client.post(
        url,
        nested_form_data(
            {
                "channels": inline_formset(
                    [
                        {
                            "locale": locale.pk,
                            "channel": "qalam news",
                            "enabled": "on",
                            "post_format": "photo",
                        }
                    ]
                )
            }
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Укажите канал как @имя" in text
    assert 'value="qalam news"' in text
