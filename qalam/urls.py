from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from qalam.api.urls import router as api_router
from qalam.articles import urls as article_urls
from qalam.articles import views as article_views
from qalam.core import routing, signin
from qalam.digests import urls as digest_urls
from qalam.feeds import sitemap_views

urlpatterns = [
    path("sitemap.xml", sitemap_views.index, name="sitemap-index"),
    path("sitemap-news.xml", sitemap_views.news, name="sitemap-news"),
    path("sitemap-<section>.xml", sitemap_views.section, name="sitemap-section"),
    path("robots.txt", sitemap_views.robots, name="robots"),
    path("api/v2/", api_router.urls),
    # Wagtail's sign-in with a ceiling of failures per address (core/signin.py).
    path("admin/login/", signin.SignInView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("budget/", include("qalam.budget.urls")),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    # The mail provider's tracking webhooks: bounces and complaints (qalam/digests).
    path("anymail/", include("anymail.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Reader-facing pages: Russian at the root, Kazakh under /kk/, English under /en/.
urlpatterns += i18n_patterns(
    path("authors/", include(article_urls.authors)),
    path("tags/", include(article_urls.tags)),
    path("corrections/", article_views.corrections_page, name="corrections"),
    path("feeds/", include("qalam.feeds.urls")),
    # The addresses readers guess, and WordPress's, already in aggregators' subscriptions.
    path("rss/", RedirectView.as_view(pattern_name="feeds:site-rss", permanent=True)),
    path("feed/", RedirectView.as_view(pattern_name="feeds:site-rss", permanent=True)),
    path("search/", include("qalam.search.urls")),
    path("comments/", include("qalam.comments.urls")),
    path("subscribe/", include(digest_urls.subscription)),
    path("digests/", include(digest_urls.digests)),
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "qalam.core.views.server_error"
