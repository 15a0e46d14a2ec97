# The README's steps in a container: Debian, make, then `make serve` (migrate and serve).
FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-venv make ca-certificates libzbar0 fonts-dejavu-core postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 delbar

WORKDIR /app
COPY --chown=delbar:delbar . .
USER delbar

# `make setup` is the install half of `make run`/`make serve`; the Debian packages are already in place.
RUN make setup

ENV DATABASE_URL=sqlite:////app/var/delbar.sqlite \
    DELBAR_HOST=0.0.0.0 \
    DELBAR_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD .venv/bin/python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"

CMD ["make", "serve", "HOST=0.0.0.0"]
