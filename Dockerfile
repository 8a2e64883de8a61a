# Build: a static, CGO-free binary (SQLite is the pure-Go driver).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/pushcheck ./web

# Run: non-root, data on a volume, listening on all interfaces in the container.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin pushcheck \
    && mkdir -p /data && chown pushcheck /data
COPY --from=build /out/pushcheck /usr/local/bin/pushcheck
USER pushcheck
ENV PUSHCHECK_ADDR=0.0.0.0:8080 \
    PUSHCHECK_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["/usr/local/bin/pushcheck"]
CMD ["serve"]
