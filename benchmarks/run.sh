#!/usr/bin/env bash
# The benchmark command: builds the bundle, the launcher's Keycloak and the benchmark jar, then runs the benchmark.
# Without --keycloak it starts its own Keycloak (development mode, free ports, its own database under the output
# directory) with the in-memory ArangoDB stand-in; options: see benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl benchmarks -am
exec java -jar benchmarks/target/keycloak-benchmarks.jar "$@"
