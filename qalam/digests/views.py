"""The reader's side of the digest: subscribe, confirm, change rubrics, unsubscribe. Every
page here names one reader, so none is kept by a shared cache (`never_cache`)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from django_ratelimit.core import is_ratelimited

from qalam.core.clients import client_ip

from . import mail, tokens
from .forms import RubricsForm, SubscribeForm, edition_rubrics
from .models import Subscriber

Status = Subscriber.Status


def client_key(group, request):
    """The reader's address as the comments' limit reads it (qalam.core.clients), hashed so
    the cache holds no address."""
    return salted_hmac(group, client_ip(request), algorithm="sha256").hexdigest()


def email_key(group, request):
    value = request.POST.get("email", "").strip().lower()
    return salted_hmac(group, value, algorithm="sha256").hexdigest()


def too_many(request):
    # Both counted on every try (no short cut), so a flood from one client or at one address
    # stops early.
    limits = [("qalam.digests.ip", client_key), ("qalam.digests.email", email_key)]
    rate = settings.QALAM_SUBSCRIBE_RATE
    hits = [
        is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
        for group, key in limits
    ]
    return any(hits)


@never_cache
def subscribe(request):
    language = get_language()
    form = SubscribeForm(request.POST or None, language=language)
    if request.method != "POST" or not form.is_valid():
        return render(request, "digests/subscribe.html", {"form": form}, status=form_status(form))
    if too_many(request):
        form.add_error(
            None,
            _("Too many subscriptions were sent from here. Please wait a minute and try again."),
        )
        response = render(request, "digests/subscribe.html", {"form": form}, status=429)
        response["Retry-After"] = "60"
        return response
    email = form.cleaned_data["email"].strip()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(
            email__iexact=email, language=language, defaults={"email": email}
        )
        if subscriber.status != Status.ACTIVE:
            # Rubrics of a confirmed reader change only through the link mailed to them.
            subscriber.status = Status.PENDING
            subscriber.save(update_fields=["status"])
            subscriber.rubrics.set(form.cleaned_data["rubrics"])
    mail.send_confirmation(subscriber, [r.pk for r in form.cleaned_data["rubrics"]])
    return redirect("subscription:sent")


def form_status(form):
    return 400 if form.is_bound and form.errors else 200


@never_cache
def sent(request):
    return render(request, "digests/message.html", {"kind": "sent"})


@never_cache
def confirm(request, token):
    """GET shows one button: mail scanners open links, and only a reader presses it."""
    subscriber, value = tokens.read(tokens.CONFIRM, token, Subscriber.objects.all())
    if subscriber is None:
        return render(request, "digests/message.html", {"kind": "bad-link"}, status=400)
    if request.method != "POST":
        return render(request, "digests/confirm.html", {"subscriber": subscriber})
    with transaction.atomic():
        subscriber.status = Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        chosen = edition_rubrics(subscriber.language).filter(pk__in=value.get("rubrics") or [])
        subscriber.rubrics.set(chosen)
    return render(request, "digests/message.html", {"kind": "confirmed"})


@never_cache
@csrf_exempt  # RFC 8058: the mail provider POSTs here, with no token of ours
def unsubscribe(request, token):
    subscriber, _value = tokens.read(tokens.MANAGE, token, Subscriber.objects.all())
    if subscriber is None:
        return render(request, "digests/message.html", {"kind": "bad-link"}, status=400)
    if request.method != "POST":
        return render(request, "digests/unsubscribe.html", {"subscriber": subscriber})
    if subscriber.status == Status.ACTIVE:
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.save(update_fields=["status"])
    return render(request, "digests/message.html", {"kind": "unsubscribed"})


@never_cache
def change_rubrics(request, token):
    subscriber, _value = tokens.read(tokens.MANAGE, token, Subscriber.objects.all())
    if subscriber is None or subscriber.status != Status.ACTIVE:
        return render(request, "digests/message.html", {"kind": "bad-link"}, status=400)
    initial = {"rubrics": subscriber.rubrics.all()}
    form = RubricsForm(request.POST or None, language=subscriber.language, initial=initial)
    if request.method == "POST" and form.is_valid():
        subscriber.rubrics.set(form.cleaned_data["rubrics"])
        return render(request, "digests/message.html", {"kind": "rubrics-saved"})
    context = {"form": form, "subscriber": subscriber}
    return render(request, "digests/rubrics.html", context, status=form_status(form))
