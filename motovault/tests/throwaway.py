"""Throw-away PostgreSQL and Redis servers, and the app served against them, for tests that stop
and restart services. The machine's shared instances are never touched. Each listens on a port
reserved for this process (``ports.py``: no other xdist worker or test run can take it, even while
it is stopped).

Each is a context manager: entering starts it in a temporary directory of its own (``mkdtemp``),
leaving stops it and removes the directory, even when the test failed or the start did."""

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Self

import psycopg
import pytest
import redis
import requests

from motovault.tests.ports import reserved_port

BASE_DIR = Path(__file__).resolve().parents[2]
# Generous for a loaded machine (others run tests beside us), short enough to fail fast.
START_SECONDS = 30
REQUEST_SECONDS = 10
DATABASE_NAME = "motovault"


def wait_until(ready: Callable[[], bool], failure: str) -> None:
    """Polls ``ready`` against a deadline rather than sleeping a fixed time."""
    deadline = time.monotonic() + START_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{failure} within {START_SECONDS} s")
        time.sleep(0.05)


def run(command: list[str], **kwargs) -> None:
    """Runs a command to completion; a failure says what the command printed."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=2 * START_SECONDS, **kwargs)
    if result.returncode:
        raise RuntimeError(f"{command} exited with {result.returncode}:\n{result.stdout}\n{result.stderr}")


def terminate(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Throwaway(ABC):
    """Started on entering ``with``; stopped, and its directory removed, on leaving it."""

    directory: Path

    def __enter__(self) -> Self:
        try:
            self.setup()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def setup(self) -> None:
        self.start()

    @abstractmethod
    def start(self) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...


class RedisServer(Throwaway):
    """``redis-server`` keeping nothing on disk; it can be stopped and started again on its port."""

    def __init__(self) -> None:
        self.executable = shutil.which("redis-server")
        if self.executable is None:
            pytest.skip("redis-server is not installed")
        self.directory = Path(tempfile.mkdtemp(prefix="motovault-redis-"))
        self.port = reserved_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory), "--logfile", str(self.directory / "redis.log")],
            stdin=subprocess.DEVNULL,
        )
        wait_until(self._answers, f"Redis did not answer on port {self.port}")

    def stop(self) -> None:
        terminate(self.process)

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited: {(self.directory / 'redis.log').read_text()}")
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False


class PostgresServer(Throwaway):
    """A cluster of its own holding an empty ``motovault`` database, run by the ``postgres`` OS
    user when we are root (the server refuses root). Durability is off: nothing here lasts."""

    def __init__(self) -> None:
        self.bindir = self._bindir()
        owner = self._owner()
        self.directory = Path(tempfile.mkdtemp(prefix="motovault-postgres-"))
        self.as_owner: list[str] = []
        if owner is not None:
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", owner.pw_name, "--"]
        self.data = self.directory / "data"
        self.port = reserved_port()

    @staticmethod
    def _bindir() -> Path:
        """The newest installed server's tools (Debian keeps them off PATH), else PATH's."""
        installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
        pg_ctl = str(installed[-1]) if installed else shutil.which("pg_ctl")
        if pg_ctl is None:
            pytest.skip("PostgreSQL's server tools (initdb, pg_ctl) are not installed")
        return Path(pg_ctl).parent

    @staticmethod
    def _owner() -> pwd.struct_passwd | None:
        """Who runs the server when it is not us: root, which PostgreSQL refuses, hands it to postgres."""
        if os.geteuid() != 0:
            return None
        if shutil.which("runuser") is None:
            pytest.skip("running as root, without runuser to run PostgreSQL as postgres")
        try:
            return pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, with no postgres user to run PostgreSQL as")

    def _tool(self, name: str, *args: str) -> None:
        run([*self.as_owner, str(self.bindir / name), *args], cwd=self.directory)

    def _pg_ctl(self, action: str, *args: str) -> None:
        """The server logs to a file: on our pipes it would keep ``run`` waiting for their end."""
        log = self.directory / "postgres.log"
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        try:
            where = ["-D", str(self.data), "-l", str(log), "-o", options]
            self._tool("pg_ctl", action, *where, "-w", "-t", str(START_SECONDS), *args)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{log.read_text() if log.exists() else ''}") from exc

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True)

    def setup(self) -> None:
        self._tool("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N")
        self.start()
        with self._connect() as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

    def start(self) -> None:
        self._pg_ctl("start")

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "fast")

    def app_connections(self) -> int:
        """Sessions the app holds open on its database."""
        with self._connect() as conn:
            query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'"
            return conn.execute(query, [DATABASE_NAME]).fetchone()[0]


class AppServer(Throwaway):
    """The app under gunicorn as in production, but with one sync worker: it reuses one
    persistent database connection, the one a PostgreSQL restart leaves stale."""

    def __init__(self, postgres: PostgresServer, cache: RedisServer) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="motovault-app-"))
        self.log = self.directory / "app.log"
        self.port = reserved_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        # Nothing from our own environment (a shared database's name, a password, a CONFIG_PATH)
        # can point the app elsewhere: it gets only this.
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.directory),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "motovault.settings.dev",
            "SECRETS_DIR": str(self.directory / "no-secrets"),
            "DATABASE_HOST": "127.0.0.1",
            "DATABASE_PORT": str(postgres.port),
            "DATABASE_NAME": DATABASE_NAME,
            "DATABASE_USER": "postgres",
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(cache.port),
            "REDIS_DB": "0",
            "PASSWORD_LOGIN_ENABLED": "true",
            "LOG_LEVEL": "INFO",
        }

    def _manage(self, *args: str) -> None:
        run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env)

    def setup(self) -> None:
        self._manage("migrate", "--noinput", "-v0")
        self._manage("ensure_demo_user")
        self.start()

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "motovault.wsgi", "--bind", f"127.0.0.1:{self.port}"]
                + ["--workers", "1", "--timeout", str(START_SECONDS)],
                cwd=BASE_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._answers, f"the app did not answer on port {self.port}")

    def stop(self) -> None:
        terminate(self.process)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_size(self) -> int:
        return self.log.stat().st_size

    def problems_since(self, offset: int, expected: Callable[[dict], bool]) -> list[str]:
        """Log lines written after ``offset`` that show a failure (a traceback, an error, a 5xx, a
        worker started again), but for JSON records ``expected`` accepts."""
        with self.log.open("rb") as log:
            log.seek(offset)
            lines = log.read().decode(errors="replace").splitlines()
        problems = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict):
                # gunicorn's own lines, and what Django's DEBUG console handler prints.
                if any(sign in line for sign in ("Traceback", "[ERROR]", "[CRITICAL]", "Booting worker")):
                    problems.append(line)
                continue
            failed = "exc_info" in record or record.get("level") in ("ERROR", "CRITICAL")
            if (failed or record.get("status", 0) >= 500) and not expected(record):
                problems.append(line)
        return problems

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"the app exited: {self.log.read_text()}")
        try:
            requests.get(f"{self.url}/health", timeout=REQUEST_SECONDS)
        except requests.ConnectionError:
            return False
        return True
