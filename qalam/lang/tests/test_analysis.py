"""Every form of a word finds every other form: the index terms of one form (in its
language) and the query terms of another (in all languages) share a term."""

import itertools
import logging

import pytest

from qalam.lang import analysis

WORD_FORMS = {
    "ru": [
        ["встреча", "встречи", "встрече", "встречу", "встречей", "встречах", "встречам"],
        ["Токаев", "Токаева", "Токаеву", "Токаевым", "Токаеве"],
        ["Бердымухамедов", "Бердымухамедова", "Бердымухамедову", "Бердымухамедовым"],
        ["Туркестан", "Туркестана", "Туркестану", "Туркестаном", "Туркестане"],
        ["Казахстан", "Казахстана", "Казахстану", "Казахстаном", "Казахстане"],
        ["президент", "президента", "президенту", "президентом", "президенте", "президенты"],
        ["провести", "провел", "провёл", "провела", "проведет", "проведут"],
        ["проводить", "проводит", "проводили", "проводят", "проводя"],
        [
            "стратегический",
            "стратегического",
            "стратегическому",
            "стратегическим",
            "стратегических",
            "стратегическая",
        ],
        ["партнерство", "партнёрства", "партнерству", "партнерством"],
    ],
    "kk": [
        [
            "президент",
            "президентке",
            "президентінің",
            "президенттің",
            "президентпен",
            "президентті",
            "президенттер",
        ],
        ["Қазақстан", "Қазақстанның", "Қазақстанға", "Қазақстанда", "Қазақстаннан", "Қазақстанмен"],
        ["мектеп", "мектепке", "мектепте", "мектептер", "мектептерде", "мектебі"],
        ["кітап", "кітаптар", "кітаптарымыз", "кітабы", "кітапты"],
        ["Түркістан", "Түркістанға", "Түркістанда", "Түркістанның", "Түркістаннан"],
        ["бала", "балалар", "балаларға", "балаларымыз"],
        ["қала", "қаласы", "қаладағы", "қалада", "қалаға"],
    ],
    "en": [
        ["meeting", "meetings"],
        ["visit", "visits", "visited", "visiting"],
        ["president", "presidents"],
        ["export", "exports", "exported", "exporting"],
        ["partnership", "partnerships"],
    ],
}


def cases():
    for language, sets in WORD_FORMS.items():
        for forms in sets:
            for indexed, typed in itertools.permutations(forms, 2):
                yield pytest.param(language, indexed, typed, id=f"{language}:{typed}->{indexed}")


@pytest.mark.parametrize(("language", "indexed", "typed"), list(cases()))
def test_every_form_finds_every_other(language, indexed, typed):
    index = set(analysis.terms(indexed, language))
    (query,) = analysis.query_terms(typed)
    assert index & query, f"{typed!r} does not find {indexed!r}: {sorted(query)} vs {sorted(index)}"


@pytest.mark.parametrize(
    ("one", "other"),
    [("бала", "бал"), ("ата", "ат"), ("Туркестан", "турка")],
)
def test_different_words_stay_apart(one, other):
    assert not set(analysis.terms(one, "kk" if one in {"бала", "ата"} else "ru")) & set(
        analysis.terms(other, "kk" if one in {"бала", "ата"} else "ru")
    )


def test_words_of_a_text():
    assert list(analysis.words("Касым-Жомарт ТОКАЕВ провёл встречу 😀 в 2026 году!")) == [
        "касым-жомарт", "касым", "жомарт", "токаев", "провел", "встречу", "в", "2026", "году",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "😀😀",
        "'; DROP TABLE--",
        "a" * 5000,
        '(токаев OR ~*) AND "x',
        "Тоқаев Tokayev Токаев",
    ],
)
def test_any_query_gives_terms_without_failing(query):
    result = analysis.query_terms(query)
    assert all(isinstance(terms, set) and terms for terms in result)


def test_without_the_kazakh_dictionary_endings_are_still_stripped(monkeypatch, caplog):
    monkeypatch.setattr(analysis, "KAZAKH_DICTIONARY", analysis.Path("/nonexistent/kk_KZ"))
    analysis._kazakh_dictionary.cache_clear()
    analysis.kazakh.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="qalam.lang"):
            assert "президент" in analysis.kazakh("президентке")
            assert "қазақстан" in analysis.kazakh("қазақстанға")
        assert "apt-get install hunspell-kk" in caplog.text
    finally:
        analysis._kazakh_dictionary.cache_clear()
        analysis.kazakh.cache_clear()


def test_libhunspell_and_spylls_read_the_kazakh_dictionary_alike():
    from qalam.lang import hunspell

    path = analysis.KAZAKH_DICTIONARY
    if not path.with_suffix(".dic").exists():
        pytest.skip("hunspell-kk is not installed")
    library = hunspell.load(path)
    assert isinstance(library, hunspell.Libhunspell), "libhunspell-1.7-0 is not installed"
    spylls = hunspell.Spylls(path)
    kazakh_words = [word.lower() for forms in WORD_FORMS["kk"] for word in forms]
    for word in [*kazakh_words, "ынтымақтастық", "қазақстан", "тоқаев", "ата"]:
        assert library.knows(word) == spylls.knows(word), word
        assert library.stems(word) == spylls.stems(word), word
