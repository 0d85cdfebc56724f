"""The WordPress site's addresses → their Qalam pages, as permanent redirects of
wagtail.contrib.redirects (`/?p=123` too: see `importers.middleware`)."""

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

BATCH = 500
MAX_PATH = Redirect._meta.get_field("old_path").max_length


def old_path(url):
    """An address as Wagtail keeps redirects: path and sorted query, host left out,
    percent-encoded letters decoded (Wagtail looks both ways up)."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return Redirect.normalise_path(f"{path}?{parts.query}" if parts.query else path)


class Redirects:
    def __init__(self, site, report):
        self.site, self.report = site, report
        self.pending = {}  # old path → (page ID, link)

    def add(self, url, page=None, link="", path=None):
        """A redirect from `url` to `page` (whose address is `path`) or to `link`; none
        when both addresses are the same."""
        old = old_path(url)
        if old == "/" or old == old_path(path or link):
            return
        if len(old) > MAX_PATH:
            self.report.count("redirects", "skipped")
            self.report.warn("redirects", None, f"address too long to redirect: {url[:120]}…")
            return
        self.pending[old] = (page.pk if page else None, "" if page else link)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        pending, self.pending = self.pending, {}
        if not pending:
            return
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(site=self.site, old_path__in=list(pending))
        }
        new, changed = [], []
        for path, (page_id, link) in pending.items():
            redirect = existing.get(path)
            if redirect is None:
                new.append(
                    Redirect(
                        old_path=path, site=self.site, redirect_page_id=page_id, redirect_link=link
                    )
                )
            elif (redirect.redirect_page_id, redirect.redirect_link) != (page_id, link):
                redirect.redirect_page_id, redirect.redirect_link = page_id, link
                redirect.is_permanent = True
                changed.append(redirect)
        Redirect.objects.bulk_create(new)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        self.report.count("redirects", "created", len(new))
        self.report.count("redirects", "updated", len(changed))
        self.report.count("redirects", "unchanged", len(pending) - len(new) - len(changed))
