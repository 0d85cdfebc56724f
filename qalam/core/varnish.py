"""Varnish's configuration for several app servers: deploy/varnish.vcl, the one source of
the caching rules, with its one backend replaced by one for each app server, a probe that
takes a server out of the rotation while it does not answer, and a round-robin director
(docs/scaling.md)."""

import re

from django.conf import settings

BACKEND = re.compile(r"(?:^#[^\n]*\n)*^backend qalam \{.*?^\}\n", re.S | re.M)
PROBE_PATH = "/robots.txt"  # cheap, served by Qalam itself, never a session
PROBE_TIMEOUT = 5


def cluster_vcl(backends, probe_interval=1.0):
    """The VCL for `backends`, a list of (host, port)."""
    vcl = (settings.BASE_DIR / "deploy" / "varnish.vcl").read_text()
    lines = [
        "import directors;",
        "",
        "probe qalam_alive {",
        f'    .url = "{PROBE_PATH}";',
        f"    .interval = {probe_interval:g}s;",
        # A server that is gone refuses the probe at once; a busy one may take seconds to
        # answer it behind the readers queued before it, and is not taken out for that.
        f"    .timeout = {PROBE_TIMEOUT}s;",
        "    .window = 3;",
        "    .threshold = 2;",
        "    .initial = 2;",
        "}",
        "",
    ]
    for number, (host, port) in enumerate(backends, 1):
        lines += [
            f"backend qalam{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .probe = qalam_alive;",
            "}",
            "",
        ]
    lines += ["sub vcl_init {", "    new app_servers = directors.round_robin();"]
    lines += [f"    app_servers.add_backend(qalam{n});" for n in range(1, len(backends) + 1)]
    lines += [
        "}",
        "",
        "# Before the caching rules' own vcl_recv, which Varnish runs after this one.",
        "sub vcl_recv {",
        "    set req.backend_hint = app_servers.backend();",
        "}",
        "",
    ]
    vcl, found = BACKEND.subn(lambda _: "\n".join(lines), vcl)
    if found != 1:
        raise ValueError("deploy/varnish.vcl has no `backend qalam { … }` block to replace")
    return vcl
