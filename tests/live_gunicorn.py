"""
The archive served by a real gunicorn (two worker processes, two threads
each) on a database of its own, for tests of several clients at the same
moment: what Django's threaded live server cannot show. Servers listen on
127.0.0.1, on a port from PORTS, and stop when the test ends.

CROSSING_TEST_PORTS ("first-last") moves every test server to other ports,
where several checkouts run their tests on one machine.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import lxml.html
import requests

ROOT = Path(__file__).resolve().parent.parent


def server_ports(first, last, half):
    """
    `first` to `last`; or, where CROSSING_TEST_PORTS ("first-last") is set, its
    lower (`half` 0) or upper (`half` 1) half: make serve's tests take the one,
    gunicorn's the other, as the default ranges keep them apart.
    """
    given = os.environ.get("CROSSING_TEST_PORTS", "")
    if not given:
        return range(first, last + 1)
    low, high = (int(end) for end in given.split("-"))
    middle = (low + high + 1) // 2
    return range(middle, high + 1) if half else range(low, middle)


PORTS = server_ports(8121, 8140, half=1)
SECRET_KEY = "live-server-test-key"


def server_env(database_url, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_"))
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DEBUG": "0",
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "ERROR",
            **extra,
        }
    )
    return env


def manage(database_url, *args, **popen):
    """Runs manage.py in a process of its own; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env(database_url),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        **popen,
    )


def run_in_archive(database_url, code):
    """Runs Python `code` in `manage.py shell`; returns what it printed, read as JSON."""
    done = manage(database_url, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port(ports=PORTS):
    """The first of `ports` that nothing listens on."""
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {ports}")


@contextlib.contextmanager
def gunicorn(database_url, workers=2, threads=2, **env):
    """The site at a base URL, served until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "crossing_archive.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=server_env(database_url, **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {process.stderr.read()}")
            # A server still starting may take the connection and answer late.
            with contextlib.suppress(requests.ConnectionError, requests.Timeout):
                if requests.get(f"{base}/robots.txt", timeout=5).status_code == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer within 20 seconds")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def signed_in(base, session_key):
    """A requests session with the sessionid of a signed-in user."""
    session = requests.Session()
    session.cookies.set("sessionid", session_key, domain="127.0.0.1")
    return session


def admin_form(session, url):
    """
    What a browser would post back from the admin form at `url`: every
    control with the value shown (lxml's form_values), and the CSRF token.
    """
    response = session.get(url, timeout=60)
    assert response.status_code == 200, response.status_code
    page = lxml.html.fromstring(response.text)
    # The page's largest form: the entry's, not the sign-out button's.
    form = max(page.forms, key=lambda f: len(f.inputs))
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def at_once(actions):
    """Runs every callable of `actions` in its own thread, released together; their results."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        barrier.wait(timeout=60)
        try:
            results[index] = action()
        except Exception as error:  # reported in the results, for the test to show
            results[index] = error

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results
