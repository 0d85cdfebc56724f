import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = settings.VAR_DIR / "admin-password.txt"


class Command(BaseCommand):
    help = (
        "Creates the first editor account `admin` if it does not exist and prints how to log in. "
        "The password is QALAM_ADMIN_PASSWORD, or a generated one kept in var/admin-password.txt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("QALAM_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        wanted = os.environ.get("QALAM_ADMIN_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is None:
            password = wanted or self.generated_password()
            User.objects.create_superuser(username, email="", password=password)
        elif wanted:
            if not user.check_password(wanted):
                user.set_password(wanted)
                user.save(update_fields=["password"])
            password = wanted
        else:
            stored = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
            password = stored if stored and user.check_password(stored) else None

        self.stdout.write(f"Admin:    {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"User:     {username}")
        self.stdout.write(
            f"Password: {password}" if password else "Password: the one you set in the admin"
        )

    def generated_password(self):
        password = secrets.token_urlsafe(12)
        PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
        PASSWORD_FILE.touch(mode=0o600)
        PASSWORD_FILE.write_text(password + "\n")
        return password
