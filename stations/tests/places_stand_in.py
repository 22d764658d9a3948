"""A stand-in for Google's Places API (legacy web service) on a free local port: it answers
``/textsearch/json`` and ``/nearbysearch/json`` the way the real one does, in the behaviour a test
sets (``answers``: one per call, the last one repeated), and records every request."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SHELL = {
    "place_id": "ChIJ-shell-main-street",
    "name": "Shell Main Street",
    "formatted_address": "12 Main Street, Springfield",
    "vicinity": "12 Main Street",
    "geometry": {"location": {"lat": 48.137154, "lng": 11.576124}},
    "types": ["gas_station", "point_of_interest", "establishment"],
}
ARAL = {
    "place_id": "ChIJ-aral-ring-road",
    "name": "Aral Ring Road",
    "vicinity": "Ring Road 1",
    "geometry": {"location": {"lat": 48.2, "lng": 11.6}},
}

OK = (200, {"html_attributions": [], "results": [SHELL, ARAL], "status": "OK"})
ZERO_RESULTS = (200, {"html_attributions": [], "results": [], "status": "ZERO_RESULTS"})
OVER_QUERY_LIMIT = (
    200,
    {
        "error_message": "You have exceeded your daily request quota for this API.",
        "results": [],
        "status": "OVER_QUERY_LIMIT",
    },
)
REQUEST_DENIED = (
    200,
    {
        "error_message": "The provided API key is invalid.",
        "html_attributions": [],
        "results": [],
        "status": "REQUEST_DENIED",
    },
)
SERVER_ERROR = (500, {"error": "internal"})


class StandInPlaces:
    def __init__(self) -> None:
        self.answers: list[tuple[int, dict]] = [OK]
        self.delay = 0.0
        self.requests: list[tuple[str, dict[str, str]]] = []

    def answer(self) -> tuple[int, dict]:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def _handler(places: StandInPlaces):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            places.requests.append((url.path, {k: v[0] for k, v in parse_qs(url.query).items()}))
            if places.delay:
                time.sleep(places.delay)
            status, body = places.answer()
            payload = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args) -> None:
            pass

    return Handler


def serve(places: StandInPlaces) -> ThreadingHTTPServer:
    """Serve on a free port (port 0): the address is ``server.server_address``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(places))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
