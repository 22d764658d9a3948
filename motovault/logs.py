"""JSON log lines that carry a request id and a truncated user id, and never a VIN."""

import contextvars
import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("motovault.request")

request_id_var = contextvars.ContextVar("request_id", default="-")
user_id_var = contextvars.ContextVar("user_id", default="-")

# 17 characters of the VIN alphabet (no I, O, Q) with at least one digit and one letter.
VIN_PATTERN = re.compile(r"\b(?=[A-HJ-NPR-Z]*\d)(?=\d*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b", re.IGNORECASE)
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def redact(text: str) -> str:
    return VIN_PATTERN.sub("[VIN]", text)


class ContextFilter(logging.Filter):
    """Adds the request context to every record and removes VINs from what it says."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = user_id_var.get()
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RequestIDMiddleware:
    """Keeps an incoming X-Request-ID (or makes one), returns it, and logs one line a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        tokens = (request_id_var.set(request.id), user_id_var.set("-"))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            # Only a user the request already loaded: looking one up here would cost a session read.
            user = getattr(request, "_cached_user", None)
            if user is not None and user.is_authenticated:
                user_id_var.set(user.log_id)
            response["X-Request-ID"] = request.id
            logger.info(
                "%s %s %s",
                request.method,
                redact(request.path),
                response.status_code,
                extra={
                    "method": request.method,
                    "path": redact(request.path),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(tokens[0])
            user_id_var.reset(tokens[1])
