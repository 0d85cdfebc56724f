"""The web archive of an edition's digests: what each one held, with no subscriber in it."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from qalam.articles.listing import paginate

from .models import Digest


def archived():
    return Digest.objects.sent().filter(language=get_language()).exclude(contents=[])


def index(request):
    digests = archived().only("date", "intro", "language")
    return render(request, "digests/archive.html", {"digests": paginate(request, digests)})


def detail(request, date):
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        raise Http404 from None
    digest = archived().filter(date=day).first()
    if digest is None:
        raise Http404
    return render(request, "digests/digest_page.html", {"digest": digest})
