"""Helpers for the benches that drive tuijin over HTTP: serve it with gunicorn on loopback,
log users in, and read the workers' memory. Used by bench/load_bench.py and
bench/export_bench.py; nothing here listens beyond 127.0.0.1.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PASSWORD = "bench-Passw0rd!"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tuijin(env: dict, *arguments: str, quiet: bool = True) -> str:
    """Run a tuijin command (manage.py) with ``env``; its output, or exit with its error."""
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *arguments], env=env,
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"tuijin {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def bench_env(database_url: str, **extra: str) -> dict:
    """The development settings (DEBUG off) on ``database_url``: a load test on one machine."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tuijin.settings",
           "DATABASE_URL": database_url, "DEBUG": "false", "LOG_LEVEL": "ERROR",
           "AXES_FAILURE_LIMIT": "1000", **extra}
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


class Gunicorn:
    """gunicorn tuijin.wsgi on 127.0.0.1 with ``workers`` sync workers (the README's server)."""

    def __init__(self, env: dict, *, workers: int = 4, timeout: int = 30, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "tuijin.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--timeout", str(timeout)],
            env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._wait()
        except BaseException:
            self.stop()
            raise

    def _wait(self) -> None:
        import requests

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log.name}")
            try:
                requests.get(f"{self.url}/accounts/login/", timeout=30)
                return
            except requests.RequestException:
                time.sleep(0.3)
        sys.exit("gunicorn did not answer within 120 s")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM) so far."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def log_in(base_url: str, username: str):
    """A requests session logged in as ``username`` (password PASSWORD)."""
    import requests

    session = requests.Session()
    page = session.get(f"{base_url}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(f"{base_url}/accounts/login/", timeout=30,
                            data={"csrfmiddlewaretoken": token, "username": username,
                                  "password": PASSWORD},
                            headers={"Referer": f"{base_url}/accounts/login/"},
                            allow_redirects=False)
    if response.status_code != 302:
        text = re.sub(r"<[^>]+>|\s+", " ", response.text)[-400:]
        sys.exit(f"log-in as {username} failed ({response.status_code}): {text}")
    return session
