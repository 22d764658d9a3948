#!/bin/sh
# Bring the schema and the shipped catalog up to date, then serve. Both steps are idempotent.
set -e
python manage.py migrate --noinput
if python manage.py help import_catalog >/dev/null 2>&1; then
  python manage.py import_catalog
fi
exec "$@"
