import pytest

from qalam.articles.factories import ArticlePageFactory
from qalam.newsroom.factories import StaffFactory
from qalam.newsroom.models import RoleCode
from qalam.newsroom.roles import setup_desk, setup_newsroom
from qalam.rubrics.factories import RubricPageFactory


@pytest.fixture
def newsroom(homes):
    """The roles, the review workflow and two desks, politics and sport, with someone in
    each role and a story or two in each desk."""
    groups = setup_newsroom()
    politics = RubricPageFactory(parent=homes["ru"], title="Политика", slug="politika")
    sport = RubricPageFactory(parent=homes["ru"], title="Спорт", slug="sport")
    kazakh = RubricPageFactory(parent=homes["kk"], title="Саясат", slug="sayasat")
    politics_desk, sport_desk = setup_desk(politics), setup_desk(sport)
    people = {
        "reporter": StaffFactory(username="reporter", groups=[politics_desk[RoleCode.REPORTER]]),
        "colleague": StaffFactory(username="colleague", groups=[politics_desk[RoleCode.REPORTER]]),
        "editor": StaffFactory(username="editor", groups=[politics_desk[RoleCode.DESK_EDITOR]]),
        "sport_editor": StaffFactory(
            username="sport_editor", groups=[sport_desk[RoleCode.DESK_EDITOR]]
        ),
        **{
            login: StaffFactory(username=login, groups=[groups[code]])
            for login, code in [
                ("duty", RoleCode.DUTY_EDITOR),
                ("translator", RoleCode.TRANSLATOR),
                ("proofreader", RoleCode.PROOFREADER),
                ("photo", RoleCode.PHOTO_EDITOR),
                ("moderator", RoleCode.COMMENT_MODERATOR),
            ]
        },
    }
    draft = ArticlePageFactory(
        parent=politics, title="Черновик о выборах", live=False, owner=people["reporter"]
    )
    draft.save_revision(user=people["reporter"])
    return {
        **people,
        "groups": groups,
        "desks": {"politika": politics_desk, "sport": sport_desk},
        "homes": homes,
        "politics": politics,
        "sport": sport,
        "kazakh": kazakh,
        "politics_story": ArticlePageFactory(parent=politics, title="Выборы назначены"),
        "sport_story": ArticlePageFactory(parent=sport, title="Финал кубка"),
        "kazakh_story": ArticlePageFactory(parent=kazakh, title="Сайлау тағайындалды"),
        "draft": draft,
    }


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
