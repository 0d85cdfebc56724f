"""The reader's search page: results, filters, highlighting, odd input."""

import datetime
import itertools

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from qalam.articles.factories import ArticlePageFactory
from qalam.authors.factories import AuthorFactory
from qalam.rubrics.factories import RubricPageFactory
from qalam.search.query import reader_query, reader_words

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text() for h in soup.select(".search-result__title")]


@pytest.fixture
def news(rubric, homes, moment):
    economy = RubricPageFactory(parent=homes["ru"], title="Экономика", slug="ekonomika")
    kk_rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    author = AuthorFactory(name="Айгерим Сарсенова")
    return {
        "visit": ArticlePageFactory(
            parent=rubric,
            title="Токаев принял министра",
            lead="Глава государства принял министра просвещения.",
            body=[("paragraph", "<p>Касым-Жомарт Токаев заслушал доклад о школах.</p>")],
            first_published_at=moment,
            authors=[author],
        ),
        "meeting": ArticlePageFactory(
            parent=economy,
            title="Встреча с инвесторами",
            lead="Правительство провело встречу с инвесторами.",
            body=[("paragraph", "<p>На встречах с Токаевым обсуждали экспорт зерна.</p>")],
            first_published_at=moment - datetime.timedelta(days=10),
            tags=["инвестиции"],
        ),
        "kazakh": ArticlePageFactory(
            parent=kk_rubric,
            title="Президент мектепке барды",
            lead="Президенттің сапары.",
            body=[("paragraph", "<p>Президентке балалар гүл сыйлады.</p>")],
            locale=homes["kk"].locale,
            first_published_at=moment - datetime.timedelta(days=3),
        ),
    }


def test_word_forms_find_articles_and_are_marked(client, news):
    response = client.get("/search/", {"q": "Токаеву"})
    assert results(response) == ["Токаев принял министра", "Встреча с инвесторами"]
    html = response.content.decode()
    assert "<mark>Токаев</mark> принял" in html
    assert "<mark>Токаевым</mark>" in html  # the snippet marks the form the text uses


def test_one_query_finds_every_language(client, news):
    assert results(client.get("/search/", {"q": "президент"})) == ["Президент мектепке барды"]
    response = client.get("/kk/search/", {"q": "Президентінің"})
    assert results(response) == ["Президент мектепке барды"]


def test_headline_counts_more_than_text(client, rubric):
    ArticlePageFactory(parent=rubric, title="Зерно", body=[("paragraph", "<p>Экспорт.</p>")])
    ArticlePageFactory(parent=rubric, title="Экспорт вырос", body=[("paragraph", "<p>Да.</p>")])
    assert results(client.get("/search/", {"q": "экспорта"}))[0] == "Экспорт вырос"


def test_rubric_tag_and_author_names_find_articles(client, news):
    assert results(client.get("/search/", {"q": "инвестиций"})) == ["Встреча с инвесторами"]
    assert results(client.get("/search/", {"q": "Сарсеновой"})) == ["Токаев принял министра"]
    assert "Встреча с инвесторами" in results(client.get("/search/", {"q": "экономике"}))


def test_filters_narrow_the_results(client, news, rubric):
    def titles(**params):
        return results(client.get("/search/", {"q": "Токаев", **params}))

    assert titles(rubric=rubric.pk) == ["Токаев принял министра"]
    assert titles(author=news["visit"].article_authors.first().author_id) == [
        "Токаев принял министра"
    ]
    assert titles(language="kk") == []
    assert titles(date_from="2026-11-20") == ["Токаев принял министра"]
    assert titles(date_to="2026-11-20") == ["Встреча с инвесторами"]
    assert titles(sort="date") == ["Токаев принял министра", "Встреча с инвесторами"]


def test_drafts_and_private_articles_are_not_found(client, rubric):
    ArticlePageFactory(parent=rubric, title="Черновик о Токаеве", live=False)
    assert results(client.get("/search/", {"q": "Токаев"})) == []


def test_pages_of_results_keep_the_query_and_filters(client, rubric):
    for n in range(23):
        ArticlePageFactory(parent=rubric, title=f"Встреча номер {n}")
    response = client.get("/search/", {"q": "встреча", "sort": "date"})
    assert len(results(response)) == 20
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one('a[rel="next"]')["href"]
        == "?q=%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0&sort=date&page=2"
    )
    assert len(results(client.get("/search/", {"q": "встреча", "page": "2"}))) == 3
    assert len(results(client.get("/search/", {"q": "встреча", "page": "99"}))) == 3


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "Токаев " * 800,
        '"Токаев" OR (встреча AND NOT *) NEAR/3 ^title:',
        "'; DROP TABLE wagtailsearch_indexentry; --",
        ".*[(\\d+",
        "токаев & | ! : <-> '",
        "😀🇰🇿 Тоқаев Tokayev Токаев",
        "\x00\x01токаев\x7f",
        "%%%",
    ],
)
def test_any_query_gives_a_page(client, news, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_long_queries_are_shortened_and_said_so(client, news):
    response = client.get("/search/", {"q": "Токаев " + "слово " * 1000})
    assert response.status_code == 200
    assert "только первые 200 символов" in response.content.decode()


def test_unparsable_filters_are_reported_and_left_out(client, news):
    response = client.get(
        "/search/", {"q": "Токаев", "date_from": "вчера", "author": "x", "rubric": "999999"}
    )
    assert len(results(response)) == 2
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".field-error")) == 3


def test_the_query_stays_in_the_box_escaped(client, news):
    response = client.get("/search/", {"q": '<script>alert("x")</script> Токаев'})
    html = response.content.decode()
    assert "<script>alert" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#id_q")["value"] == '<script>alert("x")</script> Токаев'


def test_text_from_articles_is_escaped_in_results(client, rubric):
    ArticlePageFactory(
        parent=rubric, title="<img src=x onerror=alert(1)> Токаев", lead="<b>Токаев</b> & co"
    )
    html = client.get("/search/", {"q": "Токаев"}).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Токаев</mark>" in html
    assert "&lt;b&gt;<mark>Токаев</mark>&lt;/b&gt; &amp; co" in html


def test_nothing_found_suggests_a_spelling(client, news):
    response = client.get("/search/", {"q": "Токаеф"})
    assert results(response) == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".empty a")["href"] == "?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2"


def test_results_are_not_indexed_by_search_engines(client, news):
    soup = BeautifulSoup(client.get("/search/", {"q": "Токаев"}).content, "html.parser")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_search_page_runs_a_fixed_number_of_queries(queries_for, rubric):
    for n in range(3):
        ArticlePageFactory(parent=rubric, title=f"Встреча {n}")
    few = queries_for("/search/?q=встреча")
    for n in range(30):
        ArticlePageFactory(parent=rubric, title=f"Встреча {n + 3}")
    assert queries_for("/search/?q=встреча") == few
    assert few <= 12


def test_rebuild_index_restores_a_lost_index(client, news):
    from wagtail.search.backends import get_search_backend

    get_search_backend().reset_indexes()
    assert results(client.get("/search/", {"q": "Токаеву"})) == []
    call_command("rebuild_index", verbosity=0)
    assert len(results(client.get("/search/", {"q": "Токаеву"}))) == 2


def test_past_the_bound_the_newest_matches_are_shown_and_said_so(client, rubric, monkeypatch):
    monkeypatch.setattr("qalam.search.views.RECENT_MATCHES", 3)
    for n in range(4):
        ArticlePageFactory(parent=rubric, title=f"Встреча {n}")
    response = client.get("/search/", {"q": "встреча"})
    assert len(results(response)) == 3
    assert "Найдено больше 3 статей" in response.content.decode()


def test_function_words_alone_ask_for_a_word(client, news):
    response = client.get("/search/", {"q": "и в на"})
    assert results(response) == []
    assert "Введите слово для поиска" in response.content.decode()


def test_filters_reach_matches_older_than_the_newest_candidates(
    client, rubric, homes, monkeypatch, hours_ago
):
    # PostgreSQL looks first among the newest matches of any page; when the filters leave
    # too few of those it asks the whole archive. Here: two recent Russian, one older Kazakh.
    monkeypatch.setattr("qalam.search.backends.NEWEST_CANDIDATES", 2)
    kk_rubric = RubricPageFactory(parent=homes["kk"], title="Ресми", slug="resmi")
    ArticlePageFactory(
        parent=kk_rubric,
        title="Президент сапары",
        locale=homes["kk"].locale,
        first_published_at=hours_ago(100),
    )
    for n in range(2):
        ArticlePageFactory(parent=rubric, title=f"Президент {n}")
    assert results(client.get("/search/", {"q": "президент", "language": "kk"})) == [
        "Президент сапары"
    ]
    assert len(results(client.get("/search/", {"q": "президент"}))) == 3


@pytest.mark.parametrize(
    "query, alone",
    [("Касым-Жомарт Токаев", "Касым Жомарт Токаев"), ("встреча встречах", "встречах")],
)
def test_a_word_implied_by_another_is_not_asked_twice(client, news, query, alone):
    # «Касым-Жомарт» is read as the whole and as its two parts; the whole's forms include
    # «Жомарт»'s, so an article with «Жомарт» has one of the whole's too. «встречах» and
    # «встреча» are one word. The database is asked only what narrows the search.
    words = [
        set(clause.query_string.split())
        for clause in getattr(reader_query(query), "subqueries", [reader_query(query)])
    ]
    assert not any(a <= b for a, b in itertools.permutations(words, 2)), words
    assert len(words) == len(reader_words(alone))
    assert results(client.get("/search/", {"q": query})) == results(
        client.get("/search/", {"q": alone})
    )


def test_date_boxes_hold_only_what_the_date_picker_can_show(client, news):
    """A date input's value is a day written YYYY-MM-DD or nothing (HTML); browsers drop
    anything else. A day written another way in the address is shown as the picker writes
    it; a filter that is no day at all is reported, its box left empty."""
    response = client.get(
        "/search/", {"q": "Токаев", "date_from": "вчера", "date_to": "20.11.2026"}
    )
    assert results(response) == ["Встреча с инвесторами"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select_one("#id_date_from").has_attr("value")
    assert soup.select_one("#id_date_to")["value"] == "2026-11-20"
    assert len(soup.select(".field-error")) == 1
