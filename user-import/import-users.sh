#!/usr/bin/env bash
# The bulk import/export command: builds user-import/target/user-import.jar when it is missing or older than the
# sources, then runs it. Options: ./user-import/import-users.sh --help, and user-import/README.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/user-import/target/user-import.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/user-import/src/main" "$root/user-storage-arangodb/src/main" \
        "$root/user-import/pom.xml" -newer "$jar" -print -quit)" ]]; then
    (cd "$root" && mvn -B -q -DskipTests package -pl user-import -am) >&2
fi
exec java -jar "$jar" "$@"
