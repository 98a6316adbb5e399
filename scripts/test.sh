#!/usr/bin/env bash
# The project's test command: prepares what the tests need, then runs every test with Maven.
#   - PostgreSQL on 127.0.0.1:5432 for the JDBC checkpointer tests (installed from Debian and started
#     when missing; see .ci/postgres.sh)
#   - mvn -B verify: unit tests, Helm-backed integration tests, examples
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .ci/postgres.sh ] || [ -f .ci/postgres.sh ]; then
  bash .ci/postgres.sh
fi
exec mvn -B verify "$@"
