"""Admin sign-in under attack (docs/security.md).

django-axes counts failures per account and address together: after
`AXES_FAILURE_LIMIT` of them that pair is locked, so a guesser cannot go on and an editor
elsewhere, or the same office under another account, still signs in. On top, one address may
fail `QALAM_SIGNIN_FAILURES` times in all (django-ratelimit, the comments' counter), which
stops one address trying many accounts. Both refusals come back on the sign-in page, with
the name that was typed."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.account import LoginView

from django_ratelimit.core import get_usage

from .clients import client_ip

LOCKED = _(
    "Too many failed sign-in attempts for this account from your address. Signing in is "
    "blocked for %(hours)s h; an administrator can lift the block sooner."
)
TOO_MANY = _(
    "Too many failed sign-in attempts from your address. Try again later or ask an administrator."
)


def address_key(group, request):
    return client_ip(request) or "unknown"


def address_failures(request, increment):
    """How many sign-ins failed from this address, and how many may."""
    usage = get_usage(
        request,
        group="qalam.signin",
        key=address_key,
        rate=settings.QALAM_SIGNIN_FAILURES,
        method="POST",
        increment=increment,
    )
    return (usage["count"], usage["limit"]) if usage else (0, 0)


def address_exhausted(request):
    """Without a cache to count in (limit 0), the ceiling lapses; axes' lock, kept in the
    database, still holds each account."""
    count, limit = address_failures(request, increment=False)
    return bool(limit) and count >= limit


class SignInView(LoginView):
    template_name = "core/signin.html"
    refusal = None

    def post(self, request, *args, **kwargs):
        if self.refusal:
            return self.refuse(self.refusal)
        if address_exhausted(request):
            return self.refuse(TOO_MANY)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            address_failures(request, increment=True)
        return response

    def refuse(self, message):
        form = self.get_form_class()(
            self.request, initial={"username": self.request.POST.get("username", "")}
        )
        context = self.get_context_data(form=form, refusal=message)
        return self.render_to_response(context, status=429)


def locked_out(request, response, credentials):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the sign-in page saying why."""
    hours = int(settings.AXES_COOLOFF_TIME)
    page = SignInView.as_view(refusal=LOCKED % {"hours": hours})(request)
    return page.render()
