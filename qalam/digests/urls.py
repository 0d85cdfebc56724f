from django.urls import path

from . import archive, views

# Two namespaces: the reader's subscription (/subscribe/…) and the archive (/digests/…).
subscription = (
    [
        path("", views.subscribe, name="subscribe"),
        path("sent/", views.sent, name="sent"),
        path("confirm/<str:token>/", views.confirm, name="confirm"),
        path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
        path("rubrics/<str:token>/", views.change_rubrics, name="rubrics"),
    ],
    "subscription",
)
digests = (
    [
        path("", archive.index, name="index"),
        path("<str:date>/", archive.detail, name="detail"),
    ],
    "digests",
)
