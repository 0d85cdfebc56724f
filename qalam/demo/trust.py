"""The demo newsroom's trust pages (how it corrects mistakes, its standards, who edits it), in
each edition, named in the edition's settings, and a corrected story so the corrections page
has something to show."""

import datetime

from wagtail.rich_text import RichText

from qalam.articles.models import ArticlePage
from qalam.core.models import EditionSettings
from qalam.pages.models import SimplePage

# Per edition: (settings field, slug, title, text).
TRUST_PAGES = {
    "ru": [
        ("corrections_policy", "ispravleniya-oshibok", "Как мы исправляем ошибки",
         "Заметив ошибку, мы исправляем материал и пишем под ним, что было неверно и когда это "
         "исправлено. Все исправления собраны на странице «Исправления»."),
        ("ethics_policy", "redaktsionnye-standarty", "Редакционные стандарты",
         "Мы проверяем факты по двум независимым источникам, отделяем новости от мнений и "
         "называем источники, если это не угрожает людям."),
        ("masthead", "redaktsiya", "Редакция",
         "Главный редактор, редакторы отделов и дежурные редакторы; письма — на "
         "editor@qalam.example."),
    ],
    "kk": [
        ("corrections_policy", "qateni-tuzetu", "Қатені қалай түзетеміз",
         "Қате байқасақ, материалды түзетіп, астына не қате болғанын және қашан түзетілгенін "
         "жазамыз. Барлық түзетулер «Түзетулер» бетінде."),
        ("ethics_policy", "redaktsiya-standarttary", "Редакция стандарттары",
         "Фактілерді екі тәуелсіз дереккөзден тексереміз, жаңалықты пікірден бөлеміз."),
        ("masthead", "redaktsiya", "Редакция",
         "Бас редактор, бөлім редакторлары және кезекші редакторлар; хаттар — "
         "editor@qalam.example."),
    ],
    "en": [
        ("corrections_policy", "corrections-policy", "How we correct mistakes",
         "When we find a mistake we correct the story and say under it what was wrong and "
         "when it was put right. Every correction is listed on the Corrections page."),
        ("ethics_policy", "editorial-standards", "Editorial standards",
         "We check facts with two independent sources and keep news apart from opinion."),
        ("masthead", "masthead", "Masthead",
         "The editor-in-chief, desk editors and duty editors; write to editor@qalam.example."),
    ],
}  # fmt: skip

CORRECTED = (
    "Экспорт казахстанского зерна через Туркменистан и Иран вырос вдвое",
    "В первой версии материала объём экспорта был указан в тоннах вместо тысяч тонн.",
)


def create_trust_pages(homes, now):
    """Creates what is missing; pages and settings editors changed stay as they are."""
    for language, pages in TRUST_PAGES.items():
        home = homes[language]
        edition = EditionSettings.objects.filter(locale=home.locale).first()
        for field, slug, title, text in pages:
            page = SimplePage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = SimplePage(
                    title=title, slug=slug, body=[("paragraph", RichText(f"<p>{text}</p>"))]
                )
                home.add_child(instance=page)
                page.save_revision().publish()
            if edition and getattr(edition, f"{field}_id") is None:
                setattr(edition, field, page)
                edition.save()
    title, correction = CORRECTED
    story = ArticlePage.objects.filter(title=title, locale__language_code="ru").first()
    if story and not story.correction:
        story.correction, story.corrected_at = correction, now - datetime.timedelta(hours=3)
        story.save_revision().publish()
