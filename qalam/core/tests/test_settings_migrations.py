"""The settings an editor saved survive the migrations that moved them: the one-language
texts of the site settings become the Russian edition's, the comment rules become the
comment settings (with who may change them), and going back restores both."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("core", "0004_page_last_published_index"), ("comments", "0002_moderators_may_moderate")]
AFTER = [
    ("core", "0008_remove_comment_settings"),
    ("comments", "0004_comment_settings_from_site_settings"),
]
SAVED = {
    "tagline": "новости Казахстана",
    "placeholder_alt": "Qalam: нет фото",
    "footer_text": "Свидетельство о постановке на учёт\nг. Астана",
    "close_comments_after_days": 7,
    "comment_stop_words": "провокация",
    "comment_spam_words": "казино\nставки",
}


def migrate(targets):
    """Migrates to `targets` and returns the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_the_move():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_saved_settings_move_to_the_russian_edition_and_the_comment_settings(before_the_move):
    site = before_the_move.get_model("wagtailcore", "Site").objects.get(is_default_site=True)
    before_the_move.get_model("core", "SiteSettings").objects.create(site_id=site.pk, **SAVED)
    desk = Group.objects.create(name="Выпускающие")
    desk.permissions.add(Permission.objects.get(codename="change_sitesettings"))

    after = migrate(AFTER)

    edition = after.get_model("core", "EditionSettings").objects.get()
    assert edition.locale.language_code == "ru"
    assert edition.settings.site_id == site.pk
    assert (edition.tagline, edition.placeholder_alt, edition.footer_text) == (
        SAVED["tagline"],
        SAVED["placeholder_alt"],
        SAVED["footer_text"],
    )
    rules = after.get_model("comments", "CommentSettings").objects.get(site_id=site.pk)
    assert (rules.close_after_days, rules.stop_words, rules.spam_words) == (
        SAVED["close_comments_after_days"],
        SAVED["comment_stop_words"],
        SAVED["comment_spam_words"],
    )
    assert desk.permissions.filter(codename="change_commentsettings").exists()

    back = migrate(BEFORE)

    restored = back.get_model("core", "SiteSettings").objects.get(site_id=site.pk)
    assert {field: getattr(restored, field) for field in SAVED} == SAVED
