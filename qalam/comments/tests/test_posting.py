"""Posting a comment without JavaScript: first comments wait, trusted senders publish at
once, and every refusal comes back with what was typed."""

from django.test import override_settings

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from qalam.comments.factories import BlockFactory, CommentFactory
from qalam.comments.models import Block, Comment, CommentSettings, Status

from .conftest import aged_token

pytestmark = pytest.mark.django_db


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def notice(response):
    return page(response).select_one(".notice").get_text(" ", strip=True)


def test_first_comment_awaits_moderation_and_shows_once_approved(client, article, post_comment):
    response = post_comment(article)
    assert response.status_code == 302
    assert response["Location"] == article.url + "#comments"

    comment = Comment.objects.get()
    assert (comment.status, comment.article_id) == (Status.PENDING, article.pk)
    assert comment.moderation_reason
    followed = client.get(response["Location"])
    assert "появится после проверки" in notice(followed)
    assert "Хорошая новость." not in followed.content.decode()

    comment.status = Status.APPROVED
    comment.save()
    shown = page(client.get(article.url))
    assert shown.select_one(f"#comment-{comment.pk} .comment__text").text == "Хорошая новость."
    assert shown.select_one("#comments-heading").text == "1 комментарий"


def test_an_approved_sender_is_published_at_once(client, article, post_comment):
    CommentFactory(article=article, email="aigerim@example.kz", status=Status.APPROVED)
    response = post_comment(article, email="Aigerim@Example.kz", text="Второй комментарий")
    comment = Comment.objects.latest("pk")
    assert comment.status == Status.APPROVED
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    assert "Второй комментарий" in client.get(article.url).content.decode()


def test_a_pending_comment_does_not_make_its_sender_trusted(article, post_comment):
    CommentFactory(article=article, email="aigerim@example.kz", status=Status.PENDING)
    post_comment(article)
    assert Comment.objects.latest("pk").status == Status.PENDING


def test_rules_hold_a_trusted_sender_too(article, post_comment, settings):
    settings.QALAM_COMMENT_STOP_WORDS = ["казино"]
    settings.QALAM_COMMENT_SPAM_WORDS = ["виагра"]
    CommentFactory(article=article, email="aigerim@example.kz", status=Status.APPROVED)

    post_comment(article, text="Лучшее КАЗИНО города")
    held = Comment.objects.latest("pk")
    assert (held.status, held.moderation_reason) == (Status.PENDING, "стоп-слово: казино")

    post_comment(article, text="Купите виагру… виагра")
    assert Comment.objects.latest("pk").status == Status.SPAM

    links = " ".join(f"https://example.com/{n}" for n in range(3))
    post_comment(article, text=f"Смотрите {links}")
    assert Comment.objects.latest("pk").status == Status.PENDING

    post_comment(article, text="Одна ссылка https://example.com и ещё одна https://example.org")
    assert Comment.objects.latest("pk").status == Status.APPROVED


def test_comment_settings_add_spam_words(article, post_comment):
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.spam_words = "распродажа\n  \n"
    rules.save()
    post_comment(article, text="Большая РАСПРОДАЖА")
    assert Comment.objects.get().status == Status.SPAM


def test_a_reply_to_a_reply_hangs_under_the_top_level_comment(client, article, post_comment):
    top = CommentFactory(article=article, author_name="Первый")
    reply = CommentFactory(article=article, parent=top, author_name="Второй")
    form = page(client.get(f"{article.url}?replyto={reply.pk}"))
    assert form.select_one("input[name=parent]")["value"] == str(top.pk)
    assert "Второй" in form.select_one(".comment-form__reply-to").text

    post_comment(article, parent=str(reply.pk))
    assert Comment.objects.latest("pk").parent_id == top.pk

    other = CommentFactory(article=CommentFactory().article)
    post_comment(article, parent=str(other.pk))
    assert Comment.objects.latest("pk").parent_id is None
    for junk in ("abc", "-1", "9" * 40):
        assert post_comment(article, parent=junk).status_code == 302
        assert Comment.objects.latest("pk").parent_id is None


def test_replyto_ignores_what_is_not_an_approved_comment_here(client, article):
    pending = CommentFactory(article=article, status=Status.PENDING)
    for value in (str(pending.pk), "abc", "99999", ""):
        soup = page(client.get(f"{article.url}?replyto={value}"))
        assert soup.select_one("input[name=parent]").get("value") in (None, "")
        assert soup.select_one(".comment-form__reply-to") is None


def test_replies_are_indented_under_their_parent_oldest_first(client, article, hours_ago):
    first = CommentFactory(article=article, author_name="А", created_at=hours_ago(5))
    second = CommentFactory(article=article, author_name="Б", created_at=hours_ago(4))
    CommentFactory(article=article, parent=first, author_name="А1", created_at=hours_ago(1))
    CommentFactory(article=article, parent=first, author_name="А2", created_at=hours_ago(3))
    CommentFactory(article=article, status=Status.SPAM, author_name="Спам")
    soup = page(client.get(article.url))
    top = soup.select(".comments__list > li")
    assert [li.select_one(".comment__author").text for li in top] == ["А", "Б"]
    replies = top[0].select(".comments__replies .comment__author")
    assert [author.text for author in replies] == ["А2", "А1"]
    assert soup.select_one("#comments-heading").text == "4 комментария"
    assert "Спам" not in soup.text
    assert second.pk


def test_the_form_shows_the_exact_russian_note(client, article):
    soup = page(client.get(article.url))
    assert soup.select_one("#comment-form-heading").text == "Добавить комментарий"
    assert soup.select_one(".comment-form__note").text == (
        "Ваш адрес email не будет опубликован. Обязательные поля помечены *"
    )
    labels = [
        label.get_text(" ", strip=True) for label in soup.select(".comment-form .field label")
    ]
    assert labels == [
        "Имя * (обязательно)",
        "Email * (обязательно)",
        "Сайт",
        "Комментарий * (обязательно)",
    ]
    for label in soup.select(".comment-form .field label"):
        assert soup.find(id=label["for"]) is not None


def test_a_failed_submission_keeps_every_value_and_marks_the_field(article, post_comment):
    text = "Первая строка\nвторая строка " + "с" * 5000
    response = post_comment(
        article, author_name="Айгерим", email="not-an-email", url="example.kz/me", text=text
    )
    assert response.status_code == 400
    soup = page(response)
    assert soup.select_one("#id_author_name")["value"] == "Айгерим"
    assert soup.select_one("#id_email")["value"] == "not-an-email"
    assert soup.select_one("#id_url")["value"] == "example.kz/me"
    assert soup.select_one("#id_text").text.removeprefix("\n").replace("\r\n", "\n") == text
    email = soup.select_one("#id_email")
    assert email["aria-invalid"] == "true"
    error = soup.find(id=email["aria-describedby"].split()[-1])
    assert "адрес электронной почты" in error.text
    text_error = soup.find(id="id_text-error").text
    assert "5000" in text_error or "5 000" in text_error
    assert Comment.objects.count() == 0
    assert response["Cache-Control"] == "private, no-store"


def test_missing_required_fields_are_named(article, post_comment):
    response = post_comment(article, author_name="", email="", text="")
    soup = page(response)
    assert response.status_code == 400
    for name in ("author_name", "email", "text"):
        assert soup.find(id=f"id_{name}-error").text == "Обязательное поле."


@pytest.mark.parametrize(
    "text", ["нулевой\x00байт", "управляющий\x07символ", "битая кодировка \ufffd\ufffd"]
)
def test_binary_and_badly_encoded_text_is_refused_with_a_message(article, post_comment, text):
    response = post_comment(article, text=text)
    assert response.status_code == 400
    assert page(response).find(id="id_text-error").text
    assert Comment.objects.count() == 0


def test_bytes_that_are_not_utf8_come_back_as_a_message(client, article):
    body = (
        f"author_name=A&email=a%40example.kz&text=%CF%F0%E8%E2%E5%F2&token={aged_token(article.pk)}"
    )
    response = client.post(
        f"/comments/post/{article.pk}/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "другой кодировке" in page(response).find(id="id_text-error").text


def test_a_body_too_large_to_read_gets_a_message_not_a_500(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        f"/comments/post/{article.pk}/",
        {"author_name": "A", "email": "a@example.kz", "text": "x" * 5000},
    )
    assert response.status_code == 413
    assert "слишком большим" in page(response).select_one(".comment-form__errors").text


def test_honeypot_is_answered_as_if_accepted_and_dropped(client, article, post_comment):
    response = post_comment(article, homepage="https://spam.example")
    assert response.status_code == 302
    assert Comment.objects.count() == 0
    assert "появится после проверки" in notice(client.get(response["Location"]))


def test_a_form_sent_too_quickly_is_refused_with_the_text_kept(article, post_comment):
    response = post_comment(article, token=aged_token(article.pk, seconds=0))
    assert response.status_code == 400
    soup = page(response)
    assert "быстрее" in soup.select_one(".comment-form__errors").text
    assert soup.select_one("#id_text").text.removeprefix("\n") == "Хорошая новость."
    assert soup.select_one("input[name=token]")["value"] != ""
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("token", ["", "forged", "7:1:abc"])
def test_a_missing_or_forged_token_is_refused(article, post_comment, token):
    response = post_comment(article, token=token)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_an_expired_form_asks_to_send_again_with_a_fresh_token(article, post_comment):
    stale = aged_token(article.pk, seconds=2 * 24 * 3600)
    response = post_comment(article, token=stale)
    assert response.status_code == 400
    soup = page(response)
    assert "слишком долго" in soup.select_one(".comment-form__errors").text
    assert soup.select_one("input[name=token]")["value"] != stale


def test_a_token_from_another_article_is_refused(article, post_comment, rubric):
    from qalam.articles.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=rubric)
    assert post_comment(article, token=aged_token(other.pk)).status_code == 400


def test_a_form_on_another_site_is_refused(article, post_comment):
    response = post_comment(article, headers={"HTTP_ORIGIN": "https://evil.example"})
    assert response.status_code == 403
    assert "другом сайте" in page(response).select_one(".comment-form__errors").text
    assert Comment.objects.count() == 0
    same = post_comment(article, headers={"HTTP_ORIGIN": "http://testserver"})
    assert same.status_code == 302


def test_no_csrf_token_or_cookie_is_needed(article, post_comment):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = post_comment(article, client=strict)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_blocked_email_and_ip_are_refused_with_the_text_kept(article, post_comment, client):
    from qalam.comments.senders import ip_hash

    BlockFactory(kind=Block.Kind.EMAIL, value="AIGERIM@example.kz")
    response = post_comment(article)
    assert response.status_code == 403
    assert "не принимаются" in page(response).select_one(".comment-form__errors").text
    assert page(response).select_one("#id_text").text.removeprefix("\n") == "Хорошая новость."

    request = client.get("/").wsgi_request
    BlockFactory(kind=Block.Kind.IP_HASH, value=ip_hash(request))
    assert post_comment(article, email="other@example.kz").status_code == 403
    assert Comment.objects.count() == 0


def test_comments_closed_on_the_article(client, article, post_comment):
    article.comments_open = False
    article.save_revision().publish()
    soup = page(client.get(article.url))
    assert soup.select_one(".comments__closed")
    assert soup.select_one("form.comment-form") is None

    response = post_comment(article, text="Мой текст")
    assert response.status_code == 403
    soup = page(response)
    assert "закрыты" in soup.select_one(".comments__closed").text
    assert soup.select_one("#kept-text").text.removeprefix("\n") == "Мой текст"
    assert Comment.objects.count() == 0


def test_comments_close_some_days_after_publication(client, article, post_comment, hours_ago):
    rules = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    rules.close_after_days = 2
    rules.save()
    article.first_published_at = hours_ago(24)
    article.save_revision().publish()
    assert page(client.get(article.url)).select_one("form.comment-form")
    article.first_published_at = hours_ago(49)
    article.save_revision().publish()
    assert page(client.get(article.url)).select_one("form.comment-form") is None
    assert post_comment(article).status_code == 403


@pytest.mark.parametrize("state", ["unknown", "unpublished", "deleted"])
def test_a_missing_article_says_so_and_keeps_the_text(client, article, post_comment, state):
    if state == "unpublished":
        article.unpublish()
    elif state == "deleted":
        article.delete()
    if state == "unknown":
        article.pk = 999999
    response = post_comment(article, text="Текст, который нельзя терять")
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.text == "Статья больше не опубликована"
    assert soup.select_one("#kept-text").text.removeprefix("\n") == "Текст, который нельзя терять"


def test_an_id_beyond_any_database_integer_is_a_404(client, article):
    response = client.post("/comments/post/99999999999999999999999999/", {"text": "Текст"})
    assert response.status_code == 404


def test_get_is_not_allowed(client, article):
    assert client.get(f"/comments/post/{article.pk}/").status_code == 405


@override_settings(QALAM_COMMENT_RATE="2/10m")
def test_rate_limit_answers_429_with_the_text_kept(article, post_comment):
    assert post_comment(article, text="Раз").status_code == 302
    assert post_comment(article, text="Два").status_code == 302
    response = post_comment(article, text="Три")
    assert response.status_code == 429
    assert response["Retry-After"]
    soup = page(response)
    assert "несколько комментариев" in soup.select_one(".comment-form__errors").text
    assert soup.select_one("#id_text").text.removeprefix("\n") == "Три"
    assert Comment.objects.count() == 2

    elsewhere = post_comment(article, text="С другого адреса", headers={"REMOTE_ADDR": "10.1.2.3"})
    assert elsewhere.status_code == 302


def test_comment_in_kazakh_edition_answers_in_kazakh(client, homes, post_comment):
    from qalam.articles.factories import ArticlePageFactory
    from qalam.rubrics.factories import RubricPageFactory

    rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    article = ArticlePageFactory(parent=rubric, title="Серіктестік", slug="seriktestik")
    soup = page(client.get(article.url))
    assert soup.select_one("form.comment-form")["action"].startswith("/kk/comments/post/")
    response = client.post(soup.select_one("form.comment-form")["action"], {"text": ""})
    assert response.status_code == 400
    assert page(response).html["lang"] == "kk"


@pytest.mark.parametrize("url", ["http://moy-sayt", "сайт", "ftp://example.kz"])
def test_a_wrong_website_is_named_once(article, post_comment, url):
    response = post_comment(article, url=url)
    assert response.status_code == 400
    error = page(response).find(id="id_url-error").get_text()
    assert error.count("Введите правильный URL.") == 1, error
