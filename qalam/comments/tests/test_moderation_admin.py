"""Editors moderate in the Wagtail admin: the queue (pending first, filters, search), bulk
approve / spam / delete, the pending count in the menu, the block list and the article's
own list of approved comments."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from qalam.comments.factories import CommentFactory
from qalam.comments.models import Block, Comment, Status

pytestmark = pytest.mark.django_db

QUEUE = "wagtailsnippets_comments_comment:list"


@pytest.fixture
def editor(client, homes):
    user = get_user_model().objects.create_user("editor", password="secret-pass-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def queue(rubric, hours_ago):
    from qalam.articles.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=rubric, title="Перспективы партнерства")
    other = ArticlePageFactory(parent=rubric, title="Другая статья")
    return {
        "approved": CommentFactory(
            article=article, status=Status.APPROVED, created_at=hours_ago(1), text="Одобрен"
        ),
        "pending_old": CommentFactory(
            article=article, status=Status.PENDING, created_at=hours_ago(5), text="Старый",
            email="old@reader.example",
        ),
        "pending_new": CommentFactory(
            article=other, status=Status.PENDING, created_at=hours_ago(2), text="Новый"
        ),
        "spam": CommentFactory(article=article, status=Status.SPAM, created_at=hours_ago(0.5)),
    }  # fmt: skip


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [row.get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")]


def test_queue_lists_pending_first_with_article_name_email_text_and_status(client, editor, queue):
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    listed = rows(response)
    assert "Новый" in listed[0] and "Старый" in listed[1]
    assert "Ждёт проверки" in listed[0]
    assert "old@reader.example" in listed[1] and "Перспективы партнерства" in listed[1]
    assert "Спам" in listed[2] and "Одобрен" in listed[3]


def test_queue_filters_by_status_article_and_date_and_searches(client, editor, queue):
    article = queue["pending_old"].article
    by_status = rows(client.get(reverse(QUEUE), {"status": "pending"}))
    assert len(by_status) == 2
    by_article = rows(client.get(reverse(QUEUE), {"article": article.pk}))
    assert len(by_article) == 3
    by_search = rows(client.get(reverse(QUEUE), {"q": "old@reader"}))
    assert len(by_search) == 1 and "Старый" in by_search[0]
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    by_date = rows(client.get(reverse(QUEUE), {"created_at_after": today}))
    assert 1 <= len(by_date) <= 4


def bulk(client, action, comments):
    url = reverse("wagtail_bulk_action", args=("comments", "comment", action))
    query = "&".join(f"id={comment.pk}" for comment in comments)
    confirm = client.get(f"{url}?{query}&next={reverse(QUEUE)}")
    assert confirm.status_code == 200
    return client.post(f"{url}?{query}&next={reverse(QUEUE)}")


def test_bulk_approve_publishes_on_the_page_at_once(client, editor, queue):
    pending = [queue["pending_old"], queue["pending_new"]]
    response = bulk(client, "approve", pending)
    assert response.status_code == 302
    assert {c.status for c in Comment.objects.filter(pk__in=[c.pk for c in pending])} == {
        Status.APPROVED
    }
    client.logout()
    assert "Старый" in client.get(queue["pending_old"].article.url).content.decode()


def test_bulk_spam_and_delete_take_comments_off_the_page(client, editor, queue):
    approved = queue["approved"]
    bulk(client, "spam", [approved])
    approved.refresh_from_db()
    assert approved.status == Status.SPAM
    assert "Одобрен" not in client.get(approved.article.url).content.decode()

    bulk(client, "delete", [approved, queue["spam"]])
    assert not Comment.objects.filter(pk__in=[approved.pk, queue["spam"].pk]).exists()


def test_blocking_the_senders_from_the_queue(client, editor, queue, post_comment):
    comment = queue["pending_old"]
    comment.ip_hash = "a" * 64
    comment.save()
    bulk(client, "block", [comment])
    comment.refresh_from_db()
    assert comment.status == Status.SPAM
    assert set(Block.objects.values_list("kind", "value")) == {
        ("email", "old@reader.example"),
        ("ip_hash", "a" * 64),
    }
    client.logout()
    assert post_comment(comment.article, email="Old@Reader.example").status_code == 403


def test_menu_shows_how_many_comments_wait(client, editor, queue):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar arrives as JSON for Wagtail's script.
    assert json.dumps("Комментарии читателей (2)")[1:-1] in html


def test_editor_can_change_a_comment_and_see_where_it_came_from(client, editor, queue):
    comment = queue["pending_old"]
    url = reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])
    page = client.get(url).content.decode()
    assert "old@reader.example" in page and comment.ip_hash in page
    response = client.post(
        url,
        {
            "status": Status.APPROVED,
            "text": "Исправленный текст",
            "author_name": comment.author_name,
            "email": comment.email,
            "url": "",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.text) == (Status.APPROVED, "Исправленный текст")


def test_editor_blocks_an_email(client, editor, rubric, post_comment):
    from qalam.articles.factories import ArticlePageFactory

    url = reverse("wagtailsnippets_comments_block:add")
    response = client.post(url, {"kind": "email", "value": " Spammer@Mail.example ", "reason": ""})
    assert response.status_code == 302
    assert Block.objects.get().value == "spammer@mail.example"
    client.logout()
    article = ArticlePageFactory(parent=rubric)
    assert post_comment(article, email="spammer@mail.example").status_code == 403


def test_article_edit_view_lists_its_approved_comments(client, editor, queue):
    from django.contrib.auth.models import Permission

    editor.is_superuser = True
    editor.save()
    article = queue["approved"].article
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Одобрен" in html
    assert "Старый" not in html
    assert f"?article={article.pk}" in html
    assert Permission.objects.filter(codename="change_comment").exists()


def test_readers_cannot_reach_the_queue(client, queue):
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def moderate_url(comment):
    return reverse("wagtailsnippets_comments_comment:moderate", args=[comment.pk])


def test_each_row_links_to_its_comment_and_the_checkbox_names_it(client, editor, queue):
    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
    comment = queue["pending_old"]
    edit_url = reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])
    checkbox = soup.select_one(f"input[data-object-id='{comment.pk}']")
    title = soup.find(id=checkbox["aria-describedby"])
    assert title is not None and "Старый" in title.get_text()
    assert title.find_parent("a")["href"] == edit_url


def test_each_row_says_why_the_comment_was_held(client, editor, queue):
    comment = queue["pending_old"]
    comment.moderation_reason = "стоп-слово: казино"
    comment.save()
    listed = rows(client.get(reverse(QUEUE)))
    assert "стоп-слово: казино" in listed[1]


def test_pending_stay_first_whatever_the_editor_sorts_by(client, editor, queue):
    for ordering in ("author_name", "-created_at", "created_at", "status"):
        listed = rows(client.get(reverse(QUEUE), {"ordering": ordering}))
        assert {listed[0].count("Ждёт проверки"), listed[1].count("Ждёт проверки")} == {1}, ordering
    oldest_first = rows(client.get(reverse(QUEUE), {"ordering": "created_at"}))
    assert "Старый" in oldest_first[0] and "Новый" in oldest_first[1]


def row_of(soup, comment):
    return soup.select_one(f"input[data-object-id='{comment.pk}']").find_parent("tr")


def test_one_click_approve_says_so_and_offers_undo(client, editor, queue, monkeypatch):
    from qalam.core import purge

    purged = []
    monkeypatch.setattr(purge, "purge_page", purged.append)
    comment = queue["pending_old"]
    listing = f"{reverse(QUEUE)}?status=pending"
    soup = BeautifulSoup(client.get(listing).content, "html.parser")
    form = row_of(soup, comment).find("button", string="Одобрить").find_parent("form")
    assert form["method"] == "post" and form["action"] == moderate_url(comment)
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("input", attrs={"name": "next"})["value"] == listing

    response = client.post(form["action"], {"status": "approved", "next": listing}, follow=True)
    assert response.redirect_chain == [(listing, 302)]
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert purged == [comment.article_id]
    message = BeautifulSoup(response.content, "html.parser").select_one(".messages li")
    assert f"«{comment}» одобрен" in message.get_text(" ", strip=True)
    undo = message.find("button", string="Отменить").find_parent("form")
    assert undo["method"] == "post" and undo["action"] == moderate_url(comment)
    assert undo.find("input", attrs={"name": "status"})["value"] == "pending"
    assert undo.find("input", attrs={"name": "csrfmiddlewaretoken"})

    data = {field["name"]: field["value"] for field in undo.find_all("input")}
    client.post(undo["action"], data)
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert purged == [comment.article_id, comment.article_id]


@pytest.mark.parametrize("status", ["rejected", "spam"])
def test_one_click_reject_and_spam(client, editor, queue, status):
    comment = queue["approved"]
    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
    assert row_of(soup, comment).find("button", attrs={"value": status})
    response = client.post(moderate_url(comment), {"status": status})
    assert response.status_code == 302 and response["Location"] == reverse(QUEUE)
    comment.refresh_from_db()
    assert comment.status == status
    client.logout()
    assert "Одобрен" not in client.get(comment.article.url).content.decode()


def test_one_click_moderation_is_a_post_with_a_csrf_token_by_an_editor(queue, homes):
    from django.test import Client

    comment = queue["pending_old"]
    user = get_user_model().objects.create_user("editor", password="secret-pass-1")
    user.groups.add(Group.objects.get(name="Editors"))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.get(moderate_url(comment), {"status": "approved"}).status_code == 405
    assert strict.post(moderate_url(comment), {"status": "approved"}).status_code == 403
    assert strict.post(moderate_url(comment), {"status": "nonsense"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING

    nobody = get_user_model().objects.create_user("reader", password="secret-pass-1")
    client = Client()
    client.force_login(nobody)
    client.post(moderate_url(comment), {"status": "approved"})
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_a_bad_status_or_foreign_next_is_refused(client, editor, queue):
    comment = queue["pending_old"]
    assert client.post(moderate_url(comment), {"status": "nonsense"}).status_code == 400
    response = client.post(
        moderate_url(comment), {"status": "approved", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse(QUEUE)


def test_times_are_in_the_sites_time_zone(client, editor, queue):
    """20:30 UTC is 01:30 the next day in Almaty."""
    import datetime

    comment = queue["pending_old"]
    comment.created_at = datetime.datetime(2026, 11, 25, 20, 30, tzinfo=datetime.UTC)
    comment.save()
    listed = rows(client.get(reverse(QUEUE)))
    assert "26 ноября 2026, 01:30" in listed[1]
    assert inspected(client, comment)["Отправлен"] == "26 ноября 2026, 01:30"


def inspected(client, comment):
    """The inspect view's fields, label to value."""
    url = reverse("wagtailsnippets_comments_comment:inspect", args=[comment.pk])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {
        dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
        for dt in soup.select("dl dt")
    }


def test_inspect_view_of_a_comment_that_is_no_reply(client, editor, queue):
    fields = inspected(client, queue["pending_old"])
    assert fields["Ответ на"] == "—"
    assert "None" not in fields.values()

    reply = CommentFactory(article=queue["approved"].article, parent=queue["approved"])
    assert "Одобрен" in inspected(client, reply)["Ответ на"]
