#!/usr/bin/env bash
# The run command: builds the bundle, unpacks the stock Keycloak distribution (from Maven Central) and starts it on
# http://localhost:8080 with the bundle in providers/ and the acme realm imported. ArangoDB: ARANGODB_HOSTS (it must
# answer; ARANGODB_USER/ARANGODB_PASSWORD: your admin credential, used only to create acme's own account), or an
# in-memory stand-in when ARANGODB_HOSTS is unset. Needs only a JDK 17+ and Maven. `./run.sh --cluster`: two
# production-mode nodes (8080, 8081) on a throw-away local PostgreSQL (its binaries installed) instead of start-dev.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -jar launcher/target/keycloak-launcher.jar "$@"
