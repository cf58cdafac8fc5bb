#!/usr/bin/env bash
# The run command: builds the bundle, unpacks the stock Keycloak distribution (from Maven Central) and starts it on
# http://localhost:8080 with the bundle in providers/ and the acme realm imported. ArangoDB: ARANGODB_HOSTS, or an
# in-memory stand-in when nothing answers there. Needs only a JDK 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -jar launcher/target/keycloak-launcher.jar "$@"
