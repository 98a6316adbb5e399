#!/usr/bin/env bash
# The project's test command: prepares what the tests need, then runs every test with Maven.
#   1. PostgreSQL on 127.0.0.1:5432 for the JDBC checkpointer tests: installed from Debian and started
#      when missing (.ci/postgres.sh; idempotent, a no-op when the test database already answers)
#   2. Debian's docker-registry and htpasswd for the OCI publishing tests (.ci/oci-registry.sh; the tests start
#      their own registries on 127.0.0.1)
#   3. mvn -B verify: unit tests, Helm-backed integration tests, examples
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/postgres.sh
bash .ci/oci-registry.sh
exec mvn -B verify "$@"
