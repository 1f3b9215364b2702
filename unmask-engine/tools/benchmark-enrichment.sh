#!/bin/sh
# Measures IP-enrichment throughput on one core (taskset -c 0); see docs/BENCHMARKS.md, "Enrichment".

# Usage (from the repository root): unmask-engine/tools/benchmark-enrichment.sh [EVENTS]
set -eu

. unmask-engine/tools/engine-classpath.sh
exec taskset -c 0 java -Xmx2g ${JAVA_OPTS:-} -cp "${CP}" org.unmask.enrich.EnrichmentBenchmark "$@"
