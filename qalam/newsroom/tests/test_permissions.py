"""What each role may do to pages, images and comments, as Wagtail's permission checks and
the admin's own answers say; crafted requests outside a role are refused and change
nothing."""

from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import rich_text

import pytest

from qalam.articles.models import ArticlePage
from qalam.articles.tests.editor_form import editor_form
from qalam.images.factories import photo

pytestmark = pytest.mark.django_db


def can(user, page):
    return page.permissions_for_user(user)


def story_form(page, **actions):
    return editor_form(
        page.title,
        page.slug,
        lead="Правка корреспондента.",
        body=[("paragraph", rich_text("<p>Новый абзац.</p>"))],
        **actions,
    )


DENIED = "у вас нет доступа в эту область"


def refused(client, url, data=None, method="post"):
    """Refused with 403 and the reason on the page (core.middleware.AdminRefusalMiddleware),
    for a browser and for a script (XMLHttpRequest) alike."""
    send = getattr(client, method)
    response = send(url, data or {})
    if response.status_code != 403 or DENIED not in response.content.decode():
        return False
    return send(url, data or {}, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def state(page):
    page = Page.objects.get(pk=page.pk)
    return (page.live, page.live_revision_id, page.latest_revision_id, page.path, page.locked)


# The reporter ---------------------------------------------------------------------------------


def test_a_reporter_writes_and_edits_in_their_desk_only(newsroom):
    reporter = newsroom["reporter"]
    assert can(reporter, newsroom["politics"]).can_add_subpage()
    assert can(reporter, newsroom["politics_story"]).can_edit()
    assert can(reporter, newsroom["draft"]).can_edit()
    assert not can(reporter, newsroom["sport"]).can_add_subpage()
    assert not can(reporter, newsroom["sport_story"]).can_edit()
    assert not can(reporter, newsroom["kazakh_story"]).can_edit()


def test_a_reporter_may_not_publish_unpublish_delete_move_or_lock(newsroom):
    reporter = newsroom["reporter"]
    for page in (newsroom["politics_story"], newsroom["draft"]):
        tester = can(reporter, page)
        assert not tester.can_publish()
        assert not tester.can_delete()
        assert not tester.can_move()
        assert not tester.can_lock()
    assert not can(reporter, newsroom["politics_story"]).can_unpublish()
    # Wagtail would let the owner of a draft delete it; in Qalam that is the editor's call.
    assert newsroom["draft"].owner == reporter


def test_a_reporter_cannot_open_another_desks_story(newsroom, signed_in):
    client = signed_in(newsroom["reporter"])
    story = newsroom["sport_story"]
    assert refused(client, f"/admin/pages/{story.pk}/edit/", method="get")
    # …and the admin does not offer it: the sport rubric is not in their explorer.
    listing = client.get(f"/admin/pages/{newsroom['politics'].pk}/").content.decode()
    assert "Выборы назначены" in listing
    # The sport rubric's listing sends them to the part of the tree they work in.
    response = client.get(f"/admin/pages/{newsroom['sport'].pk}/")
    assert response.status_code == 302
    assert response["Location"] in {
        f"/admin/pages/{page.pk}/" for page in newsroom["politics"].get_ancestors(inclusive=True)
    }


@pytest.mark.parametrize("story", ["politics_story", "draft"])
def test_a_reporters_crafted_requests_are_refused_and_change_nothing(newsroom, signed_in, story):
    client = signed_in(newsroom["reporter"])
    page = newsroom[story]
    before = state(page)
    other_desk = newsroom["sport"]
    own_desk = newsroom["politics"]
    requests = [
        (f"/admin/pages/{page.pk}/edit/", story_form(page, **{"action-publish": "1"})),
        (f"/admin/pages/{page.pk}/delete/", {}),
        (f"/admin/pages/{page.pk}/move/{other_desk.pk}/confirm/", {}),
        (f"/admin/pages/{page.pk}/move/{own_desk.pk}/confirm/", {}),
        (f"/admin/pages/{page.pk}/lock/", {}),
    ]
    if page.live:
        requests.append((f"/admin/pages/{page.pk}/unpublish/", {}))
    for url, data in requests:
        assert refused(client, url, data), url
        assert state(page) == before, url


def test_a_reporters_crafted_publish_of_a_new_story_is_refused(newsroom, signed_in):
    client = signed_in(newsroom["reporter"])
    rubric = newsroom["politics"]
    page = ArticlePage(title="Срочная новость", slug="srochnaya-novost")
    url = f"/admin/pages/add/articles/articlepage/{rubric.pk}/"
    assert refused(client, url, story_form(page, **{"action-publish": "1"}))
    assert not ArticlePage.objects.filter(slug="srochnaya-novost").exists()
    # Saved as a draft it is theirs.
    response = client.post(f"/admin/pages/add/articles/articlepage/{rubric.pk}/", story_form(page))
    assert response.status_code == 302
    draft = ArticlePage.objects.get(slug="srochnaya-novost")
    assert not draft.live and draft.owner == newsroom["reporter"]


def test_bulk_deletion_by_a_reporter_deletes_nothing(newsroom, signed_in):
    client = signed_in(newsroom["reporter"])
    draft = newsroom["draft"]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={draft.pk}"
    client.post(url)
    assert Page.objects.filter(pk=draft.pk).exists()


# The desk editors -----------------------------------------------------------------------------


def test_a_desk_editor_publishes_unpublishes_and_locks_in_their_desk(newsroom, signed_in):
    editor = newsroom["editor"]
    story = newsroom["politics_story"]
    tester = can(editor, story)
    assert tester.can_publish() and tester.can_unpublish() and tester.can_lock()
    assert tester.can_delete() and tester.can_unschedule()
    client = signed_in(editor)
    assert client.post(f"/admin/pages/{story.pk}/unpublish/").status_code == 302
    assert not Page.objects.get(pk=story.pk).live


def test_a_desk_editor_cannot_touch_another_desk(newsroom, signed_in):
    client = signed_in(newsroom["sport_editor"])
    story = newsroom["politics_story"]
    before = state(story)
    assert not can(newsroom["sport_editor"], story).can_publish()
    assert refused(client, f"/admin/pages/{story.pk}/edit/", method="get")
    for url, data in [
        (f"/admin/pages/{story.pk}/edit/", story_form(story, **{"action-publish": "1"})),
        (f"/admin/pages/{story.pk}/unpublish/", {}),
        (f"/admin/pages/{story.pk}/delete/", {}),
        (f"/admin/pages/{story.pk}/lock/", {}),
    ]:
        assert refused(client, url, data), url
        assert state(story) == before, url


def test_the_duty_editor_publishes_everywhere_and_edits_the_home_pages(newsroom):
    duty = newsroom["duty"]
    for page in ("politics_story", "sport_story", "kazakh_story"):
        assert can(duty, newsroom[page]).can_publish()
    for home in newsroom["homes"].values():
        assert can(duty, home).can_edit() and can(duty, home).can_publish()
    assert not can(newsroom["editor"], newsroom["homes"]["ru"]).can_edit()


# Translators, proofreaders, photo editors, comment moderators -------------------------------------


def test_a_translator_edits_the_kazakh_and_english_editions_and_publishes_nothing(newsroom):
    translator = newsroom["translator"]
    assert can(translator, newsroom["kazakh_story"]).can_edit()
    assert can(translator, newsroom["kazakh"]).can_add_subpage()
    assert not can(translator, newsroom["kazakh_story"]).can_publish()
    assert not can(translator, newsroom["politics_story"]).can_edit()
    assert translator.has_perm("simple_translation.submit_translation")


def test_a_proofreader_edits_only_what_waits_for_review(newsroom):
    proofreader, draft = newsroom["proofreader"], newsroom["draft"]
    assert not can(proofreader, draft).can_edit()
    draft.get_workflow().start(draft, newsroom["reporter"])
    draft = Page.objects.get(pk=draft.pk)
    assert can(proofreader, draft).can_edit()
    assert not draft.get_lock() or not draft.get_lock().for_user(proofreader)
    assert not can(proofreader, draft).can_publish()
    task = draft.current_workflow_task
    assert task.get_actions(draft, proofreader) == []
    assert not can(proofreader, newsroom["politics_story"]).can_edit()


def test_a_photo_editor_manages_images_and_collections_but_not_pages(newsroom):
    user = newsroom["photo"]
    images = policy_registry.get_by_type(get_image_model())
    image = photo(collection=Collection.get_first_root_node())
    assert images.user_has_permission_for_instance(user, "delete", image)
    assert images.user_has_permission_for_instance(user, "change", image)
    collections = policy_registry.get_by_type(Collection)
    assert collections.user_has_permission(user, "add")
    assert not can(user, newsroom["politics_story"]).can_edit()
    # A reporter may use and add photos, not change or delete another's.
    assert images.user_has_permission(newsroom["reporter"], "choose")
    assert not images.user_has_permission_for_instance(newsroom["reporter"], "delete", image)


def test_a_comment_moderator_moderates_comments_and_nothing_else(newsroom, signed_in):
    client = signed_in(newsroom["moderator"])
    assert client.get(reverse("wagtailsnippets_comments_comment:list")).status_code == 200
    story = newsroom["politics_story"]
    assert refused(client, f"/admin/pages/{story.pk}/edit/", method="get")
    assert not can(newsroom["moderator"], story).can_edit()
    assert refused(client, "/admin/images/", method="get")
