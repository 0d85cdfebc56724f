"""Hostile input, generated (hypothesis): whatever a reader sends to the search page, a
listing's pagination, the read API's filters, the comment and subscription forms, and
whatever an import file holds, Qalam answers without a server error, and an import that
fails leaves the database as it was. Each test counts the inputs it tried and requires the
whole run (docs/testing.md: «Hostile input»)."""

import json
import os
import re
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.models import Author
from qalam.comments.models import Comment
from qalam.comments.tests.conftest import aged_token
from qalam.images.models import QalamImage
from qalam.tags.models import Tag

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("QALAM_HOSTILE_EXAMPLES", "200"))
RUN = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same inputs in every run, so a failure in CI repeats here
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIXTURES = settings.BASE_DIR / "qalam" / "importers" / "tests" / "fixtures"

# Text as an attacker types it: any code point (surrogates and NUL excluded by HTTP), the
# tricks of markup and of Unicode, numbers where words go, and very long strings.
TRICKS = st.sampled_from([
    "<script>alert(1)</script>", "\u202egnp.exe", "' OR 1=1 --", "%00", "../../etc/passwd",
    "0", "-1", "99999999999999999999", "1e308", "NaN", "２０２６-１１-２４", "2026-02-30",
    "\ufeff", "\u200b", "ǅ", "İ", "ß", "\U0001f600" * 50, "a" * 5000, "[]", "{}", "null",
])  # fmt: skip
HOSTILE = st.one_of(TRICKS, st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
PARAMETER = st.one_of(HOSTILE, st.integers(-(10**12), 10**12).map(str))


def without_nul(value):
    return value.replace("\x00", "")


class Tried:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1


def check_answer(response, allowed=(200, 301, 302, 400, 404, 405, 429)):
    assert response.status_code in allowed, response.status_code


@pytest.fixture
def article(rubric):
    return ArticlePageFactory(parent=rubric, title="Экспорт зерна вырос", tags=["зерно"])


def test_the_search_page(client, article):
    tried = Tried()

    @RUN
    @given(st.dictionaries(
        st.sampled_from(["q", "page", "rubric", "language", "author", "date_from", "date_to",
                         "sort", "x"]), PARAMETER, max_size=6))  # fmt: skip
    def search(query):
        tried()
        check_answer(client.get("/search/", {k: without_nul(v) for k, v in query.items()}))

    search()
    assert tried.count >= EXAMPLES


def test_a_listings_pages(client, article):
    tried = Tried()

    @RUN
    @given(PARAMETER)
    def listing(page):
        tried()
        check_answer(client.get(article.get_parent().url, {"page": without_nul(page)}))
        check_answer(client.get("/feeds/rss/", {"page": without_nul(page)}))

    listing()
    assert tried.count >= EXAMPLES


def test_the_read_apis_filters(client, article):
    tried = Tried()
    names = ["type", "search", "order", "limit", "offset", "fields", "child_of", "locale",
             "slug", "tags", "id", "search_operator", "descendant_of"]  # fmt: skip

    @RUN
    @given(st.dictionaries(st.sampled_from(names), PARAMETER, max_size=5))
    def api(query):
        tried()
        check_answer(client.get("/api/v2/pages/", {k: without_nul(v) for k, v in query.items()}))

    api()
    assert tried.count >= EXAMPLES


def test_the_comment_form(client, article):
    tried = Tried()
    fields = ["author_name", "email", "url", "text", "homepage", "token", "parent"]

    @RUN
    @given(st.dictionaries(st.sampled_from(fields), PARAMETER, max_size=7), st.booleans())
    def comment(data, with_token):
        tried()
        if with_token:
            data = {"token": aged_token(article.pk), **data}
        data = {k: without_nul(v) for k, v in data.items()}
        check_answer(client.post(f"/comments/post/{article.pk}/", data))

    comment()
    assert tried.count >= EXAMPLES
    # Whatever was stored is held for moderation: nothing a generator sent is public.
    assert not Comment.objects.filter(status="approved").exists()


def test_the_subscription_form(client, homes, settings):
    settings.QALAM_SUBSCRIBE_RATE = "100000/m"  # the limit is tested on its own; here, the form
    tried = Tried()

    @RUN
    @given(st.dictionaries(st.sampled_from(["email", "rubrics", "website"]), PARAMETER, max_size=3))
    def subscribe(data):
        tried()
        check_answer(client.post("/subscribe/", {k: without_nul(v) for k, v in data.items()}))

    subscribe()
    assert tried.count >= EXAMPLES


def state():
    return (
        Page.objects.count(), Author.objects.count(), Tag.objects.count(),
        QalamImage.objects.count(), Redirect.objects.count(), Comment.objects.count(),
    )  # fmt: skip


GOOD = {
    "title": "Перспективы партнерства",
    "lead": "Президент провел в Туркестане встречу.",
    "body": ["Первый абзац.", "Второй абзац."],
    "rubric": "Официально",
    "tags": ["Туркестан"],
    "authors": ["Айгерим Сарсенова"],
    "published_at": "2026-11-24T15:43:00+05:00",
    "language": "ru",
}
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), HOSTILE),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(HOSTILE, inner, max_size=3)
    ),
    max_leaves=6,
)


def test_jsonl_import(homes, tmp_path):
    tried, refused = Tried(), Tried()
    path = tmp_path / "articles.jsonl"

    @RUN
    @given(
        st.dictionaries(st.sampled_from([*GOOD, "slug", "image", "source_url", "body_html"]),
                        VALUES, max_size=4),
        st.one_of(st.none(), st.binary(max_size=200), HOSTILE),
    )  # fmt: skip
    def import_articles(changes, extra_line):
        tried()
        lines = [json.dumps({**GOOD, **changes}, ensure_ascii=False).encode()]
        if extra_line is not None:
            lines.append(extra_line if isinstance(extra_line, bytes) else extra_line.encode())
        path.write_bytes(b"\n".join(lines) + b"\n")
        before = state()
        try:
            call_command("import_articles", str(path), verbosity=0)
        except CommandError:
            refused()
            assert state() == before

    import_articles()
    assert tried.count >= EXAMPLES
    assert refused.count > 0  # the generator did reach the importer's refusals


TEXT_NODE = re.compile(rb">([^<>]+)<")


def test_wordpress_import(homes, tmp_path):
    base = (FIXTURES / "wordpress-4x-wxr-1.1.wxr").read_bytes()
    spans = [match.span(1) for match in TEXT_NODE.finditer(base)]
    tried, refused = Tried(), Tried()
    path = tmp_path / "export.wxr"

    @RUN
    @given(
        st.lists(st.tuples(st.integers(0, len(spans) - 1), HOSTILE), max_size=3),
        st.one_of(st.none(), st.integers(0, len(base))),
        st.booleans(),
    )
    def import_wordpress(replacements, cut_at, escaped):
        tried()
        document = base
        for index, text in sorted(replacements, reverse=True):
            start, end = spans[index]
            value = escape(text) if escaped else text
            document = document[:start] + value.encode("utf-8", "surrogatepass") + document[end:]
        if cut_at is not None:
            document = document[:cut_at]
        path.write_bytes(document)
        before = state()
        try:
            call_command("import_wordpress", str(path), "--report", str(tmp_path / "r.txt"),
                         verbosity=0)  # fmt: skip
        except CommandError:
            refused()
            assert state() == before

    import_wordpress()
    assert tried.count >= EXAMPLES
    assert refused.count > 0
