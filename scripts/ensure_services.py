"""Make sure PostgreSQL and Redis answer (starting the machine's own when they are down) and
that the app's database exists. Used by `make run` and `make test` on a fresh machine."""

import os
import subprocess
import sys
import time

import psycopg
import redis

PG = {
    "host": os.environ.get("DATABASE_HOST", "127.0.0.1"),
    "port": int(os.environ.get("DATABASE_PORT", "5432")),
    "user": os.environ.get("DATABASE_USER", "postgres"),
    "password": os.environ.get("POSTGRES_PASSWORD") or None,
}
REDIS = {"host": os.environ.get("REDIS_HOST", "127.0.0.1"), "port": int(os.environ.get("REDIS_PORT", "6379"))}
START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = (
    "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no "
    "--dir /var/lib/redis --logfile /var/log/redis/ci.log"
)


def postgres_up() -> bool:
    try:
        psycopg.connect(dbname="postgres", connect_timeout=2, **PG).close()
    except psycopg.OperationalError:
        return False
    return True


def redis_up() -> bool:
    try:
        return redis.Redis(socket_connect_timeout=2, **REDIS).ping()
    except redis.RedisError:
        return False


def ensure(name: str, is_up, start_command: str) -> None:
    if is_up():
        return
    print(f"{name} is not answering; starting it: {start_command}", flush=True)
    subprocess.run(start_command, shell=True, check=False)
    for _ in range(30):
        if is_up():
            return
        time.sleep(1)
    sys.exit(f"{name} did not come up. Start it yourself and try again.")


def ensure_database(name: str) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


if __name__ == "__main__":
    ensure("PostgreSQL", postgres_up, START_POSTGRES)
    ensure("Redis", redis_up, START_REDIS)
    ensure_database(os.environ.get("DATABASE_NAME", "motovault"))
