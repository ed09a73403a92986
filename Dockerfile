# Production image: the server binary plus the built web app, on a slim Debian.
# Build: docker compose build   (see docker-compose.yml)
#
# Base images are named by tag. To pin them (reproducible builds, no silent base changes),
# look the digests up where Docker Hub is reachable and write them after the tag:
#   docker buildx imagetools inspect rust:1.95-bookworm      # "Digest: sha256:..."
#   docker buildx imagetools inspect debian:bookworm-slim
# then FROM rust:1.95-bookworm@sha256:<digest> (and the same for debian:bookworm-slim).

FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The same offline pipeline as development: wasm-bindgen CLI at the Cargo.lock version,
# wasm-opt from npm's binaryen, hashed assets into web/dist.
RUN bash scripts/build-web.sh \
    && cargo build --locked --release -p api \
    && cp target/release/rental-portal /usr/local/bin/rental-portal

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app --shell /usr/sbin/nologin portal
WORKDIR /app
COPY --from=build /usr/local/bin/rental-portal /usr/local/bin/rental-portal
COPY --from=build /src/web/dist /app/web/dist
USER portal
# Email goes out over SMTP: the server refuses to start until APP_SMTP__HOST names the
# relay (the development mailbox is refused on 0.0.0.0). /metrics stays off (404) until
# APP_METRICS__TOKEN is set.
ENV APP_SERVER__HOST=0.0.0.0 \
    APP_SERVER__PORT=8080 \
    APP_WEB__DIST_DIR=/app/web/dist \
    APP_LOG__FORMAT=json \
    APP_EMAIL__TRANSPORT=smtp
EXPOSE 8080
# The binary probes its own /readyz (exit 0 on 200, else 1); the image has no curl, and
# /bin/sh (dash) has no /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD ["rental-portal", "healthcheck"]
ENTRYPOINT ["rental-portal"]
CMD ["serve"]
