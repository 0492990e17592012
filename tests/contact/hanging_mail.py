"""A file mail backend that can hang mid-send, for killing a worker at the worst moment.

Every message is one file in ``$TEST_MAIL_DIR``. While the file ``$TEST_MAIL_HANG`` exists,
a send writes ``$TEST_MAIL_HANG.sending`` and then sleeps before handing the message over:
like a worker stuck in an SMTP conversation that has not yet been accepted.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


class HangingFileBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["TEST_MAIL_DIR"]
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        hang = os.environ.get("TEST_MAIL_HANG")
        if hang and Path(hang).exists():
            Path(f"{hang}.sending").write_text(str(os.getpid()))
            time.sleep(120)  # the test kills us long before this ends
        return super().send_messages(email_messages)
