"""A bounded soak of the stack (loopback only; stops by itself): 50 connections for 30 s
through Varnish over the public pages and the registration start page (never cached, so it
reaches the app servers), while app server A is killed with SIGKILL at 10 s and restarted at
15 s. Prints wrk's figures: errors and non-2xx answers should be 0 (Varnish retries a GET on
the other server and its probe takes A out and back in). A reader waits up to 10 s.

    .venv/bin/python benchmarks/soak.py [--seconds 30] [--connections 50]

Not covered yet (issue 10, item 7): registrations sent through the flow during the kill.
"""

import argparse
import contextlib
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    reason = varnish_missing_reason() or (None if wrk else "wrk is not installed")
    if reason:
        sys.exit(f"Cannot soak: {reason}.")
    stack = Stack()
    try:
        stack.start()
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
        time.sleep(1)
        print("\n".join(events))
        print(out)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket_errors = re.search(r"Socket errors: (.*)", out)
        print("non-2xx/3xx:", non_2xx.group(1) if non_2xx else 0)
        print("socket errors:", socket_errors.group(1) if socket_errors else "none")
        print("load average:", open("/proc/loadavg").read().split()[:3])  # noqa: SIM115
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
