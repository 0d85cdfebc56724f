from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The newsroom's staff accounts. A model of Qalam's own from the first migration, so
    fields such as a byline link can be added later without a user-table migration."""
