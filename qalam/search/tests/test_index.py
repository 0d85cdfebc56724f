"""The index follows the newsroom: publishing, editing, unpublishing, deleting and renaming
a rubric, tag or author change what readers and editors find, at once."""

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.articles.models import ArticlePage
from qalam.authors.factories import AuthorFactory
from qalam.users.models import User

pytestmark = pytest.mark.django_db


def found(query):
    return [article.title for article in ArticlePage.objects.live().search(query)]


def test_publishing_an_edit_indexes_the_new_text_and_tags(rubric):
    article = ArticlePageFactory(parent=rubric, title="Совещание в Акорде")
    assert found("урожая") == []
    article.title = "Совещание об урожае"
    article.tags.add("зерно")
    article.save_revision().publish()
    assert found("урожая") == ["Совещание об урожае"]
    assert found("зерна") == ["Совещание об урожае"]
    assert found("Акорде") == []


def test_a_draft_of_an_edit_leaves_the_published_text_in_the_index(rubric):
    article = ArticlePageFactory(parent=rubric, title="Совещание в Акорде")
    article.title = "Новый заголовок черновика"
    article.save_revision()
    assert found("Акорда") == ["Совещание в Акорде"]
    assert found("черновика") == []


def test_unpublished_and_deleted_articles_are_not_found(rubric):
    gone = ArticlePageFactory(parent=rubric, title="Снятая новость")
    deleted = ArticlePageFactory(parent=rubric, title="Удаленная новость")
    gone.unpublish()
    deleted.delete()
    assert found("новость") == []
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(object_id=str(deleted.pk)).exists()


def test_renaming_a_tag_author_or_rubric_reindexes_their_articles(rubric):
    author = AuthorFactory(name="Айгерим Сарсенова")
    ArticlePageFactory(parent=rubric, title="Новость", tags=["зерно"], authors=[author])
    author.name = "Динара Ахметова"
    author.save()
    tag = author.article_links.first().page.tagged_items.first().tag
    tag.name = "пшеница"
    tag.save()
    rubric.title = "Правительство"
    rubric.save_revision().publish()
    assert found("Ахметовой") == found("пшеницы") == found("правительства") == ["Новость"]
    assert found("Сарсенова") == found("зерно") == found("официально") == []


def test_the_admin_page_search_knows_word_forms(client, rubric):
    ArticlePageFactory(parent=rubric, title="Токаев принял министра")
    ArticlePageFactory(parent=rubric, title="Перспективы партнерства")
    client.force_login(User.objects.create_superuser("editor", "editor@example.kz", "pw"))
    response = client.get("/admin/pages/search/", {"q": "Токаеву"})
    assert "Токаев принял министра" in response.content.decode()
    assert "Перспективы партнерства" not in response.content.decode()
    # Search as you type: the beginning of a word finds it too.
    response = client.get("/admin/pages/search/", {"q": "перспект"})
    assert "Перспективы партнерства" in response.content.decode()


def test_saving_without_a_rename_reindexes_nothing(rubric, monkeypatch):
    author = AuthorFactory(name="Айгерим Сарсенова")
    ArticlePageFactory(parent=rubric, title="Новость", tags=["зерно"], authors=[author])
    queued = []

    class Task:
        def enqueue(self, ids):
            queued.append(ids)

    monkeypatch.setattr("qalam.search.signal_handlers.reindex_articles", Task())
    author.bio = "Новая биография."
    author.save()
    rubric.save_revision().publish()
    tag = author.article_links.first().page.tagged_items.first().tag
    tag.save()
    assert queued == []
    tag.name = "пшеница"
    tag.save()
    assert len(queued) == 1
