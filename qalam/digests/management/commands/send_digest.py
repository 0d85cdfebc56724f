from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qalam.digests import schedule, sending


class Command(BaseCommand):
    help = (
        "Sends today's email digest of an edition (--edition ru), or of every edition whose "
        "time has come and whose digest has not gone today (--due, for cron or the worker). "
        "Run again after a failure, it sends only to those who have not received it."
    )

    def add_arguments(self, parser):
        languages = [code for code, _name in settings.LANGUAGES]
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--edition", choices=languages)
        group.add_argument("--due", action="store_true")
        parser.add_argument("--batch", type=int, default=sending.BATCH)

    def handle(self, *args, edition, due, batch, **options):
        digests = schedule.due() if due else [schedule.todays(edition)]
        stopped = False
        for digest in digests:
            if digest.sent_at:
                self.stdout.write(f"{digest}: already sent at {digest.sent_at:%H:%M}")
                continue
            result = sending.send(digest, batch_size=batch)
            self.stdout.write(
                f"{digest}: {result.sent} sent, {result.nothing_to_send} with nothing of their "
                f"rubrics today, {result.bounced} refused"
            )
            if result.stopped:
                self.stderr.write(f"{digest}: stopped, {result.stopped}; run again to go on")
                stopped = True
        if stopped:
            raise CommandError("a digest was not sent to everyone")
