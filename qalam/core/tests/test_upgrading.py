"""An upgrade of Django, Wagtail or modelsearch comes back to docs/upgrading.md: the versions
it was checked against are the installed ones, and the private names it lists still exist."""

import re
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db.models import QuerySet

from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

import pytest

UPGRADING = settings.BASE_DIR / "docs" / "upgrading.md"


def checked_versions():
    rows = re.findall(r"^\| (\S+) \| (\d[\w.]*) \|$", UPGRADING.read_text(), re.MULTILINE)
    return dict(rows)


def test_the_doc_names_the_three_frameworks():
    assert set(checked_versions()) == {"Django", "wagtail", "modelsearch"}


@pytest.mark.parametrize("package", ["Django", "wagtail", "modelsearch"])
def test_the_installed_version_is_the_one_checked(package):
    assert version(package) == checked_versions()[package], (
        f"{package} {version(package)} is installed: read docs/upgrading.md against it, "
        "then record the version there"
    )


def test_the_private_names_qalam_relies_on_still_exist():
    import inspect

    client = RedisCacheClient(["redis://127.0.0.1:6379/0"])
    assert hasattr(client, "_client") and callable(client._get_connection_pool)
    assert hasattr(RedisCache("redis://127.0.0.1:6379/0", {}), "_class")
    assert "_wagtail_site" in inspect.getsource(Site.find_for_request)
    assert "_wagtail_route_for_request" in inspect.getsource(Page.route_for_request)
    assert callable(AbstractImage._add_to_prefetched_renditions)
    assert "_from_cache" in inspect.getsource(AbstractImage.get_renditions)
    assert callable(QuerySet._raw_delete)
    from wagtail import signal_handlers, tasks

    assert hasattr(signal_handlers.reference_index_auto_update_disabled, "__dict__")
    assert "parental_keys[0]" in inspect.getsource(tasks.update_reference_index_task.func)
    from django.db.backends.base.base import BaseDatabaseWrapper

    assert callable(BaseDatabaseWrapper.close_if_health_check_failed)
    assert "self.in_atomic_block = False" in inspect.getsource(BaseDatabaseWrapper.__init__)
    from django_tasks_db.management.commands.db_worker import Worker

    keywords = set(inspect.signature(Worker.__init__).parameters) - {"self"}
    assert keywords == {
        "queue_names", "excluded_queue_names", "interval", "batch", "backend_name",
        "startup_delay", "max_tasks", "worker_id",
    }  # fmt: skip
    assert "self.running_task = False" in inspect.getsource(Worker.run_task)
    assert "self.running = False" in inspect.getsource(Worker.shutdown)


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("postgres.postgres", ["_apply_ordering_and_scoring", "_do_count"]),
        ("sqlite.sqlite", ["_build_rank_expression"]),
    ],
)
def test_the_private_search_methods_qalam_overrides_still_exist(module, names):
    """Read from the source: each database's module imports only on its own database."""
    spec = find_spec(f"modelsearch.backends.database.{module}")
    source = Path(spec.origin).read_text()
    for name in names:
        assert f"def {name}(" in source, name
