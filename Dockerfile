# Build: a static, CGO-free binary (SQLite is the pure-Go driver).
# .dockerignore keeps data/, secret.key, *.db and .git out of `COPY . .`.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/pushcheck ./web \
    && mkdir -p /out/data

# Run: distroless static has CA certificates (vendor calls are TLS), tzdata
# and a nonroot user (65532), and no shell or package manager. The health
# check is the binary itself, so it needs neither.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/pushcheck /usr/local/bin/pushcheck
# An empty /data owned by nonroot: a new named volume takes its owner.
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot:nonroot
ENV PUSHCHECK_ADDR=0.0.0.0:8080 \
    PUSHCHECK_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/pushcheck", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/pushcheck"]
CMD ["serve"]
