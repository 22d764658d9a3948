"""Free ports on the loopback that stay ours for as long as this process lives.

A port found free by binding port 0 and closing the socket may be handed to someone else before
our server listens on it, or while a test has stopped that server to start it again: another
pytest-xdist worker, another checkout's test run, a client connection's local port. A port reserved
here stays bound (``SO_REUSEADDR``, never listening), so the kernel gives it to no one else, while
the servers we start on it, which all bind with ``SO_REUSEADDR`` (Python's HTTP servers, gunicorn,
redis-server, PostgreSQL), may still listen on it, as often as they restart."""

import socket

_reserved: list[socket.socket] = []


def reserved_port() -> int:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    _reserved.append(sock)
    return sock.getsockname()[1]
