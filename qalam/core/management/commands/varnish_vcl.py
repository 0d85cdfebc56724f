from django.core.management.base import BaseCommand, CommandError

from qalam.core.varnish import cluster_vcl


def address(value):
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise CommandError(f"--backend {value}: expected HOST:PORT")
    return host, int(port)


class Command(BaseCommand):
    help = (
        "Prints Varnish's configuration (deploy/varnish.vcl) balancing between the app "
        "servers named, each probed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", action="append", required=True, metavar="HOST:PORT")
        parser.add_argument("--probe-interval", type=float, default=1.0, metavar="SECONDS")

    def handle(self, *args, **options):
        backends = [address(value) for value in options["backend"]]
        self.stdout.write(cluster_vcl(backends, options["probe_interval"]), ending="")
