"""A commenter's email never leaves the admin: not in the page, its source or JSON-LD, the
feeds, sitemaps or the API, not even as a Gravatar-style hash."""

import hashlib

import pytest

from qalam.comments.factories import CommentFactory
from qalam.comments.models import Status

pytestmark = pytest.mark.django_db

EMAIL = "secret.reader-7734@mail.example"


def traces(email):
    return [
        email,
        email.split("@")[0],
        "mail.example",
        hashlib.md5(email.encode()).hexdigest(),  # noqa: S324 - what Gravatar uses
        hashlib.sha256(email.encode()).hexdigest(),
    ]


def test_email_is_absent_from_every_public_response(client, rubric, post_comment):
    comment = CommentFactory(article__parent=rubric, email=EMAIL, status=Status.APPROVED)
    article = comment.article
    CommentFactory(article=article, parent=comment, email=EMAIL, status=Status.APPROVED)
    CommentFactory(article=article, email=EMAIL, status=Status.PENDING)
    urls = [
        article.url,
        f"{article.url}?replyto={comment.pk}",
        "/",
        rubric.url,
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/authors/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for trace in traces(EMAIL):
            assert trace not in body, f"{url} shows {trace}"
    assert client.get("/api/v2/comments/").status_code == 404

    # A redirect after posting, and the message on the next page, do not echo it either.
    response = post_comment(article, email="another.secret@mail.example")
    followed = client.get(response["Location"])
    assert "another.secret" not in response.serialize().decode()
    assert "another.secret" not in followed.content.decode()


def test_the_page_reads_no_email_from_the_database(client, rubric, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    comment = CommentFactory(article__parent=rubric, email=EMAIL)
    client.get(comment.article.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(comment.article.url)
    comment_queries = [q["sql"] for q in queries if "comments_comment" in q["sql"]]
    assert len(comment_queries) == 1
    assert '"email"' not in comment_queries[0] and "ip_hash" not in comment_queries[0]


def test_only_a_keyed_hash_of_the_ip_is_stored(rubric, post_comment):
    from qalam.articles.factories import ArticlePageFactory
    from qalam.comments.models import Comment

    article = ArticlePageFactory(parent=rubric)
    post_comment(article, headers={"REMOTE_ADDR": "203.0.113.7"})
    comment = Comment.objects.get()
    assert len(comment.ip_hash) == 64
    assert "203.0.113" not in str(Comment.objects.values().get())
    assert comment.ip_hash != hashlib.sha256(b"203.0.113.7").hexdigest()


def test_the_proxy_header_names_the_client_when_configured(rf, settings):
    from qalam.comments.senders import client_ip

    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "10.0.0.1"
    settings.QALAM_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request) == "203.0.113.7"
    v6 = rf.post("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    settings.QALAM_CLIENT_IP_HEADER = ""
    assert client_ip(v6) == "2001:db8:1:2::"
