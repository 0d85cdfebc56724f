from django.urls import path

from . import views

# Namespaces of their own: `authors:detail` and `tags:detail` are the things' addresses.
authors = ([path("<slug:slug>/", views.author_page, name="detail")], "authors")
tags = ([path("<slug:slug>/", views.tag_page, name="detail")], "tags")
