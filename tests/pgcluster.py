"""Throw-away PostgreSQL clusters for the tests that must stop, restart or replicate a server:
each in its own temporary folder, on a spare loopback port, made with the local binaries
(Debian's /usr/lib/postgresql/N/bin). Never the shared server on 5432. As root (CI) the
server runs as the postgres account, since PostgreSQL refuses to run as root.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def binaries() -> Path:
    """The folder with initdb, pg_ctl and pg_basebackup together (Debian's, newest first)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    found = shutil.which("pg_basebackup")
    candidates = [*reversed(versions), *([Path(found).parent] if found else [])]
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup")):
            return folder
    raise RuntimeError("PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) are not "
                       "installed: apt-get install postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL server on 127.0.0.1:``port`` with trust authentication for user tuijin."""

    def __init__(self, root: Path, name: str):
        self.root = root
        self.data = root / name
        self.port = _free_port()
        self.log = root / f"{name}.log"
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command: str, timeout: int = 120) -> None:
        result = subprocess.run([*self.run_as, *command], capture_output=True, text=True,
                                timeout=timeout)
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr[-2000:]}")

    def initdb(self) -> "Cluster":
        self._run(str(binaries() / "initdb"), "-D", str(self.data), "-U", "tuijin",
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        return self

    def basebackup_of(self, primary: "Cluster") -> "Cluster":
        """A streaming replica of ``primary`` (pg_basebackup -R: it starts as a standby)."""
        self._run(str(binaries() / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
                  "-U", "tuijin", "-D", str(self.data), "-R", "-X", "stream")
        return self

    def _options(self) -> str:
        return (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                f"-c unix_socket_directories={self.root}"
                + ("" if self.durable else " -c fsync=off"))

    def start(self, *, durable: bool = False) -> "Cluster":
        """Start the server; ``durable`` keeps fsync on (a benchmark), tests go without."""
        self.durable = durable
        self._run(str(binaries() / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", self._options(), "-w", "start")
        return self

    def restart(self) -> None:
        """Stop (fast: sessions are ended, open transactions rolled back) and start again."""
        self._run(str(binaries() / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", self._options(), "-m", "fast", "-w", "restart")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(binaries() / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://tuijin@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres"):
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else None


class Clusters:
    """A temporary folder holding clusters; ``close`` stops them all and removes it."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="tuijin-pg-", dir="/tmp"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.clusters: list[Cluster] = []

    def new(self, name: str) -> Cluster:
        cluster = Cluster(self.root, name)
        self.clusters.append(cluster)
        return cluster

    def close(self) -> None:
        for cluster in reversed(self.clusters):
            if (cluster.data / "postmaster.pid").exists():
                with contextlib.suppress(RuntimeError, subprocess.SubprocessError):
                    cluster.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for(check, *, seconds: float = 30, what: str = "a condition") -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
