"""`qalam varnish_vcl`: deploy/varnish.vcl with a probed backend for each app server behind a
round-robin director. Varnish itself loads it in qalam/tests/test_cluster.py."""

from io import StringIO

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest


def vcl(*backends):
    out = StringIO()
    call_command("varnish_vcl", *[f"--backend={b}" for b in backends], stdout=out)
    return out.getvalue()


def test_each_app_server_is_a_probed_backend_of_the_director_and_the_rules_are_kept():
    text = vcl("10.0.0.1:8000", "10.0.0.2:8001")
    assert 'backend qalam1 {\n    .host = "10.0.0.1";\n    .port = "8000";' in text
    assert 'backend qalam2 {\n    .host = "10.0.0.2";\n    .port = "8001";' in text
    assert text.count(".probe = qalam_alive;") == 2
    assert "app_servers.add_backend(qalam1);\n    app_servers.add_backend(qalam2);" in text
    assert "backend qalam {" not in text
    # A read one server failed is asked again of the other, whatever the round-robin turn.
    assert "new after_qalam1 = directors.fallback();\n    after_qalam1.add_backend(qalam2);" in text
    assert "new after_qalam2 = directors.fallback();\n    after_qalam2.add_backend(qalam1);" in text
    # Everything after the backend, the caching rules, as deploy/varnish.vcl has them.
    rules = (settings.BASE_DIR / "deploy" / "varnish.vcl").read_text().split("acl purgers", 1)[1]
    assert text.endswith(rules)
    # The director is chosen before the rules' own vcl_recv returns.
    assert text.index("set req.backend_hint") < text.index('if (req.method == "PURGE")')


def test_an_address_without_a_port_is_refused():
    with pytest.raises(CommandError, match="HOST:PORT"):
        vcl("10.0.0.1")
