"""Reader text is plain text: escaped, line breaks kept, http(s) addresses linked with
rel="nofollow ugc noopener", and nothing a reader typed ever becomes markup."""

import pytest
from bs4 import BeautifulSoup

from qalam.comments.factories import CommentFactory
from qalam.comments.templatetags.comment_tags import comment_text

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>alert(1)</script>",
    "<iframe src=https://evil.example></iframe>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_render_inert(client, rubric, payload):
    comment = CommentFactory(
        article__parent=rubric, author_name=payload, text=f"до {payload} после", url=""
    )
    html = client.get(comment.article.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    shown = soup.select_one(f"#comment-{comment.pk}")
    assert shown.select_one(".comment__author").text == payload
    assert shown.select_one(".comment__text").text == f"до {payload} после"
    assert not shown.select("script, img, svg, iframe")
    for element in shown.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs)
    for link in shown.select(".comment__text a"):
        assert link["href"].startswith("https://")
        assert link["rel"] == ["nofollow", "ugc", "noopener"]
    assert "<script>alert" not in html


def test_a_javascript_website_is_never_linked(client, rubric):
    comment = CommentFactory(article__parent=rubric, url="https://ok.example/")
    comment.url = "javascript:alert(1)"  # as if an editor had typed it in
    comment.save()
    soup = BeautifulSoup(client.get(comment.article.url).content, "html.parser")
    author = soup.select_one(f"#comment-{comment.pk} .comment__author a")
    assert author is None or not author["href"].startswith("javascript")


def test_links_line_breaks_and_punctuation():
    html = comment_text("См. https://example.kz/a?b=1&c=2.\r\nИ (https://example.kz/x).\nhttp://")
    assert html == (
        'См. <a href="https://example.kz/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.kz/a?b=1&amp;c=2</a>.<br>"
        'И (<a href="https://example.kz/x" rel="nofollow ugc noopener">https://example.kz/x</a>).'
        "<br>http://"
    )


def test_the_commenters_website_links_with_ugc_rel(client, rubric):
    comment = CommentFactory(article__parent=rubric, url="https://aigerim.example/")
    soup = BeautifulSoup(client.get(comment.article.url).content, "html.parser")
    link = soup.select_one(f"#comment-{comment.pk} .comment__author a")
    assert link["href"] == "https://aigerim.example/"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
