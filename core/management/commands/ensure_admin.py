"""Make sure someone can sign in to the admin, without ever using a fixed password.

With no superuser, creates one called "admin" with a random password and prints it once.
With one already, prints the username and how to reset the password; it never changes it.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create an 'admin' superuser with a random password if no superuser exists yet."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, **options):
        User = get_user_model()
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            username = existing.get_username()
            self.stdout.write(
                f"A superuser already exists: {username}. Sign in at {admin_url}\n"
                "Forgotten the password? Set a new one with:\n"
                f"  .venv/bin/python manage.py changepassword {username}"
            )
            return

        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(
                f"A user called {options['username']!r} exists but is not a superuser. Choose "
                "another name with --username, or run: .venv/bin/python manage.py "
                "createsuperuser"
            )
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(
            username=options["username"], email=options["email"], password=password
        )
        self.stdout.write(
            self.style.SUCCESS("Created an administrator account. It is shown only this once:")
        )
        self.stdout.write(
            f"  Admin:    {admin_url}\n"
            f"  Username: {options['username']}\n"
            f"  Password: {password}\n"
            "Change it after signing in (Account settings), or with:\n"
            f"  .venv/bin/python manage.py changepassword {options['username']}"
        )
