# Sourced by the scripts beside it (from the repository root): compiles unmask-engine with its tests
# and sets CP to its classes plus the few jars it needs from ~/.m2.
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
