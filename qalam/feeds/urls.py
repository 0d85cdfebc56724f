from django.urls import path

from . import views

app_name = "feeds"
urlpatterns = [
    path("rss/", views.rss, name="site-rss"),
    path("atom/", views.atom, name="site-atom"),
    path("<str:kind>/<slug:slug>/rss/", views.rss, name="rss"),
    path("<str:kind>/<slug:slug>/atom/", views.atom, name="atom"),
]
