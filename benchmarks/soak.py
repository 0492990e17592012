"""A bounded soak of the stack (loopback only; stops by itself): 50 connections for 30 s
through Varnish over the public pages and the registration start page (never cached, so it
reaches the app servers), and 200 registrations through the real flow (8 patients at a time,
through Varnish), while app server A is killed with SIGKILL at 10 s and restarted at 15 s.

Prints wrk's figures (errors and non-2xx answers should be 0: Varnish retries a GET on the
other server and its probe takes A out and back in; a reader waits up to 10 s), then the
registrations: acknowledged (a reference shown), stored, stored twice for one patient (should
be 0), acknowledged but not stored (should be 0), and notifications still pending once the
worker and one `send_pending_notifications` run (what cron does) have had their turn (should
be 0). The stack runs with REGISTRATION_MIN_FILL_SECONDS=0 and REGISTRATION_RATE_LIMIT=0.

    .venv/bin/python benchmarks/soak.py [--seconds 30] [--connections 50] [--registrations 200]
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from benchmarks import soak_registrations  # noqa: E402
from deploy.stack import Stack, varnish_missing_reason  # noqa: E402

PATHS = [
    "/",
    "/spinal-tumor-program/",
    "/conditions/",
    "/spinal-tumor-program/spinal-metastases/",
    "/register/",
    "/privacy/",
]
ROTATE = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["X-Forwarded-Proto"] = "https"})
end
"""


def kill_server(process):
    """SIGKILL the gunicorn master and its workers, as a crashed machine would."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    for pid in [process.pid, *workers]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()


def stored(stack):
    output = stack.manage("shell", "-c", soak_registrations.STORED, capture=True).stdout
    return json.loads(re.search(r"STORED(.*)", output).group(1))


def report_registrations(stack, references):
    acknowledged = [reference for reference in references if reference]
    stack.manage("send_pending_notifications")  # what cron does every few minutes
    deadline = time.monotonic() + 60
    rows = stored(stack)
    while rows["pending"] and time.monotonic() < deadline:
        time.sleep(2)
        rows = stored(stack)
    patients = rows["patients"]
    print(f"registrations sent: {len(references)}, acknowledged: {len(acknowledged)}")
    print(f"stored: {len(rows['references'])}")
    print("stored twice for one patient:", len(patients) - len(set(patients)))
    print("acknowledged but not stored:", len(set(acknowledged) - set(rows["references"])))
    print("notifications still pending:", len(rows["pending"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--registrations", type=int, default=200)
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    reason = varnish_missing_reason() or (None if wrk else "wrk is not installed")
    if reason:
        sys.exit(f"Cannot soak: {reason}.")
    stack = Stack(extra_env={"REGISTRATION_MIN_FILL_SECONDS": "0", "REGISTRATION_RATE_LIMIT": "0"})
    try:
        stack.start()
        stack.manage("shell", "-c", soak_registrations.CLEAR)
        condition_id = int(
            stack.manage(
                "shell",
                "-c",
                "from conditions.models import ConditionPage; "
                "print(ConditionPage.objects.live().get(slug='spinal-metastases').pk)",
                capture=True,
            ).stdout.split()[-1]
        )
        patients, references, failures = soak_registrations.run(
            stack.varnish_url, condition_id, args.registrations
        )
        events = []

        def chaos():
            time.sleep(10)
            kill_server(stack.processes["app_a"])
            events.append(f"{time.strftime('%X')} app server A killed (SIGKILL)")
            time.sleep(5)
            stack.start_app(0)
            stack.wait_until_up(stack.app_url(0))
            events.append(f"{time.strftime('%X')} app server A answering again")

        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(ROTATE % ", ".join(f'"{path}"' for path in PATHS))
        threading.Thread(target=chaos, daemon=True).start()
        out = subprocess.run(  # noqa: S603
            [
                wrk,
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--latency",
                "--timeout",
                "10s",
            ]
            + ["-s", script.name, stack.varnish_url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for patient in patients:
            patient.join(timeout=600)
        print("\n".join(events))
        print(out)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket_errors = re.search(r"Socket errors: (.*)", out)
        print("pages non-2xx/3xx:", non_2xx.group(1) if non_2xx else 0)
        print("pages socket errors:", socket_errors.group(1) if socket_errors else "none")
        report_registrations(stack, references)
        print("not acknowledged (patient gave up):", failures or "none")
        print("load average:", open("/proc/loadavg").read().split()[:3])  # noqa: SIM115
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
