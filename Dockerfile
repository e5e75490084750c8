# The portal for production-like use: one image for web (gunicorn), worker and beat.
#   docker build -t overenskommelse-portal .
#   docker compose up          (see docker-compose.yml)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    PORTAL_PROTECTED_MEDIA_ROOT=/data/protected

# WeasyPrint's system libraries (Pango, HarfBuzz, a font) and gettext's msgfmt for
# compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, from pyproject.toml alone, so a code change keeps this layer.
# The project installs no packages of its own (setuptools `packages = []`): the code
# runs from /app.
COPY pyproject.toml /tmp/build/
RUN pip install /tmp/build && rm -rf /tmp/build

WORKDIR /app
COPY . .

# Translations and static files are built into the image. Production settings need
# these variables to load; the values are throwaway and exist for this step only.
# config/locale is where LOCALE_PATHS points; compilemessages fails when no locale
# folder exists at all, so it is made before the first translation is.
RUN mkdir -p config/locale \
    && export DJANGO_SECRET_KEY=build-only-not-a-secret \
        DATABASE_URL=postgres://build@127.0.0.1:5432/build \
        REDIS_URL=redis://127.0.0.1:6379/0 \
        DJANGO_ALLOWED_HOSTS=localhost \
        PORTAL_BASE_URL=http://localhost \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput

# The code stays root's and read-only to the app; it writes only uploads (a volume
# at PORTAL_PROTECTED_MEDIA_ROOT, created here so the volume inherits the owner)
# and var/.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home app \
    && mkdir -p /data/protected /app/var \
    && chown app:app /data/protected /app/var
USER app

EXPOSE 8000
# Workers, threads and sockets: config/gunicorn.py (WEB_CONCURRENCY, GUNICORN_THREADS).
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]
