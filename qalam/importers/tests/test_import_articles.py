import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.models import Page, ReferenceIndex

import pytest
from PIL import Image

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.images.models import QalamImage
from qalam.importers.articles import BATCH
from qalam.rubrics.models import RubricPage
from qalam.tags.models import Tag

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Перспективы партнерства",
    "lead": "Президент провел в Туркестане встречу.",
    "body": ["Первый абзац.", "Второй абзац <b>с тегом</b>."],
    "rubric": "Официально",
    "tags": ["Туркменистан", "Туркестан"],
    "authors": ["Айгерим Сарсенова", "Дмитрий Ковалев"],
    "published_at": "2026-11-24T15:43:00+05:00",
    "language": "ru",
}


def write(tmp_path, *records, name="articles.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )
    return path


def run(path, *args):
    out = StringIO()
    call_command("import_articles", str(path), *args, stdout=out)
    return out.getvalue()


def test_import_creates_articles_rubrics_authors_and_tags(tmp_path, homes):
    english = {**GOOD, "title": "Prospects of partnership", "rubric": "Official", "language": "en"}
    output = run(write(tmp_path, GOOD, english))

    assert "Articles created: 2, updated: 0" in output
    article = ArticlePage.objects.get(locale__language_code="ru")
    assert article.live
    assert article.url == "/ofitsialno/perspektivy-partnerstva/"
    assert article.get_parent().specific.title == "Официально"
    assert article.first_published_at.isoformat() == "2026-11-24T10:43:00+00:00"
    assert [str(b.value) for b in article.body] == [
        "<p>Первый абзац.</p>",
        "<p>Второй абзац &lt;b&gt;с тегом&lt;/b&gt;.</p>",
    ]
    assert sorted(article.tags.names()) == ["Туркестан", "Туркменистан"]
    assert [link.author.name for link in article.article_authors.all()] == [
        "Айгерим Сарсенова",
        "Дмитрий Ковалев",
    ]
    assert ArticlePage.objects.get(locale__language_code="en").get_parent().url == "/en/official/"


def test_reimport_updates_in_place(tmp_path, homes):
    run(write(tmp_path, GOOD))
    changed = {**GOOD, "lead": "Новый лид.", "tags": ["Туркестан"]}
    output = run(write(tmp_path, changed))

    assert "Articles created: 0, updated: 1" in output
    article = ArticlePage.objects.get()
    assert article.lead == "Новый лид."
    assert list(article.tags.names()) == ["Туркестан"]
    assert (
        Author.objects.count(),
        RubricPage.objects.filter(locale__language_code="ru").count(),
    ) == (2, 1)


def test_source_url_is_the_key_when_given(tmp_path, homes):
    record = {**GOOD, "source_url": "https://example.kz/news/42"}
    run(write(tmp_path, record))
    run(write(tmp_path, {**record, "title": "Перспективы партнерства (обновлено)"}))
    assert list(ArticlePage.objects.values_list("title", flat=True)) == [
        "Перспективы партнерства (обновлено)"
    ]


def test_body_html_is_sanitised_into_blocks(tmp_path, homes):
    record = {**GOOD}
    del record["body"]
    record["body_html"] = (
        '<p onclick="x()">Текст <a href="javascript:alert(1)">ссылка</a> <b>жирный</b></p>'
        "<script>alert(1)</script><h2>Подзаголовок</h2>"
        "<blockquote>Отрадно <cite>Президент</cite></blockquote>"
        "<table><tr><th>Проект</th></tr><tr><td>Парк</td></tr></table>"
    )
    run(write(tmp_path, record))
    blocks = [(b.block_type, b.value) for b in ArticlePage.objects.get().body]

    assert [kind for kind, _ in blocks] == ["paragraph", "subheading", "quote", "table"]
    paragraph = blocks[0][1].source
    assert (
        "onclick" not in paragraph and "javascript" not in paragraph and "<script" not in paragraph
    )
    assert "<b>жирный</b>" in paragraph
    assert blocks[2][1]["attribution"] == "Президент"
    assert blocks[3][1]["data"] == [["Проект"], ["Парк"]]


def test_lead_defaults_to_the_first_paragraph(tmp_path, homes):
    run(write(tmp_path, {**GOOD, "lead": ""}))
    assert ArticlePage.objects.get().lead == "Первый абзац."


def test_image_is_imported_once_with_caption_and_credit(tmp_path, homes):
    Image.new("RGB", (800, 450), (20, 80, 160)).save(tmp_path / "photo.jpg")
    record = {
        **GOOD,
        "image": "photo.jpg",
        "image_caption": "Встреча",
        "image_credit": "Фото: Акорда",
    }
    run(write(tmp_path, record))
    run(write(tmp_path, record))
    image = QalamImage.objects.get()
    assert (image.caption, image.credit, image.width) == ("Встреча", "Фото: Акорда", 800)
    assert ArticlePage.objects.get().main_image == image


def test_future_publication_is_scheduled(tmp_path, homes):
    later = (timezone.now() + timezone.timedelta(days=2)).isoformat()
    run(write(tmp_path, {**GOOD, "published_at": later}))
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.latest_revision.approved_go_live_at is not None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": ', "line 2: -: not valid JSON"),
        ("[1, 2]", "line 2: -: a line must hold one JSON object"),
        (json.dumps({**GOOD, "titel": "x"}), "line 2: titel: unknown field"),
        (json.dumps({**GOOD, "title": ""}), "line 2: title: is required"),
        (json.dumps({**GOOD, "title": "x" * 300}), "line 2: title: is 300 characters long"),
        (
            json.dumps({**GOOD, "published_at": "вчера"}),
            "line 2: published_at: «вчера» is not an ISO",
        ),
        (
            json.dumps({**GOOD, "published_at": "2026-11-24T15:43"}),
            "line 2: published_at: needs a time zone",
        ),
        (json.dumps({**GOOD, "language": "de"}), "line 2: language: must be one of en, kk, ru"),
        (json.dumps({**GOOD, "tags": "Туркестан"}), "line 2: tags: must be a list of strings"),
        (json.dumps({**GOOD, "slug": "перспективы"}), "line 2: slug: may hold only Latin letters"),
        (
            json.dumps({**GOOD, "source_url": "ftp://x"}),
            "line 2: source_url: «ftp://x» is not an http(s)",
        ),
        (json.dumps({**GOOD, "image": "missing.jpg"}), "line 2: image: no file at"),
        (
            json.dumps({**GOOD, "body_html": "<p>x</p>"}),
            "line 2: body_html: give either body or body_html",
        ),
    ],
)
def test_bad_record_stops_the_import_and_keeps_nothing(tmp_path, homes, line, message):
    path = write(tmp_path, {**GOOD, "title": "Хорошая статья"}, line)
    with pytest.raises(CommandError) as error:
        run(path)
    assert message in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert not ArticlePage.objects.exists()
    assert not Tag.objects.exists() and not Author.objects.exists()


def test_binary_garbage_is_reported_not_crashed_on(tmp_path, homes):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n\xff\xfe\x00garbage\n")
    with pytest.raises(CommandError, match="line 2: -: not UTF-8 text"):
        run(path)
    assert not ArticlePage.objects.exists()


def test_an_image_that_is_not_an_image_is_refused(tmp_path, homes):
    (tmp_path / "fake.jpg").write_text("not a picture")
    with pytest.raises(CommandError, match="line 1: image: fake.jpg is not an image"):
        run(write(tmp_path, {**GOOD, "image": "fake.jpg"}))


def test_dry_run_checks_everything_and_keeps_nothing(tmp_path, homes):
    output = run(write(tmp_path, GOOD), "--dry-run")
    assert "Dry run, nothing was kept. Articles created: 1, updated: 0" in output
    assert not ArticlePage.objects.exists()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "nope.jsonl")


def test_a_file_naming_an_article_twice_keeps_the_later_line(tmp_path, homes):
    output = run(write(tmp_path, GOOD, {**GOOD, "lead": "Поправленный лид."}))
    assert "Articles created: 1, updated: 1" in output
    assert list(ArticlePage.objects.values_list("lead", flat=True)) == ["Поправленный лид."]


def test_bulk_import_keeps_the_page_tree_sound(tmp_path, homes):
    from qalam.articles.factories import ArticlePageFactory

    records = [{**GOOD, "title": f"Новость {n}", "tags": ["Туркестан"]} for n in range(BATCH + 30)]
    run(write(tmp_path, *records))
    rubric = RubricPage.objects.get(slug="ofitsialno")

    assert Page.find_problems() == ([], [], [], [], [])
    assert rubric.get_children().count() == rubric.numchild == BATCH + 30
    later = ArticlePageFactory(parent=rubric, title="Добавлена редактором", slug="dobavlena")
    assert later.path > max(
        rubric.get_children().exclude(pk=later.pk).values_list("path", flat=True)
    )
    assert ArticlePage.objects.filter(tagged_items__tag__name="Туркестан").count() == BATCH + 30
    assert "Новость 17" in [a.title for a in ArticlePage.objects.live().search("Новость 17")]
    assert ReferenceIndex.get_references_for_object(ArticlePage.objects.first()).exists()


def test_reimport_moves_an_article_to_its_new_rubric(tmp_path, homes):
    record = {**GOOD, "source_url": "https://example.kz/news/7"}
    run(write(tmp_path, record))
    run(write(tmp_path, {**record, "rubric": "Политика"}))
    article = ArticlePage.objects.get()
    assert article.get_parent().title == "Политика"
    assert article.url == "/politika/perspektivy-partnerstva/"
    assert Page.find_problems() == ([], [], [], [], [])


def test_players_become_embeds_and_pictures_without_a_file_are_left_out(tmp_path, homes):
    record = {**GOOD}
    del record["body"]
    record["body_html"] = (
        '<p>До <img src="https://example.kz/a.jpg"> после</p>'
        '<div><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe></div>'
        '<figure><iframe src="https://tracker.example/x"></iframe></figure>'
    )
    run(write(tmp_path, record))
    blocks = [(b.block_type, b.value) for b in ArticlePage.objects.get().body]

    assert [kind for kind, _ in blocks] == ["paragraph", "embed", "paragraph"]
    assert blocks[0][1].source == "<p>До  после</p>"
    assert blocks[1][1].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert 'href="https://tracker.example/x"' in blocks[2][1].source


def test_drafts_and_scheduled_articles_after_a_bulk_batch_find_free_places(
    tmp_path, homes, monkeypatch
):
    monkeypatch.setattr("qalam.importers.articles.BATCH", 2)
    later = (timezone.now() + timezone.timedelta(days=2)).isoformat()
    records = [
        {**GOOD, "title": "Первая"},
        {**GOOD, "title": "Вторая"},
        {**GOOD, "title": "Запланированная", "published_at": later},
        {**GOOD, "title": "Третья"},
        {**GOOD, "title": "Ещё запланированная", "published_at": later},
        {**GOOD, "title": "Четвёртая"},
    ]
    run(write(tmp_path, *records))

    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticlePage.objects.count() == 6
    assert ArticlePage.objects.live().count() == 4
