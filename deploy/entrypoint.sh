#!/bin/sh
# Refuse to serve a wrong configuration: the production settings' own refusals, Django's deploy
# checks and ours (the OIDC issuer against the provider's discovery document). Migrations are
# the one-shot `migrate` service's job, not every replica's at start.
set -e
case "$1" in
  gunicorn) python manage.py check --deploy --fail-level ERROR ;;
esac
exec "$@"
