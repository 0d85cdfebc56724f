"""Sending a digest in batches on one connection each, resumable: every subscriber's
delivery row is written (and committed) before their message goes and stamped once the
server took it, so a second run sends only to those without a row. docs/distribution.md
says what a crash between the two leaves."""

import dataclasses
import logging
import smtplib
import uuid

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from anymail.exceptions import AnymailError

from qalam.rubrics.models import RubricPage

from . import compose
from .mail import DigestMail
from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)
BATCH = 200
REFUSED = (smtplib.SMTPException, OSError, AnymailError)


@dataclasses.dataclass
class Result:
    sent: int = 0
    nothing_to_send: int = 0
    bounced: int = 0
    stopped: str = ""  # why the run stopped before the end; a second run goes on from there


def prepare(digest):
    """The digest's stories, fixed at the first run: a resumed send sends the same email."""
    if not digest.contents and digest.sent_at is None:
        digest.contents = compose.collect(digest)
        digest.save(update_fields=["contents"])


def waiting(digest):
    delivered = Delivery.objects.filter(digest=digest).values("subscriber_id")
    rubrics = Prefetch("rubrics", queryset=RubricPage.objects.only("id", "path"))
    return (
        Subscriber.objects.receiving(digest.language)
        .exclude(pk__in=delivered)
        .prefetch_related(rubrics)
        .order_by("pk")
    )


def send(digest, batch_size=BATCH):
    prepare(digest)
    result, mail, run, last = Result(), DigestMail(digest), uuid.uuid4(), 0
    while not result.stopped:
        # Keyset batches: no cursor stays open while rows are written, memory stays flat.
        batch = list(waiting(digest).filter(pk__gt=last)[:batch_size])
        if not batch:
            break
        last = batch[-1].pk
        send_batch(digest, batch, mail, run, result)
    if not result.stopped:
        digest.sent_at = timezone.now()
        digest.save(update_fields=["sent_at"])
    return result


def send_batch(digest, batch, mail, run, result):
    connection = get_connection()
    messages = []
    for subscriber in batch:
        sections = {rubric.path for rubric in subscriber.rubrics.all()}
        message = mail.message(subscriber, sections, connection)
        if message is None:
            result.nothing_to_send += 1
        else:
            messages.append((subscriber, message))
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(digest=digest, subscriber=s, run=run) for s, _m in messages],
            ignore_conflicts=True,
        )
    # Rows another run wrote first are that run's to send.
    mine = set(
        Delivery.objects.filter(digest=digest, run=run, sent_at__isnull=True).values_list(
            "subscriber_id", flat=True
        )
    )
    sent, released, bounced = [], [], []
    try:
        connection.open()
    except REFUSED as error:
        result.stopped = f"the mail server refused the connection: {error}"
    for subscriber, message in messages:
        if subscriber.pk not in mine:
            continue
        if result.stopped:
            released.append(subscriber.pk)
            continue
        try:
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused:
            bounced.append(subscriber.pk)
        except REFUSED as error:
            result.stopped = f"the mail server stopped taking messages: {error}"
            released.append(subscriber.pk)
        else:
            sent.append(subscriber.pk)
    try:
        connection.close()
    except REFUSED:
        logger.info("digest %s: the mail server dropped the connection at the end", digest.pk)
    record(digest, sent, released, bounced)
    result.sent += len(sent)
    result.bounced += len(bounced)


def record(digest, sent, released, bounced):
    deliveries = Delivery.objects.filter(digest=digest)
    with transaction.atomic():
        deliveries.filter(subscriber_id__in=sent).update(sent_at=timezone.now())
        # Refused by the server, so certainly not sent: the next run tries them again.
        deliveries.filter(subscriber_id__in=released).delete()
        deliveries.filter(subscriber_id__in=bounced).delete()
        Subscriber.objects.filter(pk__in=bounced).update(status=Subscriber.Status.BOUNCED)
    if bounced:
        logger.info("digest %s: %s addresses refused by the server", digest.pk, len(bounced))
