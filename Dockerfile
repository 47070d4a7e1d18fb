# imr-check in a container: the release binary with the Swift runtime linked in (--static-swift-stdlib:
# no toolchain needed where it runs) and the rule files beside it, on Debian slim with pdftotext for PDFs.
#
#   docker build -t imr-check .
#   docker run --rm -v "$PWD/letters:/data:ro" imr-check audit /data --format jsonl
#
# The binary finds its rules from its own location (/opt/imr-check/bin/imr-check -> /opt/imr-check/Rules);
# --rules DIR or IMR_CHECK_RULES picks another folder. docs/scale.md runs this image as a Kubernetes
# Indexed Job with --shard auto. (Not built on the development machine, which has no Docker daemon:
# checked by reading, and by building the same command line there — see docs/scale.md.)

FROM swift:6.3-bookworm AS build
WORKDIR /src
# Package manifest first, so a source change does not invalidate the dependency-free resolve.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product imr-check \
 && install -D "$(swift build -c release --static-swift-stdlib --show-bin-path)/imr-check" /out/bin/imr-check

FROM debian:bookworm-slim
# libstdc++ and libgcc are what the statically linked Swift runtime still needs from the system;
# poppler-utils gives pdftotext, so .pdf inputs are read too.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libstdc++6 libgcc-s1 poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/bin/imr-check /opt/imr-check/bin/imr-check
COPY Rules /opt/imr-check/Rules
ENV PATH=/opt/imr-check/bin:$PATH
RUN useradd --system --no-create-home imr && imr-check rules lint /opt/imr-check/Rules
USER imr
WORKDIR /data
ENTRYPOINT ["imr-check"]
CMD ["--help"]
