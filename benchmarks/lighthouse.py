"""Lighthouse on the demo site: SEO, accessibility and best practices must score 100 on the
condition page, search results and home; performance is reported (it depends on timing).

    .venv/bin/python benchmarks/lighthouse.py [--port 8010] [--keep]

Installs the `lighthouse` npm package (12.8.2, the newest that runs on Node 20) into
var/lighthouse/ on first use, builds the demo content in a throwaway SQLite database (or the one
DATABASE_URL names), serves it with runserver on 127.0.0.1, runs Lighthouse with Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) and exits 1 when one of the three scores is
below 100, listing the audits that failed. About 2 minutes on a 2-core machine, mostly the demo
content and three Lighthouse runs of ~25 s.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = PROJECT_DIR / "var" / "lighthouse"
LIGHTHOUSE_VERSION = "12.8.2"
PAGES = {
    "condition page": "/spinal-tumor-program/spinal-metastases/",
    "search results": "/search/?q=spinal+mets",
    "home": "/",
    "Spanish condition page": "/es/programa-de-tumores-de-la-columna/metastasis-en-la-columna/",
}
REQUIRED = ["seo", "accessibility", "best-practices"]
CATEGORIES = ["performance", *REQUIRED]
# The flags tests/browser/conftest.py uses: this network refuses Chromium's background calls.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --disable-quic"
)


def lighthouse_binary():
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        sys.exit(
            "npm not found: install Node.js 20 (apt-get install nodejs npm) to run Lighthouse."
        )
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR} …", flush=True)
    subprocess.run(  # noqa: S603 - fixed arguments
        [npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
         f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )  # fmt: skip
    return binary


def start_site(port, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.dev",
        "DATABASE_URL": database_url,
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }
    python = sys.executable
    manage = str(PROJECT_DIR / "manage.py")
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        # Quiet unless it fails: the in-process task runner logs every task.
        done = subprocess.run([python, manage, *command], env=env, capture_output=True, text=True)  # noqa: S603
        if done.returncode:
            sys.exit(f"manage.py {command[0]} failed:\n{done.stderr}")
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [python, manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit(f"The site did not start on port {port}.")


def run_lighthouse(binary, url, report_path, attempts=3):
    """The report as a dict; retried when Chrome fails to load the page (NO_NAVSTART)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(1, attempts + 1):
        subprocess.run(  # noqa: S603 - fixed arguments
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report_path}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
            env=env,
            check=False,
        )  # fmt: skip
        if report_path.exists():
            report = json.loads(report_path.read_text())
            if not report.get("runtimeError") and all(
                report["categories"][name]["score"] is not None for name in CATEGORIES
            ):
                return report
        print(f"  Lighthouse run {attempt} failed on {url}; retrying", flush=True)
    sys.exit(f"Lighthouse could not audit {url}.")


def failed_audits(report, category):
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
            yield f"{category}: {ref['id']} ({audit['title']})"


def free_port(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIGHTHOUSE_PORT", 8010)))
    parser.add_argument("--keep", action="store_true", help="keep the reports in var/lighthouse")
    args = parser.parse_args()
    if not free_port(args.port):
        sys.exit(f"Port {args.port} is in use: pass --port.")

    binary = lighthouse_binary()
    scratch = tempfile.TemporaryDirectory()
    database_url = os.environ.get("DATABASE_URL", f"sqlite:///{scratch.name}/lighthouse.sqlite3")
    reports = LIGHTHOUSE_DIR if args.keep else Path(scratch.name)
    started = time.monotonic()
    server = start_site(args.port, database_url)
    problems = []
    try:
        print(f"{'page':<24}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for label, path in PAGES.items():
            report_path = reports / f"{label.replace(' ', '-')}.json"
            report_path.unlink(missing_ok=True)
            report = run_lighthouse(binary, f"http://127.0.0.1:{args.port}{path}", report_path)
            scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
            print(f"{label:<24}" + "".join(f"{scores[name]:>16}" for name in CATEGORIES))
            for name in REQUIRED:
                if scores[name] < 100:
                    problems += [f"{label}: {line}" for line in failed_audits(report, name)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"({time.monotonic() - started:.0f} s)")
    if problems:
        print("Below 100:\n  " + "\n  ".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
