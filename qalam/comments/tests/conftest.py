import time

from django.core import signing

import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.comments.forms import SIGNING_SALT


@pytest.fixture
def article(rubric):
    return ArticlePageFactory(parent=rubric, title="Перспективы партнерства", slug="perspektivy")


def aged_token(article_id, seconds=60):
    """A form token as if the page had been made `seconds` ago."""
    signer = signing.TimestampSigner(salt=SIGNING_SALT)
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds
        return signer.sign(str(article_id))
    finally:
        time.time = real_time


@pytest.fixture
def post_comment(client):
    """Posts the comment form of `article` as a browser with JavaScript off would."""

    def post(article, follow=False, client=client, headers=None, **fields):
        data = {
            "author_name": "Айгерим",
            "email": "aigerim@example.kz",
            "url": "",
            "text": "Хорошая новость.",
            "homepage": "",
            "token": aged_token(article.pk),
            "parent": "",
            **fields,
        }
        return client.post(f"/comments/post/{article.pk}/", data, follow=follow, **(headers or {}))

    return post
