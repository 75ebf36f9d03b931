# labelwatch in a small image: installed in a build stage, run by a non-root
# user in a slim one. Configuration is mounted at /config/config.toml and
# secrets come from the environment (DISCORD_TOKEN, REDDIT_CLIENT_ID,
# REDDIT_CLIENT_SECRET, LABELWATCH_DATABASE_URL); nothing secret is baked in.

FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY storage ./storage
RUN python -m venv /opt/labelwatch && /opt/labelwatch/bin/pip install .

FROM python:3.12-slim
ENV PATH=/opt/labelwatch/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    LABELWATCH_CONFIG=/config/config.toml \
    LABELWATCH_METRICS_LISTEN=0.0.0.0:9464
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /data labelwatch
COPY --from=build /opt/labelwatch /opt/labelwatch
USER labelwatch
# The SQLite database lands here when no PostgreSQL URL is given.
WORKDIR /data
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4)"]
CMD ["labelwatch", "run"]
