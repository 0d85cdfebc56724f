from io import StringIO

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.demo.loader import LEAD_STORY
from qalam.demo.seed import read_seed
from qalam.rubrics.models import RubricPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_seed_article_is_published_as_its_page_shows_it(demo, client):
    seed = ArticlePage.objects.get(slug="perspektivy-partnerstva", locale__language_code="ru")
    rubric, title, lead, body = read_seed()

    assert seed.live and seed.main_image is None
    assert seed.get_parent().title == "Официально" == rubric
    assert seed.title == "Перспективы партнерства" == title
    assert seed.lead.startswith("Президент Касым-Жомарт ТОКАЕВ провел в Туркестане")
    blocks = [(block.block_type, block.value) for block in seed.body]
    assert len(blocks) == 25
    quotes = [value["text"] for kind, value in blocks if kind == "quote"]
    assert [q[:20] for q in quotes] == ["– Отрадно, что сотру", "– Наши двусторонние "]
    paragraphs = [str(value) for kind, value in blocks if kind == "paragraph"]
    assert "Гостям показали автомобили" in paragraphs[-1]
    assert not any(p == "default" or "Статьи по Теме" in p for p in paragraphs)
    assert seed.source_name

    html = client.get("/ofitsialno/perspektivy-partnerstva/").content.decode()
    for paragraph in ("Приветствуя высокого гостя", "World Craft Council", "SPK Turkistan"):
        assert paragraph in html


def test_demo_fills_every_edition(demo):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 41
    by_language = {
        code: articles.filter(locale__language_code=code).count() for code in ("ru", "kk", "en")
    }
    assert by_language["kk"] >= 5 and by_language["en"] >= 5
    assert RubricPage.objects.filter(locale__language_code="ru").count() >= 6
    assert Author.objects.count() >= 3
    with_photo = articles.filter(main_image__isnull=False).count()
    assert 0.35 <= with_photo / articles.count() <= 0.65
    official = RubricPage.objects.get(slug="ofitsialno", locale__language_code="ru")
    assert ArticlePage.objects.child_of(official).count() > 20, "the rubric listing must paginate"


def test_rubrics_of_the_editions_are_translations_of_each_other(demo):
    official = RubricPage.objects.get(slug="ofitsialno", locale__language_code="ru")
    assert sorted(t.title for t in official.get_translations()) == ["Official", "Ресми"]


def test_loading_again_changes_nothing(demo):
    before = (ArticlePage.objects.count(), Author.objects.count(), RubricPage.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (
        ArticlePage.objects.count(),
        Author.objects.count(),
        RubricPage.objects.count(),
    ) == before


def test_every_demo_page_renders(demo, client):
    urls = [page.url for page in ArticlePage.objects.live()[:80]]
    urls += [page.url for page in RubricPage.objects.live()]
    urls += ["/", "/kk/", "/en/", "/ofitsialno/?page=2"]
    urls += [author.get_absolute_url() for author in Author.objects.all()]
    failures = [(url, status) for url in urls if (status := client.get(url).status_code) != 200]
    assert failures == []


def test_stories_told_in_several_editions_are_translations(demo):
    from django.db.models import Count

    groups = ArticlePage.objects.values("translation_key").annotate(n=Count("pk")).filter(n__gt=1)
    assert groups.count() >= 5


def test_every_edition_shows_its_own_texts_and_a_second_load_adds_only_missing_ones(demo, client):
    from bs4 import BeautifulSoup

    from qalam.core.models import EditionSettings
    from qalam.demo.loader import EDITION_TEXTS

    for language, prefix in (("ru", "/"), ("kk", "/kk/"), ("en", "/en/")):
        soup = BeautifulSoup(client.get(prefix).content, "html.parser")
        texts = EDITION_TEXTS[language]
        assert soup.title.text == f"Qalam — {texts['tagline']}"
        assert texts["footer_text"].splitlines()[0] in soup.select_one(".site-footer").text
        assert soup.select_one("img.placeholder")["alt"] == texts["placeholder_alt"]

    # A newsroom loaded before the editions had texts: it gets them; editors' texts stay.
    EditionSettings.objects.filter(locale__language_code="kk").delete()
    EditionSettings.objects.filter(locale__language_code="ru").update(tagline="своя строка")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Edition texts added: kk." in out.getvalue()
    kazakh = EditionSettings.objects.get(locale__language_code="kk")
    assert kazakh.tagline == EDITION_TEXTS["kk"]["tagline"]
    assert EditionSettings.objects.get(locale__language_code="ru").tagline == "своя строка"


def test_the_home_page_opens_with_the_editors_lead_story(demo, client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".front__lead .card__title").text.strip() == LEAD_STORY
    assert LEAD_STORY not in [a.text for a in soup.select(".headlines a")]


def test_the_lead_story_has_a_conversation_and_the_queue_what_it_held(demo, client):
    from qalam.comments.models import Comment, Status

    lead = ArticlePage.objects.get(title=LEAD_STORY, locale__language_code="ru")
    page = BeautifulSoup(client.get(lead.url).content, "html.parser")
    shown = [comment.text for comment in page.select(".comment__text")]
    assert len(shown) == 2 and "соглашения" in shown[1]
    held = Comment.objects.filter(article=lead, status=Status.PENDING)
    assert held.count() == 3 and all(comment.moderation_reason for comment in held)
    assert Comment.objects.filter(status=Status.SPAM).count() == 1
