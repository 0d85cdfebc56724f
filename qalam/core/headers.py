"""The Content-Security-Policy of every response (docs/security.md), from django-csp, in two
policies: readers' pages allow no inline script or style at all, and the admin allows the
inline scripts and styles Wagtail's own widgets need.

Readers' pages carry no nonce on purpose: the page cache serves one copy to many readers,
and a nonce served twice protects nothing. The header is added outside the page cache, so a
cached page gets the policy of the day."""

from django.conf import settings

from csp.middleware import CSPMiddleware


def is_admin(request):
    return request.path_info.startswith(settings.QALAM_ADMIN_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = settings.QALAM_ADMIN_CSP
        return parts
