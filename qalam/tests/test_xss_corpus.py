"""An XSS corpus where readers, editors' pastes and import files put text: article titles,
leads, body paragraphs and pasted HTML, tag and author names (all through `import_articles`),
comment names and texts (through the reader's form), and search queries. Every page that
shows them is opened in Chromium with listeners on dialogs and the console: none may run,
and none may leave an element that would run without the Content-Security-Policy (an event
handler attribute, an inline script, a `javascript:` address) — the escaping is checked on
its own, not through the policy that would also stop it."""

import json
from urllib.parse import quote

from django.core.management import call_command

import pytest

from qalam.articles.models import ArticlePage
from qalam.authors.models import Author
from qalam.comments.models import Comment, Status
from qalam.comments.tests.conftest import aged_token
from qalam.tags.models import Tag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each calls alert() or console.log() with its number where it runs.
VECTORS = [
    "<script>alert({n})</script>",
    "<img src=x onerror=alert({n})>",
    "<svg onload=alert({n})>",
    "<svg><script>alert({n})</script></svg>",
    '"><script>alert({n})</script>',
    "'><img src=x onerror=alert({n})>",
    "</title><script>alert({n})</script>",
    "</textarea><script>alert({n})</script>",
    "</script><script>alert({n})</script>",
    '<iframe src="javascript:alert({n})"></iframe>',
    '<a href="javascript:alert({n})">ссылка</a>',
    '<a href="&#106;avascript:alert({n})">ссылка</a>',
    '<a href="JaVaScRiPt:alert({n})">ссылка</a>',
    "javascript:alert({n})",
    "<body onload=alert({n})>",
    "<details open ontoggle=alert({n})>",
    "<input autofocus onfocus=alert({n})>",
    "<video><source onerror=alert({n})></video>",
    "<audio src=x onerror=alert({n})>",
    '<object data="javascript:alert({n})"></object>',
    '<embed src="javascript:alert({n})">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>",
    "<scr<script>ipt>alert({n})</scr</script>ipt>",
    '<img src="x" onerror="&#97;lert({n})">',
    '<form action="javascript:alert({n})"><button>отправить</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert({n})">',
    '<style>*{{background:url("javascript:alert({n})")}}</style>',
    '" onmouseover="alert({n})',
    "' autofocus onfocus='alert({n})",
    "<!--<script>alert({n})</script>-->",
    "<![CDATA[<script>alert({n})</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert({n})>">',
    '<svg><a xlink:href="javascript:alert({n})"><text y="20">x</text></a></svg>',
    '<base href="javascript:alert({n})//">',
    "{{{{constructor.constructor('alert({n})')()}}}}",
]
# The same vectors behind Unicode tricks: a right-to-left override, a zero-width space inside
# the tag name, full-width brackets.
TRICKS = [
    lambda text: text,
    lambda text: "\u202e" + text,
    lambda text: text.replace("<", "<\u200b", 1),
    lambda text: text.replace("<", "\uff1c").replace(">", "\uff1e"),
]
CORPUS = [
    trick(vector.format(n=number))
    for number, (trick, vector) in enumerate(
        ((trick, vector) for trick in TRICKS for vector in VECTORS), start=1
    )
]
# What would run were it not escaped (public pages' own scripts have a `src`, and their
# structured data is JSON, not script).
ARMED = (
    "[onerror], [onload], [onfocus], [ontoggle], [onmouseover], [onclick], [onstart], "
    "script:not([src]):not([type='application/ld+json']), iframe[src^='javascript' i], "
    "a[href^='javascript' i], object[data^='javascript' i], embed[src^='javascript' i], "
    "form[action^='javascript' i], base[href], meta[http-equiv='refresh' i]"
)


SHOWN_AS_TEXT = (
    "corpus => corpus.filter(p => document.body.innerText.includes(p.slice(0, 20))).length"
)


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 100
    assert len(set(CORPUS)) == len(CORPUS)


@pytest.fixture
def loaded(live_server, homes, tmp_path):
    """The corpus in ten imported articles (a payload as title, lead, paragraphs, pasted HTML,
    tags and authors each) and as approved comments on the first of them."""
    records = []
    for start in range(0, len(CORPUS), 14):
        chunk = CORPUS[start : start + 14]
        records.append({
            "title": chunk[0][:250],
            "lead": " ".join(chunk[1:3]),
            "body_html": "".join(f"<p>{payload}</p>{payload}" for payload in chunk[3:8]),
            "rubric": "Официально",
            "tags": [payload[:90] for payload in chunk[8:11]],
            "authors": [payload[:200] for payload in chunk[11:14]],
            "published_at": f"2026-11-{1 + start // 14:02d}T10:00:00+05:00",
            "language": "ru",
        })  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    call_command("import_articles", str(path), verbosity=0)
    article = ArticlePage.objects.live().order_by("first_published_at").first()
    from django.test import Client

    client = Client()
    for number, payload in enumerate(CORPUS):
        client.post(
            f"/comments/post/{article.pk}/",
            {"author_name": payload[:80], "email": f"r{number}@example.org", "url": "",
             "text": payload, "homepage": "", "token": aged_token(article.pk), "parent": ""},
            REMOTE_ADDR=f"198.51.100.{number + 1}",  # one reader each: under the rate limit
        )  # fmt: skip
    Comment.objects.update(status=Status.APPROVED)
    return live_server.url


def test_no_payload_runs_or_arms_an_element_on_any_page(chromium, loaded):
    articles = list(ArticlePage.objects.live())
    paths = ["/", "/ofitsialno/"]
    paths += [article.url for article in articles]
    paths += [tag.get_absolute_url() for tag in Tag.objects.all()[:12]]
    paths += [author.get_absolute_url() for author in Author.objects.all()[:12]]
    paths += ["/search/?q=" + quote(payload) for payload in CORPUS]
    assert Comment.objects.filter(status=Status.APPROVED).count() == len(CORPUS)

    def visit(browser):
        ran, armed, shown = [], [], 0
        page = browser.new_page()
        page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda m: ran.append(m.text) if m.type == "log" else None)
        for path in paths:
            response = page.goto(loaded + path)
            assert response.status in (200, 404), path
            armed += [(path, html) for html in page.eval_on_selector_all(
                "main " + ", main ".join(ARMED.split(", ")), "els => els.map(e => e.outerHTML)"
            )]  # fmt: skip
            shown += page.evaluate(SHOWN_AS_TEXT, CORPUS)
        page.close()
        return ran, armed, shown

    ran, armed, shown = chromium.run(visit)
    assert ran == []
    assert armed == []
    # The payloads are on the pages as text, which is what escaping looks like.
    assert shown >= len(CORPUS)
