"""Today's budget for the demo newsroom (`qalam load_demo`): a dozen planned stories across
the editions' desks, in every state, two of them already published articles, one past its
deadline, and one of yesterday's that never got done, for the board to offer to carry over.
Run again on the same day, it adds nothing; on a later day, that day's budget."""

import datetime
import os

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from qalam.articles.models import StoryPage
from qalam.rubrics.models import RubricPage

from .models import PlannedStory, Status

# The newsroom's demo accounts, where the demo has them; otherwise its admin does everything.
ROLE_USERS = ("reporter", "editor", "translator", "duty")

# (working title, desk: (language, rubric slug), languages, status, slot, deadline in hours
# from now, assignees by role, notes, the desk's newest article as what it became)
PLANS = [
    ("Заседание Правительства: итоги года", ("ru", "politika"), ["ru", "kk"],
     Status.IN_PROGRESS, "15:00", 2, ["reporter"], "Пресс-подход министров после заседания.",
     False),
    ("Инфляция в ноябре: данные Бюро национальной статистики", ("ru", "ekonomika"),
     ["ru", "en"], Status.ASSIGNED, "12:00", 1.5, ["reporter"], "", False),
    ("Тарифы на коммунальные услуги с января", ("ru", "obshchestvo"), ["ru"],
     Status.IN_PROGRESS, "11:00", -2, ["reporter"], "Комментарий антимонопольного ведомства.",
     False),
    ("Паводковая готовность в Актюбинской области", ("ru", "regiony"), ["ru"], Status.IDEA,
     None, None, [], "Предложение корреспондента в Актобе.", False),
    ("Сборная по хоккею: состав на чемпионат мира", ("ru", "sport"), ["ru", "kk"],
     Status.IN_REVIEW, "18:00", 3, ["reporter", "editor"], "", False),
    ("Указ о кадровых назначениях", ("ru", "ofitsialno"), ["ru", "kk", "en"], Status.READY,
     "10:00", -1, ["editor"], "Ждём публикации указа на сайте Акорды.", False),
    ("Главное в политике за утро", ("ru", "politika"), ["ru"], Status.PUBLISHED, "09:30",
     None, ["editor"], "", True),
    ("Обзор рынка: курс тенге и нефть", ("ru", "ekonomika"), ["ru"], Status.PUBLISHED,
     "08:45", None, ["reporter"], "", True),
    ("Интервью с акимом Шымкента", ("ru", "regiony"), ["ru", "kk"], Status.SPIKED, "13:00",
     None, ["reporter"], "Аким перенёс встречу на следующую неделю.", False),
    ("Мәжіліс отырысы: заң жобалары", ("kk", "sayasat"), ["kk"], Status.ASSIGNED, "14:00",
     2, ["translator"], "", False),
    ("Oil output forecast for 2027", ("en", "economy"), ["en"], Status.IDEA, "16:00", None,
     [], "", False),
    ("Новые правила приёма в первый класс", ("ru", "obshchestvo"), ["ru", "kk"],
     Status.IN_PROGRESS, "17:00", 4, ["reporter", "translator"], "", False),
]  # fmt: skip


# Yesterday's, still in progress (the same fields; the deadline in hours from yesterday's now).
LEFT_OVER = [
    ("Отчёт об исполнении областных бюджетов", ("ru", "regiony"), ["ru"], Status.IN_PROGRESS,
     "16:00", 2, ["reporter"], "Ждём цифры от двух областей.", False),
]  # fmt: skip


def demo_users():
    """The role accounts by role, each standing in for the admin where missing."""
    User = get_user_model()
    found = {user.username: user for user in User.objects.filter(username__in=ROLE_USERS)}
    admin = (
        User.objects.filter(username=os.environ.get("QALAM_ADMIN_USER", "admin")).first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )
    return {role: found.get(role) or admin for role in ROLE_USERS}


def load_budget(now=None):
    """Today's planned stories and yesterday's left over, unless today already has some.
    Returns how many it made."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if PlannedStory.objects.filter(slot_date=today).exists():
        return 0
    users = demo_users()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    yesterday = now - datetime.timedelta(days=1)
    days = [(now, plan) for plan in PLANS] + [(yesterday, plan) for plan in LEFT_OVER]
    made = 0
    for moment, plan in days:
        title, (language, slug), languages, status, slot, hours, roles, notes, linked = plan
        desk = RubricPage.objects.filter(slug=slug, locale__language_code=language).first()
        if desk is None:
            continue
        assignees = {users[role] for role in roles} - {None}
        item = PlannedStory.objects.create(
            title=title,
            desk=desk,
            # Nobody there to give it to: an idea until someone is.
            status=Status.IDEA if status == Status.ASSIGNED and not assignees else status,
            slot_date=timezone.localdate(moment),
            slot_time=datetime.time.fromisoformat(slot) if slot else None,
            deadline=moment + datetime.timedelta(hours=hours) if hours is not None else None,
            notes=notes,
        )
        item.languages.set([locales[code] for code in languages if code in locales])
        item.assignees.set(assignees)
        if linked:
            story = StoryPage.objects.published().child_of(desk).newest_first().first()
            if story is not None:
                item.stories.add(story)
        made += 1
    return made
