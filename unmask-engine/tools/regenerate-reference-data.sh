#!/bin/sh
# Regenerates the compact reference files shipped in unmask-engine/src/main/resources/org/unmask/enrich
# from the upstream data (default ../shared/data next to the clone). See docs/enrichment.md.
# Usage (from the repository root): unmask-engine/tools/regenerate-reference-data.sh [SHARED_DATA_DIR]
set -eu
DATA="${1:-../shared/data}"
./mvnw -B -o -q -pl unmask-engine test-compile
M2="${HOME}/.m2/repository"
CP="unmask-engine/target/classes:unmask-engine/target/test-classes"
for jar in \
  org/apache/commons/commons-csv/1.14.1/commons-csv-1.14.1.jar \
  commons-io/commons-io/*/commons-io-*.jar \
  commons-codec/commons-codec/*/commons-codec-*.jar \
  com/maxmind/db/maxmind-db/3.1.1/maxmind-db-3.1.1.jar \
  com/fasterxml/jackson/core/jackson-core/2.21.4/jackson-core-2.21.4.jar \
  com/fasterxml/jackson/core/jackson-databind/2.21.4/jackson-databind-2.21.4.jar \
  com/fasterxml/jackson/core/jackson-annotations/*/jackson-annotations-*.jar \
  org/snakeyaml/snakeyaml-engine/2.10/snakeyaml-engine-2.10.jar; do
  # several versions may sit in ~/.m2: take the newest
  f=$(ls -d ${M2}/${jar} | sort -V | tail -1)
  CP="${CP}:${f}"
done
java -cp "${CP}" org.unmask.enrich.EnrichmentResourceGenerator "${DATA}" unmask-engine/src/main/resources/org/unmask/enrich
