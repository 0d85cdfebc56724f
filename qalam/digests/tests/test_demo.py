from io import StringIO

from django.core.management import call_command

import pytest

from qalam.digests.models import Digest, Subscriber

pytestmark = pytest.mark.django_db


def test_the_demo_has_subscribers_and_a_past_digest_in_the_archive(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Morning email: 4 subscribers" in out.getvalue()
    assert set(Subscriber.objects.values_list("email", flat=True)) >= {"aigerim@example.org"}
    assert all(
        e.endswith("@example.org") for e in Subscriber.objects.values_list("email", flat=True)
    )
    digest = Digest.objects.sent().get()
    assert digest.contents and digest.contents[0]["pinned"]
    page = client.get(f"/digests/{digest.date.isoformat()}/").content.decode()
    assert digest.contents[0]["title"] in page
    call_command("load_demo", stdout=StringIO())
    assert Subscriber.objects.count() == 4 and Digest.objects.count() == 1
