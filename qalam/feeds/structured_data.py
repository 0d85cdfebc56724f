"""schema.org data for search engines and link previews: NewsArticle and BreadcrumbList
on articles, WebSite and the publishing Organization on home pages."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from qalam.articles.models import SHARE_PHOTO, StoryPage
from qalam.core.chrome import site_chrome
from qalam.home.models import HomePage

SCHEMA = "https://schema.org"
LOGO = "height-60"


def absolute(request, url):
    """Addresses on the host the reader asked, as the canonical link has them."""
    return request.build_absolute_uri(url)


def publisher(request, site_settings):
    organization = {
        "@type": "NewsMediaOrganization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute(request, "/"),
    }
    edition = site_chrome(request)["edition"]
    for key, page in (
        ("correctionsPolicy", edition.corrections_policy),
        ("ethicsPolicy", edition.ethics_policy),
        ("masthead", edition.masthead),
    ):
        if page is not None and page.live:
            organization[key] = absolute(request, page.get_url(request))
    logo = site_settings.logo or site_settings.placeholder_image
    if logo:
        rendition = logo.get_rendition(LOGO)
        organization["logo"] = {
            "@type": "ImageObject",
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return organization


def news_article(page, request, rubric, authors, tags, site_settings):
    url = absolute(request, page.get_url(request))
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.search_description or page.lead,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": page.modified_at.isoformat() if page.modified_at else None,
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "isAccessibleForFree": True,
        "publisher": publisher(request, site_settings),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute(request, author.get_absolute_url()),
            }
            for author in authors
        ]
        or [
            {
                "@type": "Organization",
                "name": settings.WAGTAIL_SITE_NAME,
                "url": absolute(request, "/"),
            }
        ],
    }
    if rubric:
        data["articleSection"] = rubric.title
    if page.correction:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": page.correction,
            "datePublished": page.modified_at.isoformat() if page.modified_at else None,
        }
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    photo = page.share_photo(site_settings)
    if photo:
        data["image"] = [absolute(request, photo.get_rendition(SHARE_PHOTO).url)]
    return {key: value for key, value in data.items() if value is not None}


def breadcrumbs(request, *pages):
    """A BreadcrumbList of (name, url) pairs, the home page first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, url)}
            for n, (name, url) in enumerate(pages, start=1)
        ],
    }


def website(request, site_settings, home):
    return [
        {
            "@context": SCHEMA,
            "@type": "WebSite",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": absolute(request, home.get_url(request)),
            "inLanguage": get_language(),
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": absolute(request, reverse("search")) + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        },
        {"@context": SCHEMA, **publisher(request, site_settings)},
    ]


def for_page(page, context):
    """The schema.org data of a page being rendered (`{% structured_data %}`)."""
    request = context["request"]
    site_settings = site_chrome(request)["settings"]
    if isinstance(page, StoryPage):
        rubric = context.get("rubric")
        trail = [(settings.WAGTAIL_SITE_NAME, reverse("wagtail_serve", args=[""]))]
        if rubric:
            trail.append((rubric.title, rubric.get_url(request)))
        trail.append((page.title, page.get_url(request)))
        authors, tags = context.get("authors", []), context.get("tags", [])
        return [
            news_article(page, request, rubric, authors, tags, site_settings),
            breadcrumbs(request, *trail),
        ]
    if isinstance(page, HomePage):
        return website(request, site_settings, page)
    return []
