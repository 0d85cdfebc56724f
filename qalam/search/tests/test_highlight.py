"""Snippets of the search page: the window around the first match, marked and escaped, read
only as far as it shows."""

from unittest import mock

from qalam.lang import analysis
from qalam.search import highlight

FILLER = "Сегодня в области прошло заседание. " * 10


def test_the_snippet_opens_shortly_before_the_first_match_and_marks_its_forms():
    text = f"{FILLER}Касым-Жомарт Токаев принял министра. Токаеву доложили. {FILLER}"

    snippet = highlight.snippet(text, analysis.query_terms("Токаеву")[0], "ru")

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Токаев</mark> принял" in snippet
    assert "<mark>Токаеву</mark> доложили" in snippet
    assert len(snippet) <= highlight.SNIPPET_LENGTH + len("… … ") + 2 * len("<mark></mark>")


def test_the_text_past_the_window_is_not_analysed():
    tail = " ".join(f"слово{n}" for n in range(500))
    text = f"Токаев принял министра. {tail}"
    analysed = []
    russian = analysis.ANALYSERS["ru"]

    def counting(word):
        analysed.append(word)
        return russian(word)

    with mock.patch.dict(analysis.ANALYSERS, {"ru": counting}):
        snippet = highlight.snippet(text, {"токаев"}, "ru")

    assert snippet.startswith("<mark>Токаев</mark> принял")
    assert "слово499" not in analysed
    assert len(analysed) < 60


def test_a_snippet_without_a_match_is_the_beginning_escaped():
    snippet = highlight.snippet("<b>Бюджет</b> принят. " + FILLER, {"токаев"}, "ru")

    assert snippet.startswith("&lt;b&gt;Бюджет&lt;/b&gt; принят.")
    assert "<mark>" not in snippet
