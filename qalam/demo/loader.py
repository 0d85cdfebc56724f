"""Demo content: three language editions with their rubrics, authors, some sixty articles
with generated photos, and the seed article exactly as its page shows it."""

import datetime
import json
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Site
from wagtail.rich_text import RichText

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.comments.models import Comment, Status
from qalam.core.models import EditionSettings, SiteSettings
from qalam.home.editions import ensure_editions
from qalam.importers.articles import ArticleRecord, ArticleWriter
from qalam.importers.photos import save_image
from qalam.related.tasks import refresh_related
from qalam.rubrics.models import RubricPage

from .channels import create_telegram_channels
from .photos import draw_photo, draw_placeholder
from .seed import read_seed
from .trust import create_trust_pages

DATA = Path(__file__).parent / "data"
SEED_SLUG = "perspektivy-partnerstva"

# Each rubric in Russian, Kazakh and English: (slug, title).
RUBRICS = [
    {"ru": ("ofitsialno", "Официально"), "kk": ("resmi", "Ресми"), "en": ("official", "Official")},
    {"ru": ("politika", "Политика"), "kk": ("sayasat", "Саясат"), "en": ("politics", "Politics")},
    {"ru": ("ekonomika", "Экономика"), "kk": ("ekonomika", "Экономика"),
     "en": ("economy", "Economy")},
    {"ru": ("obshchestvo", "Общество"), "kk": ("kogam", "Қоғам"), "en": ("society", "Society")},
    {"ru": ("regiony", "Регионы"), "kk": ("onirler", "Өңірлер"), "en": ("regions", "Regions")},
    {"ru": ("sport", "Спорт"), "kk": ("sport", "Спорт"), "en": ("sport", "Sport")},
]  # fmt: skip

# What each edition shows around its pages, in its own language.
EDITION_TEXTS = {
    "ru": {
        "tagline": "новости Казахстана на русском, казахском и английском",
        "placeholder_alt": "Qalam: у материала нет фотографии",
        "footer_text": (
            "Демонстрационное издание платформы Qalam.\n"
            "Статья «Перспективы партнерства» приведена как образец страницы "
            "казахстанской ежедневной газеты."
        ),
    },
    "kk": {
        "tagline": "Қазақстан жаңалықтары қазақ, орыс және ағылшын тілдерінде",
        "placeholder_alt": "Qalam: материалдың фотосуреті жоқ",
        "footer_text": (
            "Qalam платформасының үлгі басылымы.\n"
            "Орыс тіліндегі «Перспективы партнерства» мақаласы қазақстандық күнделікті "
            "газет бетінің үлгісі ретінде берілген."
        ),
    },
    "en": {
        "tagline": "news of Kazakhstan in English, Kazakh and Russian",
        "placeholder_alt": "Qalam: this story has no photo",
        "footer_text": (
            "A demonstration edition of the Qalam platform.\n"
            "The Russian article «Перспективы партнерства» (Prospects of partnership) is "
            "reproduced as a sample page of a Kazakhstani daily newspaper."
        ),
    },
}
SEED_SOURCE = "образец страницы казахстанской ежедневной газеты"
# The Russian edition opens with the state visit: the editors' choice over the newest photo.
LEAD_STORY = "Токаев и Бердымухамедов посетили мавзолей Ходжи Ахмеда Ясави"


def is_loaded():
    return ArticlePage.objects.filter(slug=SEED_SLUG, locale__language_code="ru").exists()


@transaction.atomic
def load(now=None):
    now = now or timezone.now()
    homes = ensure_editions()
    create_rubrics(homes)
    create_site_settings(homes)
    create_telegram_channels(homes)
    create_authors()
    writer = ArticleWriter()
    items = json.loads((DATA / "articles.json").read_text())
    with tempfile.TemporaryDirectory(prefix="qalam-demo-") as tmp:
        records = [
            demo_record(item, now, Path(tmp) / f"photo-{n}.jpg") for n, item in enumerate(items)
        ]
        writer.write_all(enumerate([*records, seed_record(now)], start=1))
    link_story_translations(items)
    choose_lead_story(homes["ru"])
    create_trust_pages(homes, now)
    create_comments(now)
    # Versions of one story became translations only now: their lists are made again.
    refresh_related.enqueue(list(ArticlePage.objects.live().values_list("pk", flat=True)))
    return writer.counts


# Readers' comments under the lead story: a conversation, and what waits for the moderators
# with the reason it was held (name, email, text, status, reason, minutes ago, reply to).
# Their addresses are the demo's own, so a reader who comments in the demo (or a test) is not
# taken for a known sender.
COMMENTS = [
    ("Айгерим", "aigerim.n@reader.example", "Хорошо, что о визите пишут подробно, с деталями.",
     Status.APPROVED, "", 300, None),
    ("Ерлан", "erlan.t@reader.example", "А какие соглашения подписали? В статье не сказано.",
     Status.APPROVED, "", 240, None),
    ("Бахыт", "bakhyt@reader.example", "Согласен с Айгерим: таких разборов не хватает.",
     Status.PENDING, _("first comment from this email"), 45, 0),
    ("Dana", "dana@reader.example", "Is there an English version of this analysis?",
     Status.PENDING, _("first comment from this email"), 30, None),
    ("Нурлан", "nurlan@reader.example",
     "Подробности здесь: https://a.example/1 https://b.example/2 https://c.example/3",
     Status.PENDING, _("%(count)d links") % {"count": 3}, 20, None),
    ("Promo", "promo@spam.example", "Лучшие ставки на спорт, заходите!", Status.SPAM,
     _("spam word: %(word)s") % {"word": "ставки"}, 10, None),
]  # fmt: skip


def create_comments(now):
    """Comments under the lead story, so its page shows a conversation and the moderation
    queue what it holds and why."""
    article = ArticlePage.objects.get(title=LEAD_STORY, locale__language_code="ru")
    made = []
    for name, email, text, status, reason, minutes, parent in COMMENTS:
        made.append(
            Comment.objects.create(
                article=article,
                parent=made[parent] if parent is not None else None,
                author_name=name,
                email=email,
                text=text,
                status=status,
                moderation_reason=str(reason),
                created_at=now - datetime.timedelta(minutes=minutes),
            )
        )


def link_story_translations(items):
    """Versions of one story in several editions become translations of each other, so the
    article links its other languages."""
    stories = {}
    for item in items:
        if item.get("story"):
            stories.setdefault(item["story"], []).append(item)
    for versions in stories.values():
        pages = [
            ArticlePage.objects.get(title=item["title"], locale__language_code=item["language"])
            for item in versions
        ]
        if len({page.locale_id for page in pages}) == len(pages) > 1:
            ArticlePage.objects.filter(pk__in=[page.pk for page in pages]).update(
                translation_key=pages[0].translation_key
            )


def choose_lead_story(home):
    """The edition's lead story, as an editor chooses it on the home page; a choice already
    made stays."""
    home.refresh_from_db()
    if home.lead_article_id is None:
        home.lead_article = ArticlePage.objects.get(title=LEAD_STORY, locale=home.locale)
        home.save_revision().publish()


def create_rubrics(homes):
    for titles in RUBRICS:
        slug, title = titles["ru"]
        original = RubricPage.objects.child_of(homes["ru"]).filter(slug=slug).first()
        if original is None:
            original = RubricPage(title=title, slug=slug, show_in_menus=True)
            homes["ru"].add_child(instance=original)
            original.save_revision().publish()
        for language, (slug, title) in titles.items():
            if language == "ru" or original.get_translation_or_none(homes[language].locale):
                continue
            translation = original.copy_for_translation(homes[language].locale)
            translation.title, translation.slug = title, slug
            translation.save_revision().publish()


def create_site_settings(homes):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if settings.placeholder_image is None:
        with tempfile.TemporaryDirectory() as tmp:
            path = draw_placeholder(Path(tmp) / "placeholder.png")
            settings.placeholder_image = save_image(path, title="Qalam — нет фото")
        settings.save()
    add_missing_edition_texts(settings, homes)


def add_missing_edition_texts(settings=None, homes=None):
    """Gives each edition without texts of its own the demo's; texts editors wrote stay.
    Returns the languages that got them."""
    settings = settings or SiteSettings.for_site(Site.objects.get(is_default_site=True))
    homes = homes or ensure_editions()
    added = []
    for language, texts in EDITION_TEXTS.items():
        _edition, created = EditionSettings.objects.get_or_create(
            settings=settings, locale=homes[language].locale, defaults=texts
        )
        if created:
            added.append(language)
    return added


def create_authors():
    for author in json.loads((DATA / "authors.json").read_text()):
        Author.objects.update_or_create(slug=author["slug"], defaults=author)


def published_at(now, days_ago, time):
    hour, minute = map(int, time.split(":"))
    day = timezone.localtime(now) - datetime.timedelta(days=days_ago)
    moment = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return min(moment, now)


def demo_record(item, now, photo_path):
    photo = item.get("photo")
    return ArticleRecord(
        title=item["title"],
        lead=item["lead"],
        body=[block(b) for b in item["body"]],
        rubric=item["rubric"],
        language=item["language"],
        published_at=published_at(now, item["days_ago"], item["time"]),
        tags=item["tags"],
        authors=item["authors"],
        image=draw_photo(photo["subject"], photo_path) if photo else None,
        image_caption=photo["caption"] if photo else "",
        image_credit=photo["credit"] if photo else "",
        image_alt=photo["subject"] if photo else "",
    )


def block(data):
    kind = data["type"]
    if kind == "paragraph":
        return ("paragraph", RichText(f"<p>{escape(data['text'])}</p>"))
    if kind == "subheading":
        return ("subheading", data["text"])
    if kind == "quote":
        return ("quote", {"text": data["text"], "attribution": data.get("attribution", "")})
    if kind == "table":
        return (
            "table",
            {
                "data": [data["header"], *data["rows"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        )
    raise ValueError(f"unknown demo block type {kind!r}")


def seed_record(now):
    rubric, title, lead, body = read_seed()
    return ArticleRecord(
        title=title,
        slug=SEED_SLUG,
        lead=lead,
        body=body,
        rubric=rubric,
        language="ru",
        published_at=published_at(now, 1, "15:43"),
        tags=["Туркменистан", "Туркестан", "Касым-Жомарт Токаев", "Гурбангулы Бердымухамедов"],
        source_name=SEED_SOURCE,
    )
