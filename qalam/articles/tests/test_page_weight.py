"""The weight of the demo's pages as a reader's browser fetches them: the HTML with the CSS,
scripts and fonts it links, each compressed as the server sends it (gzip, level 6), within
the 12 KB budget (docs/frontend.md); photos are not counted. Nothing comes from another site."""

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

BUDGET = 12_000
SEED = "/ofitsialno/perspektivy-partnerstva/"
FONT = re.compile(r"\.(woff2?|ttf|otf)$")
# Every element and attribute through which a page makes the browser fetch something.
RESOURCES = [
    ('link[rel~="stylesheet"]', "href"),
    ('link[rel~="icon"]', "href"),
    ('link[rel~="preload"]', "href"),
    ('link[rel~="modulepreload"]', "href"),
    ("script[src]", "src"),
    ("img[src]", "src"),
    ("img[srcset]", "srcset"),
    ("source[srcset]", "srcset"),
    ("iframe[src]", "src"),
]


def compressed(data):
    return len(gzip.compress(data, compresslevel=6))


def static_file(url):
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not one of the site's static files"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is linked but not found"
    return Path(found).read_bytes()


def fonts_of(stylesheet_url, css):
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css.decode())
    return [urljoin(stylesheet_url, url) for url in urls if FONT.search(urlsplit(url).path)]


def weigh(html):
    """Compressed bytes of the page's HTML, CSS, JavaScript and fonts."""
    soup = BeautifulSoup(html, "html.parser")
    stylesheets = [link["href"] for link in soup.select('link[rel~="stylesheet"]')]
    css = {url: static_file(url) for url in stylesheets}
    fonts = {font for url, sheet in css.items() for font in fonts_of(url, sheet)}
    fonts |= {link["href"] for link in soup.select('link[rel~="preload"][as="font"]')}
    scripts = [script["src"] for script in soup.select("script[src]")]
    return {
        "html": compressed(html),
        "css": sum(compressed(sheet) for sheet in css.values()),
        "js": sum(compressed(static_file(url)) for url in scripts),
        # Fonts are compressed already: they travel as they are.
        "fonts": sum(len(static_file(url)) for url in fonts),
    }


def fetched_from(html):
    soup = BeautifulSoup(html, "html.parser")
    for selector, attribute in RESOURCES:
        for element in soup.select(selector):
            for candidate in element[attribute].split(","):
                yield candidate.split()[0]


@pytest.mark.parametrize("path", [SEED, "/"])
def test_demo_page_weighs_at_most_12_kb_compressed_and_loads_nothing_from_elsewhere(client, path):
    call_command("load_demo", verbosity=0)
    html = client.get(path).content

    weights = weigh(html)
    assert weights["css"] > 0, "the stylesheet was not found: the page would be weighed without it"
    assert sum(weights.values()) <= BUDGET, weights

    elsewhere = [url for url in fetched_from(html) if not url.startswith("/") or url[:2] == "//"]
    assert elsewhere == []
