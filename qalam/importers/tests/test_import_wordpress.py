"""`qalam import_wordpress`: a real export of the WordPress peer site (WordPress 6.1,
`wordpress-peer-small.wxr`) and hand-made files for what it lacks."""

import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from PIL import Image

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.comments.models import Comment, Status
from qalam.images.models import QalamImage
from qalam.importers.models import ImportedObject
from qalam.pages.factories import SimplePageFactory
from qalam.pages.models import SimplePage
from qalam.rubrics.models import RubricPage
from qalam.tags.models import Tag

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
PEER = FIXTURES / "wordpress-peer-small.wxr"
EDGE = FIXTURES / "wordpress-edge-cases.wxr"
WP = "{http://wordpress.org/export/1.2/}"
UTC = datetime.UTC


def run(path, *args, tmp_path):
    out = StringIO()
    report = tmp_path / "report.txt"
    call_command("import_wordpress", str(path), "--report", str(report), *args, stdout=out)
    return out.getvalue(), report.read_text()


def created(output, kind):
    """The «created» figure of a row of the summary table."""
    row = next(line for line in output.splitlines() if line.startswith(f"{kind} "))
    return int(row.split()[-5])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Media of this test alone, to see which files an import leaves behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def uploads(tmp_path):
    """The copied wp-content/uploads of the edge-case site: one photo missing, a PDF."""
    folder = tmp_path / "uploads" / "2026" / "11"
    folder.mkdir(parents=True)
    Image.new("RGB", (1200, 800), (10, 60, 120)).save(folder / "natsbank.jpg")
    Image.new("RGB", (800, 600), (200, 160, 60)).save(folder / "aul.png")
    (folder / "otchet.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path / "uploads"


def snapshot():
    """Every row an import writes, by table."""
    models = [Page, Comment, Tag, Author, Redirect, QalamImage, ImportedObject]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def counts_in(path):
    """What the export holds, counted by another parser than the importer's."""
    channel = ElementTree.parse(path).getroot().find("channel")
    items = channel.findall("item")

    def of(kind, status="publish"):
        return [
            item
            for item in items
            if item.findtext(WP + "post_type") == kind and item.findtext(WP + "status") == status
        ]

    # A post has one rubric: its other categories (all but the lowest ID) become tags.
    category_ids = {
        category.findtext(WP + "category_nicename"): int(category.findtext(WP + "term_id"))
        for category in channel.findall(WP + "category")
    }
    tags = {tag.findtext(WP + "tag_name").casefold() for tag in channel.findall(WP + "tag")}
    for item in of("post"):
        categories = [c for c in item.findall("category") if c.get("domain") == "category"]
        categories.sort(key=lambda c: category_ids[c.get("nicename")])
        tags.update(category.text.casefold() for category in categories[1:])
    return {
        "articles": len(of("post")),
        "pages": len(of("page")),
        "rubrics": len(channel.findall(WP + "category")),
        "tags": len(tags),
        "authors": len(channel.findall(WP + "author")),
        "comments": sum(len(item.findall(WP + "comment")) for item in of("post")),
    }


def test_real_export_comes_across_whole(tmp_path, homes):
    output, _ = run(PEER, tmp_path=tmp_path)
    expected = counts_in(PEER)

    assert ArticlePage.objects.live().count() == expected["articles"] == 51
    assert SimplePage.objects.live().count() == expected["pages"] == 1
    assert RubricPage.objects.count() == expected["rubrics"] == 11
    assert Tag.objects.count() == expected["tags"] == 40 + 1  # «Происшествия», a second category
    assert Author.objects.count() == expected["authors"] == 3
    assert Comment.objects.approved().count() == expected["comments"] == 5
    for kind in ("articles", "pages", "rubrics", "tags", "authors", "comments"):
        assert created(output, kind) == expected[kind], kind
    assert Page.find_problems() == ([], [], [], [], [])


def test_real_export_seed_article_spot_check(client, tmp_path, homes):
    run(PEER, tmp_path=tmp_path)
    article = ArticlePage.objects.get(slug="perspektivy-partnerstva")

    assert article.url == "/ofitsialno/perspektivy-partnerstva/"
    assert article.get_parent().title == "Официально"
    assert article.first_published_at == datetime.datetime(2025, 11, 14, 5, 30, tzinfo=UTC)
    body = [(block.block_type, block.value) for block in article.body]
    assert [kind for kind, _ in body] == ["paragraph"] * 6
    assert body[0][1].source == (
        "<p>Президент Касым-Жомарт ТОКАЕВ провел в Туркестане неформальную встречу с "
        "председателем Халк маслахаты Туркменистана Гурбангулы БЕРДЫМУХАМЕДОВЫМ.</p>"
    )
    assert article.lead.startswith("Президент Касым-Жомарт ТОКАЕВ провел в Туркестане")
    assert sorted(article.tags.names()) == [
        "Бердымухамедов", "Токаев", "Туркестан", "Туркменистан", "газовая отрасль",
        "инвестиции", "товарооборот",
    ]  # fmt: skip
    assert [link.author.name for link in article.article_authors.all()] == ["Редакция"]
    comments = list(Comment.objects.filter(article=article).order_by("created_at"))
    assert len(comments) == 5 and {c.status for c in comments} == {Status.APPROVED}
    assert comments[0].author_name == "Алия К."
    assert comments[0].created_at == datetime.datetime(2025, 11, 14, 5, 55, tzinfo=UTC)
    assert [c.parent_id is not None for c in comments].count(True) == 1

    page = client.get(article.url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.h1.text == "Перспективы партнерства"
    assert "Хорошая новость для региона" in soup.get_text()

    post_id = ImportedObject.objects.get(kind="post", object_id=article.pk).external_id
    assert post_id == 2005
    for old, new in [
        (f"/?p={post_id}", article.url),
        (f"/?p={post_id}&utm_source=telegram", article.url),
        ("/category/ofitsialno/", "/ofitsialno/"),
        ("/tag/tokaev/", "/tags/tokaev/"),
        ("/author/a-seitkali/", Author.objects.get(name="Айгерим Сейткали").get_absolute_url()),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_reimport_of_the_same_export_creates_nothing(tmp_path, homes):
    run(PEER, tmp_path=tmp_path)
    before = snapshot()
    output, _ = run(PEER, tmp_path=tmp_path)

    assert snapshot() == before
    for kind in ("articles", "pages", "rubrics", "tags", "authors", "comments", "redirects"):
        assert created(output, kind) == 0, kind
    assert "51" in next(line for line in output.splitlines() if line.startswith("articles "))


def test_a_newer_export_adds_what_is_new(tmp_path, homes):
    run(PEER, tmp_path=tmp_path)
    text = PEER.read_text(encoding="utf-8")
    seed_end = text.rindex("</wp:comment>") + len("</wp:comment>")
    newer = tmp_path / "newer.wxr"
    newer_text = (text[:seed_end] + NEW_COMMENT + text[seed_end:]).replace(
        "</channel>", NEW_POST + "</channel>"
    )
    renamed = "<title><![CDATA[Перспективы партнерства (обновлено)]]></title>"
    newer.write_text(
        newer_text.replace("<title><![CDATA[Перспективы партнерства]]></title>", renamed),
        encoding="utf-8",
    )
    output, _ = run(newer, tmp_path=tmp_path)

    assert created(output, "articles") == 1
    assert created(output, "comments") == 1
    articles_row = next(line for line in output.splitlines() if line.startswith("articles "))
    assert articles_row.split()[1:4] == ["1", "1", "50"]  # created, updated, unchanged
    assert ArticlePage.objects.get(slug="perspektivy-partnerstva").title == (
        "Перспективы партнерства (обновлено)"
    )
    assert ArticlePage.objects.count() == 52
    assert ArticlePage.objects.get(slug="novaya-novost").get_parent().title == "Спорт"
    seed = ArticlePage.objects.get(slug="perspektivy-partnerstva")
    reply = Comment.objects.get(author_name="Новый читатель")
    assert reply.article_id == seed.pk and reply.status == Status.PENDING
    assert reply.parent.author_name == "Алия К."


NEW_COMMENT = """
		<wp:comment>
			<wp:comment_id>900</wp:comment_id>
			<wp:comment_author><![CDATA[Новый читатель]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[new-reader@example.org]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[127.0.0.1]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2025-11-15 10:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2025-11-15 05:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Ответ на первый комментарий.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[0]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>2</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>"""
NEW_POST = """<item>
		<title><![CDATA[Новая новость]]></title>
		<link>http://127.0.0.1:8081/sport/novaya-novost/</link>
		<dc:creator><![CDATA[d.nurlanov]]></dc:creator>
		<content:encoded><![CDATA[Команда победила.]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>3000</wp:post_id>
		<wp:post_date><![CDATA[2025-11-20 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2025-11-20 05:00:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[novaya-novost]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="sport"><![CDATA[Спорт]]></category>
	</item>
"""


@pytest.fixture
def edge(tmp_path, homes, uploads):
    output, report = run(EDGE, "--uploads", str(uploads), tmp_path=tmp_path)
    return output, report


def test_categories_keep_their_hierarchy(client, edge):
    finance = RubricPage.objects.get(title="Финансы")
    banks = RubricPage.objects.get(title="Банки")

    assert finance.url == "/ekonomika/finansy/"  # the percent-encoded Cyrillic slug, decoded
    assert banks.get_parent().specific == finance
    assert RubricPage.objects.get(title="Экономика").description == "Деньги, цены, работа"
    home = finance.get_parent().get_parent()
    in_menu = [rubric.title for rubric in RubricPage.objects.child_of(home) if rubric.show_in_menus]
    assert in_menu == ["Экономика", "Общество"]
    assert not RubricPage.objects.get(title="Без рубрики").show_in_menus  # no posts in it
    assert (
        client.get("/category/ekonomika/%d1%84%d0%b8%d0%bd%d0%b0%d0%bd%d1%81%d1%8b/")["Location"]
        == "/ekonomika/finansy/"
    )
    assert client.get("/?cat=5")["Location"] == "/ekonomika/finansy/banki/"
    assert (
        client.get("/tag/%d0%b8%d0%bd%d1%84%d0%bb%d1%8f%d1%86%d0%b8%d1%8f/")["Location"]
        == "/tags/inflyatsiya/"
    )


def test_block_editor_post(client, edge):
    article = ArticlePage.objects.get(slug="natsbank-sokhranil-stavku")
    blocks = [(block.block_type, block.value) for block in article.body]

    # Yoast's primary category is the rubric, the other category a tag.
    assert article.get_parent().title == "Финансы"
    assert sorted(article.tags.names()) == sorted(["инфляция", "тенге", "Экономика"])
    assert [link.author.name for link in article.article_authors.all()] == ["Гульнар Омарова"]
    assert [kind for kind, _ in blocks] == [
        "paragraph", "photo", "subheading", "paragraph", "quote", "embed", "table", "paragraph",
        "paragraph",
    ]  # fmt: skip
    assert blocks[0][1].source == (
        "<p>Национальный банк <strong>сохранил</strong> базовую ставку на уровне 16,75%.</p>"
    )
    photo = blocks[1][1]
    assert photo["image"].title == "natsbank" and photo["caption"] == "Здание Нацбанка в Алматы"
    assert photo["image"].description == "Здание Нацбанка"  # the alt text
    assert photo["image"].caption == "Здание Национального банка"
    assert blocks[2][1] == "Что дальше"
    assert "<li>инфляция замедляется;</li>" in blocks[3][1].source
    assert (blocks[4][1]["text"], blocks[4][1]["attribution"]) == (
        "Решение взвешенное.",
        "Аналитик банка",
    )
    assert blocks[5][1].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert blocks[6][1]["data"] == [["Месяц", "Ставка"], ["Октябрь", "16,75"]]
    assert blocks[6][1]["table_caption"] == "Базовая ставка"
    assert blocks[7][1].source == "<p>Подписывайтесь на наш канал.</p>"  # a reusable block
    assert "<script" not in blocks[8][1].source and "alert" not in blocks[8][1].source
    assert article.main_image == photo["image"]
    assert article.lead == "Ставка осталась 16,75%."
    assert article.seo_title == "Ставка 16,75%: решение Нацбанка"
    assert article.search_description == "Нацбанк сохранил ставку: что это значит для вкладчиков."
    assert article.first_published_at == datetime.datetime(2026, 11, 10, 7, 15, tzinfo=UTC)
    assert article.comments_open

    old = "/ekonomika/%d1%84%d0%b8%d0%bd%d0%b0%d0%bd%d1%81%d1%8b/natsbank-sokhranil-stavku/"
    assert client.get(old)["Location"] == "/ekonomika/finansy/natsbank-sokhranil-stavku/"
    assert client.get(article.url).status_code == 200


def test_classic_post(client, edge):
    output, report = edge
    article = ArticlePage.objects.get(title="Аким открыл «школу» в ауле")
    blocks = [(block.block_type, block.value) for block in article.body]

    assert article.slug == "akim-otkryl-shkolu"  # percent-encoded Cyrillic, decoded and made Latin
    assert article.get_parent().title == "Экономика"  # the lowest category ID
    assert sorted(article.tags.names()) == ["Общество"]
    assert not article.comments_open
    assert [kind for kind, _ in blocks] == [
        "paragraph", "paragraph", "photo", "photo", "embed", "subheading", "paragraph",
    ]  # fmt: skip
    assert blocks[0][1].source == (
        "<p>В ауле Жанатурмыс открылась новая школа на 300 мест.<br/>\n"
        "Строительство заняло два года.</p>"
    )
    assert (
        article.lead
        == "В ауле Жанатурмыс открылась новая школа на 300 мест.\nСтроительство заняло два года."
    )
    assert blocks[1][1].source == "<p>Аким поздравил учителей и учеников.</p>"
    assert [blocks[2][1]["image"].title, blocks[3][1]["image"].title] == ["natsbank", "Ауыл"]
    assert blocks[4][1].url == "https://www.youtube.com/watch?v=9bZkp7q19f0"
    assert "onclick" not in blocks[6][1].source
    assert 'href="https://vestnik.example.kz/obshchestvo/"' in blocks[6][1].source

    # The captioned photo's file is missing; the form shortcode has no counterpart.
    assert "file missing: 2026/11/shkola.jpg" in report
    assert "shortcode [contact-form-7] removed" in report
    assert (
        "picture not imported: https://vestnik.example.kz/wp-content/uploads/2026/11/shkola-640x480.jpg"
        in report
    )
    assert (
        "post 102 «Аким открыл «школу» в ауле» https://vestnik.example.kz/ekonomika/аким-открыл-школу/"
        in report
    )
    assert "block core/latest-posts" in report and "not a picture (.pdf)" in report
    assert created(output, "images") == 2
    assert client.get("/wp-content/uploads/2026/11/aul.png")["Location"] == (
        QalamImage.objects.get(title="Ауыл").file.url
    )


def test_every_status(edge):
    draft = ArticlePage.objects.get(title="Черновик о бюджете")
    assert (
        not draft.live
        and draft.first_published_at is None
        and draft.slug == "chernovik-o-byudzhete"
    )
    assert draft.get_latest_revision().content["title"] == "Черновик о бюджете"
    pending = ArticlePage.objects.get(slug="na-proverke")
    assert not pending.live

    scheduled = ArticlePage.objects.get(slug="itogi-goda")
    assert not scheduled.live
    assert scheduled.get_latest_revision().approved_go_live_at == datetime.datetime(
        2031, 12, 31, 5, 0, tzinfo=UTC
    )

    private = ArticlePage.objects.get(slug="tolko-dlya-sotrudnikov")
    assert private.live
    assert private.get_view_restrictions().get().restriction_type == PageViewRestriction.LOGIN
    protected = ArticlePage.objects.get(slug="dlya-podpischikov")
    restriction = protected.get_view_restrictions().get()
    assert (restriction.restriction_type, restriction.password) == ("password", "stepnoy2026")

    assert not ArticlePage.objects.filter(title="Удалённая новость").exists()  # in the trash
    assert ArticlePage.objects.count() == 7


def test_comments_keep_status_thread_and_date(edge):
    article = ArticlePage.objects.get(slug="natsbank-sokhranil-stavku")
    comments = {c.text: c for c in Comment.objects.filter(article=article)}

    assert len(comments) == 5  # the pingback is left out
    top = comments["Наконец-то стабильность & предсказуемость."]
    assert top.status == Status.APPROVED and top.parent is None
    assert (top.author_name, top.email, top.url) == (
        "Айдар",
        "aidar.reader@mail.example",
        "https://aidar.example.kz",
    )
    assert top.created_at == datetime.datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    assert len(top.ip_hash) == 64 and "203.0.113.7" not in top.ip_hash
    assert comments["Согласна с Айдаром."].parent == top
    assert comments["Спасибо, Марина!"].parent == top  # a reply to a reply hangs under the top
    assert comments["Спасибо, Марина!"].url == ""  # not an http(s) address
    assert comments["Жду модерации."].status == Status.PENDING
    assert comments["Лучшее казино!"].status == Status.SPAM
    assert Comment.objects.count() == 5  # the page's comment is left out too


def test_commenter_email_never_reaches_the_page(client, edge):
    article = ArticlePage.objects.get(slug="natsbank-sokhranil-stavku")
    html = client.get(article.url).content.decode()

    assert "Наконец-то стабильность" in html and "Спасибо, Марина!" in html
    assert "Лучшее казино" not in html and "Жду модерации" not in html
    for secret in ("aidar.reader", "mail.example", "marina@", "203.0.113.7"):
        assert secret not in html.lower()


def test_pages_keep_their_hierarchy(client, edge):
    about = SimplePage.objects.get(title="О редакции")
    jobs = SimplePage.objects.get(title="Вакансии")

    assert about.url == "/o-redaktsii/" and about.live
    assert jobs.get_parent().specific == about and jobs.url == "/o-redaktsii/vakansii/"
    assert client.get("/o-redaktsii/vakansii/").status_code == 200
    assert client.get("/?page_id=111")["Location"] == "/o-redaktsii/vakansii/"


def test_a_page_whose_slug_is_taken_gets_wagtails_free_variant(tmp_path, homes, uploads):
    SimplePageFactory(parent=homes["ru"], title="Редакция", slug="o-redaktsii")
    run(EDGE, "--uploads", str(uploads), tmp_path=tmp_path)
    about = SimplePage.objects.get(title="О редакции")
    assert about.slug == "o-redaktsii-1"  # as Wagtail numbers copies and translations
    assert about.get_children().get().url == "/o-redaktsii-1/vakansii/"


def test_edge_cases_reimport_changes_nothing(tmp_path, edge, uploads):
    before = snapshot()
    output, _ = run(EDGE, "--uploads", str(uploads), tmp_path=tmp_path)
    assert snapshot() == before
    assert all(created(output, kind) == 0 for kind in ("articles", "pages", "comments", "images"))


def test_an_older_export_format_imports_into_its_edition(tmp_path, homes):
    run(FIXTURES / "wordpress-4x-wxr-1.1.wxr", tmp_path=tmp_path)
    article = ArticlePage.objects.get()

    assert article.locale.language_code == "kk"
    assert article.url == "/kk/zhanalyqtar/zhana-mektep/"
    assert [block.value.source for block in article.body] == [
        "<p>Ауданда 300 орындық жаңа мектеп ашылды.</p>",
        "<p>Салтанатты жиынға аким қатысты.</p>",
    ]
    assert Comment.objects.get().text == "Құттықтаймыз!"
    assert Redirect.objects.get(old_path="/2019/02/28/zhana-mektep").link == article.url


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("wordpress-broken.wxr", "not well-formed XML at line 1"),
        ("wordpress-xxe.wxr", "declares a document type (rss)"),
        ("wordpress-billion-laughs.wxr", "declares a document type (rss)"),
    ],
)
def test_a_bad_file_leaves_everything_as_it_was(tmp_path, homes, uploads, fixture, message):
    run(PEER, tmp_path=tmp_path)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run(FIXTURES / fixture, "--uploads", str(uploads), tmp_path=tmp_path)

    assert message in str(error.value) and "Nothing was imported" in str(error.value)
    assert snapshot() == before


def test_broken_file_leaves_no_stored_photo_behind(tmp_path, homes, uploads, media):
    with pytest.raises(CommandError):
        run(FIXTURES / "wordpress-broken.wxr", "--uploads", str(uploads), tmp_path=tmp_path)
    assert not QalamImage.objects.exists()
    assert not list(media.rglob("*.jpg"))


def test_an_unexpected_error_rolls_everything_back(tmp_path, homes, uploads, monkeypatch, media):
    from qalam.importers.wordpress.comments import CommentWriter

    def fail(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(CommentWriter, "write", fail)
    with pytest.raises(CommandError, match="disk on fire.*Nothing was imported"):
        run(EDGE, "--uploads", str(uploads), tmp_path=tmp_path)
    assert not ArticlePage.objects.exists() and not QalamImage.objects.exists()
    assert not ImportedObject.objects.exists() and not Redirect.objects.exists()
    assert not list(media.rglob("*.*"))


def test_dry_run_shows_what_would_happen_and_keeps_nothing(tmp_path, homes, uploads):
    before = snapshot()
    output, report = run(EDGE, "--uploads", str(uploads), "--dry-run", tmp_path=tmp_path)

    assert output.startswith("Dry run, nothing was kept.")
    assert created(output, "articles") == 7 and created(output, "comments") == 5
    assert "dry run: nothing kept" in report
    assert snapshot() == before


def test_files_that_are_not_exports_are_refused(tmp_path, homes):
    rss = tmp_path / "feed.xml"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    )
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(rss, tmp_path=tmp_path)
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "missing.xml", tmp_path=tmp_path)


def test_control_characters_xml_forbids_are_dropped_and_reported(tmp_path, homes):
    dirty = tmp_path / "dirty.wxr"
    dirty.write_bytes(
        (FIXTURES / "wordpress-4x-wxr-1.1.wxr")
        .read_bytes()
        .replace("ашылды".encode(), "ашылды\x0b".encode())
    )
    output, report = run(dirty, tmp_path=tmp_path)
    assert "2 control characters XML forbids were left out" in report  # title and text
    assert "ашылды." in ArticlePage.objects.get().body[0].value.source


def test_times_without_gmt_take_the_offset_the_export_shows(tmp_path):
    from qalam.importers.wordpress.importer import WordPressImport

    importer = WordPressImport(EDGE)
    local = datetime.datetime(2026, 11, 12, 18, 0)
    assert importer.clock(None, local) == datetime.datetime(2026, 11, 12, 13, 0, tzinfo=UTC)
    importer.clock(datetime.datetime(2026, 1, 1, 9, 0), datetime.datetime(2026, 1, 1, 12, 0))
    assert importer.clock(None, local) == datetime.datetime(2026, 11, 12, 15, 0, tzinfo=UTC)


def test_what_an_editor_deleted_is_not_brought_back(tmp_path, edge, uploads):
    ArticlePage.objects.get(slug="natsbank-sokhranil-stavku").delete()
    output, report = run(EDGE, "--uploads", str(uploads), tmp_path=tmp_path)

    assert not ArticlePage.objects.filter(slug="natsbank-sokhranil-stavku").exists()
    assert "post 101 «Нацбанк сохранил базовую ставку»" in report
    assert "deleted in Qalam since the last import" in report
    assert created(output, "articles") == 0 and created(output, "comments") == 0
