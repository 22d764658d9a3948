# The web container: gunicorn + whitenoise, as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=motovault.settings.prod
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic needs a key to import the settings; this one is thrown away with the layer.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home /app motovault \
    && mkdir -p /app/media && chown motovault /app/media

USER motovault
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["gunicorn", "motovault.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
