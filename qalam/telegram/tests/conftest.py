import pytest

from qalam.articles.factories import ArticlePageFactory

from .botapi import serve


@pytest.fixture
def bot_api(settings):
    api = serve(settings)
    yield api
    api.stop()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password="pass-2026")


@pytest.fixture
def draft(rubric):
    """A story written and never published."""

    def write(**fields):
        fields = {"title": "Встреча в Туркестане", "lead": "Президент провел встречу.", **fields}
        return ArticlePageFactory(parent=rubric, live=False, first_published_at=None, **fields)

    return write


@pytest.fixture
def publish(editor, django_capture_on_commit_callbacks):
    """Publishes the story as an editor does, with `changes` made first; the tasks run after
    the commit."""

    def run(story, **changes):
        for name, value in changes.items():
            setattr(story, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision(user=editor).publish()
        story.refresh_from_db()
        return story

    return run


@pytest.fixture
def channel(home):
    """An edition's channel as the editors set it in the site settings."""
    from wagtail.models import Locale, Site

    from qalam.telegram.models import TelegramChannel, TelegramSettings

    def add(language, chat, **fields):
        settings = TelegramSettings.for_site(Site.objects.get(is_default_site=True))
        locale = Locale.objects.get(language_code=language)
        return TelegramChannel.objects.create(
            settings=settings, locale=locale, channel=chat, **fields
        )

    return add
