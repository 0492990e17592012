from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Our own user model from the first migration, so staff fields can be added later.

    It lives in an app of its own because Wagtail's migrations depend on the user model while
    the page models depend on Wagtail's: one app holding both would form a cycle.
    """
