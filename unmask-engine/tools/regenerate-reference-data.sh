#!/bin/sh
# Regenerates the compact reference files shipped in unmask-engine/src/main/resources/org/unmask/enrich
# from the upstream data (default ../shared/data next to the clone). See docs/enrichment.md.
# Usage (from the repository root): unmask-engine/tools/regenerate-reference-data.sh [SHARED_DATA_DIR]
set -eu
DATA="${1:-../shared/data}"
. unmask-engine/tools/engine-classpath.sh
java -cp "${CP}" org.unmask.enrich.EnrichmentResourceGenerator "${DATA}" unmask-engine/src/main/resources/org/unmask/enrich
