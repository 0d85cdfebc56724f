"""The demo's newsroom: a desk for each rubric of the Russian edition and one for each of
the Kazakh and English editions, one person for each role, and two stories of the politics
desk waiting for its editor.

The accounts are made only in the embedded default (SQLite), or where QALAM_DEMO_PASSWORD
is set: a demo loaded into a production database gets no accounts with a known password."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils.html import escape

from wagtail.rich_text import RichText

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.lang.slugs import latin_slug
from qalam.newsroom.models import RoleCode
from qalam.newsroom.roles import desk_groups, setup_desk, setup_newsroom
from qalam.rubrics.models import RubricPage

PASSWORD_FILE = settings.VAR_DIR / "demo-password.txt"
DESK = "politika"  # the desk of the demo's reporter and editor

# login, role, first and last name
PEOPLE = [
    ("reporter", RoleCode.REPORTER, "Айдана", "Сейткали"),
    ("editor", RoleCode.DESK_EDITOR, "Марат", "Оспанов"),
    ("duty", RoleCode.DUTY_EDITOR, "Гульнара", "Ахметова"),
    ("translator", RoleCode.TRANSLATOR, "Асель", "Нурланова"),
    ("proofreader", RoleCode.PROOFREADER, "Ольга", "Ким"),
    ("photo", RoleCode.PHOTO_EDITOR, "Даурен", "Жаксылыков"),
    ("moderator", RoleCode.COMMENT_MODERATOR, "Ерболат", "Мусин"),
]

# The accounts that write under a byline of their own, and the byline's role.
WRITERS = {"reporter": "корреспондент", "translator": "переводчик"}

# What the reporter has sent to the desk's editor: headline, lead, one paragraph.
IN_REVIEW = [
    (
        "Мажилис одобрил поправки о местном самоуправлении",
        "Депутаты приняли в первом чтении поправки, расширяющие бюджеты сельских округов.",
        "Поправки передают акимам сельских округов часть налоговых поступлений и право "
        "распоряжаться ими по решению местных собраний.",
    ),
    (
        "В Астане обсудили реформу избирательной системы",
        "Эксперты и депутаты встретились за круглым столом в Национальном курултае.",
        "Участники обсудили смешанную систему выборов в маслихаты и сроки перехода к ней.",
    ),
]


def accounts_allowed():
    return connection.vendor == "sqlite" or bool(os.environ.get("QALAM_DEMO_PASSWORD"))


def demo_password():
    """QALAM_DEMO_PASSWORD, or one made on the first load and kept in var/demo-password.txt."""
    if wanted := os.environ.get("QALAM_DEMO_PASSWORD"):
        return wanted
    if PASSWORD_FILE.exists() and (stored := PASSWORD_FILE.read_text().strip()):
        return stored
    password = secrets.token_urlsafe(9)
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    PASSWORD_FILE.touch(mode=0o600)
    PASSWORD_FILE.write_text(password + "\n")
    return password


@transaction.atomic
def create_newsroom(homes):
    """Roles, desks, people and stories in review; what is there stays. Returns the logins
    and their password, or None where the demo makes no accounts."""
    groups = setup_newsroom()
    desks = {}
    for rubric in RubricPage.objects.child_of(homes["ru"]):
        setup_desk(rubric)
        desks[rubric.slug] = desk_groups(rubric)
    for language in ("kk", "en"):  # the Kazakh and the English desk
        setup_desk(homes[language])
    if not accounts_allowed() or DESK not in desks:
        return None
    password = demo_password()
    people = {}
    for login, code, first_name, last_name in PEOPLE:
        user, created = get_user_model().objects.get_or_create(
            username=login, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created or (os.environ.get("QALAM_DEMO_PASSWORD") and not user.check_password(password)):
            user.set_password(password)
            user.save()
        user.groups.add(desks[DESK][code] if code in desks[DESK] else groups[code])
        people[login] = user
    for login in WRITERS:  # their bylines, so drafts made from their assignments carry them
        user = people[login]
        Author.objects.get_or_create(
            user=user, defaults={"name": user.get_full_name(), "role": WRITERS[login]}
        )
    submit_stories(people["reporter"], RubricPage.objects.child_of(homes["ru"]).get(slug=DESK))
    # Addresses after the submissions, so that loading the demo mails nobody.
    for login, user in people.items():
        if not user.email:
            user.email = f"{login}@newsroom.example"
            user.save(update_fields=["email"])
    return [login for login, *_ in PEOPLE], password


def submit_stories(reporter, rubric):
    for title, lead, text in IN_REVIEW:
        if ArticlePage.objects.filter(title=title).exists():
            continue
        page = ArticlePage(
            title=title,
            slug=latin_slug(title),
            lead=lead,
            body=[("paragraph", RichText(f"<p>{escape(text)}</p>"))],
            owner=reporter,
            live=False,
            first_published_at=None,
        )
        rubric.add_child(instance=page)
        page.save_revision(user=reporter, log_action=True)
        page.get_workflow().start(page, reporter)
