# The app's image (web, worker, backup and migrate services): built in one stage, run from
# another that has no compiler, as a non-root user.

# Bookworm: its postgresql-client is 15, the server's major version (a newer pg_dump writes
# settings that PostgreSQL 15 rejects on restore).
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
# The release's name (the git revision or tag): part of every cache key, so an upgrade never serves
# values or fragments of the previous one. `docker compose build` passes MOTOVAULT_VERSION.
ARG RELEASE=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=motovault.settings.prod RELEASE=$RELEASE
# pg_dump and pg_restore for the backup service; nothing to build with.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app motovault
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY . .
# collectstatic imports the production settings, which refuse to start without a key, a host
# and a way to sign in: these throw-away values live only in this layer's command.
RUN DJANGO_SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build.invalid PASSWORD_LOGIN_ENABLED=true \
    python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/media /backups && chown motovault /app/media /backups

USER motovault
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["python", "deploy/healthcheck.py"]
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["gunicorn", "motovault.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
