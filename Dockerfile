# One replica of the app. compose.yaml runs two behind nginx; on Kubernetes, run it as a
# Deployment behind a Service with sessionAffinity: ClientIP (or an ingress with cookie affinity).
# Every replica needs the same STREAMLIT_SERVER_COOKIE_SECRET (README, "Serving a whole school").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin mclab

# Only what the app runs (.dockerignore lists it); owned by root, read-only to the app's user.
COPY . .
USER mclab

EXPOSE 8501
# python:3.11-slim has no curl: ask the health endpoint with Python.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).read() != b'ok')"]
CMD ["streamlit", "run", "streamlit_app.py", "--server.headless=true", "--server.port=8501", \
     "--server.address=0.0.0.0", "--server.fileWatcherType=none"]
