"""Every interface string has a translation in every language, and the compiled catalogues
are those of the .po files."""

import gettext
import os
import shutil

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import polib
import pytest

LOCALE_DIR = settings.BASE_DIR / "qalam" / "locale"
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def strings_in_code(tmp_path):
    """The msgids makemessages finds in the code today. It runs on a copy of the sources
    without their locale folder, since makemessages writes into any locale folder it finds."""
    if not shutil.which("xgettext"):
        pytest.fail("gettext is not installed: apt-get install gettext")
    sources, out = tmp_path / "sources", tmp_path / "out"
    for folder in ("qalam", "templates"):
        shutil.copytree(
            settings.BASE_DIR / folder,
            sources / folder,
            ignore=shutil.ignore_patterns("locale", "__pycache__", "tests", "migrations"),
        )
    out.mkdir()
    cwd = os.getcwd()
    os.chdir(sources)
    try:
        with override_settings(LOCALE_PATHS=[out]):
            call_command("makemessages", locale=["ru"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    return {entry.msgid for entry in polib.pofile(str(out / "ru" / "LC_MESSAGES" / "django.po"))}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_string_of_the_code(language, tmp_path):
    in_catalogue = {entry.msgid for entry in catalogue(language) if not entry.obsolete}
    assert sorted(strings_in_code(tmp_path) - in_catalogue) == [], "run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_string(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    assert untranslated == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_po_file(language):
    po = catalogue(language)
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    with mo_path.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and not entry.msgid_plural
        and compiled.gettext(entry.msgid) != entry.msgstr
    ]
    assert stale == [], "run `make messages` to recompile"
