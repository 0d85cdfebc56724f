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
    names = [f"qalam{n}" for n in range(1, len(backends) + 1)]
    lines += ["sub vcl_init {", "    new app_servers = directors.round_robin();"]
    lines += [f"    app_servers.add_backend({name});" for name in names]
    for index, name in enumerate(names):
        # The servers after this one, in turn: where a read it failed is asked again.
        lines.append(f"    new after_{name} = directors.fallback();")
        lines += [f"    after_{name}.add_backend({other});" for other in names[index + 1 :]]
        lines += [f"    after_{name}.add_backend({other});" for other in names[: index + 1]]
    lines += [
        "}",
        "",
        "# These run before the caching rules' own subroutines of the same names.",
        "sub vcl_recv {",
        "    set req.backend_hint = app_servers.backend();",
        "}",
        "",
        "sub vcl_backend_fetch {",
        "    # A read asked again (vcl_backend_error) goes to the server after the one that",
        "    # failed it, not to whichever the round-robin turn, shared by all requests, gives.",
        "    if (bereq.retries > 0) {",
    ]
    for index, name in enumerate(names):
        keyword = "if" if index == 0 else "} elsif"
        lines += [
            f'        {keyword} (bereq.http.x-qalam-failed == "{name}") {{',
            f"            set bereq.backend = after_{name}.backend();",
        ]
    lines += [
        "        }",
        "    }",
        "    unset bereq.http.x-qalam-failed;",
        "}",
        "",
        "sub vcl_backend_error {",
        "    set bereq.http.x-qalam-failed = beresp.backend.name;",
        "}",
        "",
    ]
    vcl, found = BACKEND.subn(lambda _: "\n".join(lines), vcl)
    if found != 1:
        raise ValueError("deploy/varnish.vcl has no `backend qalam { … }` block to replace")
    return vcl
