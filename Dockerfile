# Production image: the server binary plus the built web app, on a slim Debian.
# Build: docker compose build   (see docker-compose.yml)

FROM rust:1.95-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The same offline pipeline as development: wasm-bindgen CLI at the Cargo.lock version,
# wasm-opt from npm's binaryen, hashed assets into web/dist.
RUN bash scripts/build-web.sh \
    && cargo build --release -p api \
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
ENV APP_SERVER__HOST=0.0.0.0 \
    APP_SERVER__PORT=8080 \
    APP_WEB__DIST_DIR=/app/web/dist \
    APP_LOG__FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ready <&3"]
ENTRYPOINT ["rental-portal"]
CMD ["serve"]
