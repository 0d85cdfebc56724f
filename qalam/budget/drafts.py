"""«Создать черновик»: a planned story becomes article drafts in its desk's rubric, one per
language wanted where the desk has that edition's rubric, the later ones translations of
the first, with the assignees' bylines."""

from django.db import transaction

from wagtail.actions.copy_for_translation import (
    CopyPageForTranslationAction,
    ParentNotTranslatedError,
)
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from qalam.articles.models import ArticleAuthor, ArticlePage
from qalam.authors.models import Author
from qalam.lang.slugs import latin_slug

from .models import Status
from .signal_handlers import set_status

DRAFT_CREATED = "qalam.budget.draft"


class NoDesk(Exception):
    pass


def bylines(users):
    """The assignees' bylines: the author linked to each account, else the author whose name
    is the account's full name (a byline made before the link; docs/budget.md)."""
    users = list(users)
    linked = list(Author.objects.filter(user__in=users))
    unlinked = set(users) - {author.user for author in linked}
    # Exact names: SQLite folds the case of Latin letters only.
    names = {user.get_full_name().strip() for user in unlinked} - {""}
    named = Author.objects.filter(name__in=names, user=None) if names else Author.objects.none()
    return sorted([*linked, *named], key=lambda author: author.name)


def rubrics_for(item, user):
    """The rubric of each language the plan wants that has none yet, in the order the drafts
    are made: the desk's own language first. Languages whose edition has no such rubric, or
    where the user may not write, come back apart."""
    desk = item.desk
    have = {story.locale_id for story in item.stories.all()}
    languages = item.languages.order_by("pk")
    wanted = sorted(languages, key=lambda locale: locale.pk != desk.locale_id)
    rubrics, missing = [], []
    for locale in wanted:
        if locale.pk in have:
            continue
        rubric = desk if locale.pk == desk.locale_id else desk.get_translation_or_none(locale)
        if rubric is None or not rubric.permissions_for_user(user).can_add_subpage():
            missing.append(locale)
        else:
            rubrics.append(rubric)
    return rubrics, missing


@transaction.atomic
def create_drafts(item, user):
    """Makes the drafts, links them to the plan, puts it in progress and returns (the drafts
    made, the languages that got none)."""
    if item.desk_id is None:
        raise NoDesk
    rubrics, missing = rubrics_for(item, user)
    authors = bylines(item.assignees.all())
    original = next(iter(item.stories.all()), None)
    made = []
    for rubric in rubrics:
        if original is None:
            draft = ArticlePage(
                title=item.title, lead="", owner=user, locale=rubric.locale, live=False
            )
            draft.slug = find_available_slug(rubric, latin_slug(item.title) or "draft")
            rubric.add_child(instance=draft)
            for order, author in enumerate(authors):
                ArticleAuthor.objects.create(page=draft, author=author, sort_order=order)
            draft.save_revision(user=user, clean=False, log_action="wagtail.create")
            original = draft
        elif existing := original.get_translation_or_none(rubric.locale):
            draft = existing  # translated before the plan knew: linked, not made twice
        else:
            # The permission to write in the rubric was checked above; Wagtail's own check
            # asks for the translation tool's, which a planner need not have.
            action = CopyPageForTranslationAction(original.specific, rubric.locale, user=user)
            try:
                draft = action.execute(skip_permission_checks=True)
            except ParentNotTranslatedError:  # the story lives outside the desk's rubrics
                missing.append(rubric.locale)
                continue
        made.append(draft)
    if made:
        item.stories.add(*made)
        log(item, DRAFT_CREATED, user=user, data={"stories": [draft.title for draft in made]})
        if item.status in (Status.IDEA, Status.ASSIGNED):
            set_status(item, Status.IN_PROGRESS, "draft", made[0], user)
    return made, missing
