from django.apps import AppConfig


class StoryTypesConfig(AppConfig):
    """A second story type, installed by the test settings only: the proof that a story type
    needs no edit of the feature apps (qalam/tests/test_story_types.py)."""

    name = "qalam.tests.storytypes"
    label = "storytypes"
