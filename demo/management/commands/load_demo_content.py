"""Demo content for a fictional hospital, built on the test factories (see demo/loader.py).

Everything here is invented: the hospital, the people, the phone number (555-01xx range) and
the patient quote. The medical text is written for this project and is not clinical advice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.loader import DemoContent


class Command(BaseCommand):
    help = (
        "Load demo content for a fictional hospital. Safe to run again: existing pages are "
        "left untouched and nothing is duplicated."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        demo = DemoContent(log=self.stdout.write if verbosity > 1 else None)
        with transaction.atomic():
            demo.build()
        if demo.created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content: created {len(demo.created)} page(s).")
            )
        else:
            self.stdout.write("Demo content already present: nothing to do.")
