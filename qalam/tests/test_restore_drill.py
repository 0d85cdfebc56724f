"""The restore drill (docs/operations.md): the seed article, its comments, photo, search entry
and related list are backed up, everything is dropped, and after `qalam restore` readers get
them again. On PostgreSQL the restore goes into a scratch database the test creates and
drops (`<database>_drill`); on SQLite into a new file."""

import re
import shutil
from pathlib import Path

from django.core.management import call_command
from django.db import connection

import psycopg
import pytest
from bs4 import BeautifulSoup
from psycopg import sql

from qalam.articles.factories import ArticlePageFactory
from qalam.comments.factories import CommentFactory
from qalam.comments.models import Status
from qalam.images.factories import photo
from qalam.related.models import RelatedArticle

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Перспективы партнерства"


@pytest.fixture
def seed_story(rubric):
    story = ArticlePageFactory(
        parent=rubric,
        title=TITLE,
        slug="perspektivy-partnerstva",
        lead="Президент провел в Туркестане неформальную встречу.",
        main_image=photo(caption="Встреча в Туркестане"),
    )
    other = ArticlePageFactory(parent=rubric, title="Туркестан принимает гостей")
    RelatedArticle.objects.create(article=story, related=other, rank=0, score=0.5)
    CommentFactory(article=story, text="Хорошая новость.", status=Status.APPROVED)
    CommentFactory(article=story, text="Ждём продолжения.", status=Status.APPROVED)
    return story


def found(client, query):
    """The titles the search page lists (it marks the words found, so read their text)."""
    page = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [" ".join(title.get_text().split()) for title in page.select(".search-result__title")]


def drop_postgres(db, name):
    server = {"dbname": "postgres", "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(**server, host=db["HOST"], port=db["PORT"] or None, autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def scratch_database(tmp_path):
    """Points the connection at an empty database for the test's duration."""
    db = connection.settings_dict
    original = db["NAME"]
    if connection.vendor == "postgresql":
        scratch = re.sub(r"^test_", "", original) + "_drill"
        drop_postgres(db, scratch)
    else:
        scratch = str(tmp_path / "drill.sqlite3")
    connection.close()
    db["NAME"] = scratch
    yield scratch
    connection.close()
    db["NAME"] = original
    if connection.vendor == "postgresql":
        drop_postgres(db, scratch)


def test_a_backup_restored_into_an_empty_database_serves_the_story_again(
    client, seed_story, tmp_path, settings, request
):
    image_file = Path(settings.MEDIA_ROOT) / seed_story.main_image.file.name
    assert found(client, "партнерства") == [TITLE]
    assert image_file.is_file()
    call_command("backup", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [
            "manifest.json",
            "media.tar.gz",
            "database.dump" if connection.vendor == "postgresql" else "database.sqlite3",
        ]
    )

    shutil.rmtree(settings.MEDIA_ROOT)
    request.getfixturevalue("scratch_database")
    with pytest.raises(Exception):  # noqa: B017 - nothing there: no table at all
        client.get(seed_story.url)

    call_command("restore", str(folder))
    assert image_file.is_file()
    page = client.get(seed_story.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert TITLE in html
    assert "Хорошая новость." in html and "Ждём продолжения." in html
    assert "Туркестан принимает гостей" in html  # the related list
    assert found(client, "партнерства") == [TITLE]


def test_a_damaged_backup_is_refused_before_anything_is_replaced(seed_story, tmp_path):
    call_command("backup", str(tmp_path))
    (folder,) = tmp_path.iterdir()
    (folder / "media.tar.gz").write_bytes(b"not the archive")
    with pytest.raises(Exception, match="does not match the manifest"):
        call_command("restore", str(folder))
    assert seed_story.__class__.objects.filter(pk=seed_story.pk).exists()
