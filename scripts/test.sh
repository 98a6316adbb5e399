#!/usr/bin/env bash
# The project's test command: prepares what the tests need, then runs every test with Maven.
#   1. PostgreSQL on 127.0.0.1:5432 for the JDBC checkpointer tests: installed from Debian and started
#      when missing (.ci/postgres.sh; idempotent, a no-op when the test database already answers)
#   2. Debian's docker-registry and htpasswd for the OCI publishing tests (.ci/oci-registry.sh; the tests start
#      their own registries on 127.0.0.1)
#   3. the official A2A JavaScript SDK for the A2A server's interop test: installed with npm into a cache
#      directory (.ci/a2a-js.sh; idempotent; skipped with a message where node/npm are absent)
#   4. mvn -B verify: unit tests, Helm-backed integration tests, examples
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/postgres.sh
bash .ci/oci-registry.sh
bash .ci/a2a-js.sh
exec mvn -B verify "$@"
