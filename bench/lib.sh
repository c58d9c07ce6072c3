# Shared helpers of the benchmark scripts (sourced, not run).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
TARGET="$BENCH_DIR/target"
JAR="$TARGET/broadsheet-bench.jar"
JAVA="${JAVA:-java}"
SEED="${SEED:-7}"
RUNS="${RUNS:-5}"
# Compiler and collector flags of the JVMs that run the functions' code in the publish benchmarks:
# by default what Lambda's java17 and java21 runtimes set (C1 only, the serial collector:
# https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html), so the publisher runs as
# on Lambda. PUBLISH_JVM_FLAGS= (empty) runs
# the JDK's defaults (tiered C1 and C2, G1).
PUBLISH_JVM_FLAGS="${PUBLISH_JVM_FLAGS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
mkdir -p "$TARGET/results"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# apt-get install a Debian package when its command is missing (the machine runs as root).
need_package() {
  local cmd="$1" pkg="$2"
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "$cmd" ]; then
    log "installing $pkg"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
  fi
}

FUNCTIONS_JAR="$REPO/functions/lambda/target/broadsheet-functions.jar"

# The bench jar (export, corpus generator, JMH), the functions jar and the pipeline class path
# (bench/target/classpath.txt), built with the reactor (tests skipped) when missing or stale.
build_jar() {
  if [ ! -f "$JAR" ] || [ ! -f "$FUNCTIONS_JAR" ] || [ ! -f "$TARGET/classpath.txt" ] \
      || [ -n "$(find "$REPO/functions" "$REPO/local/servers/src" "$REPO/templates" "$BENCH_DIR/src/main" "$BENCH_DIR/pom.xml" \
                 -newer "$JAR" -type f -not -path '*/target/*' | head -1)" ]; then
    log "building $JAR"
    (cd "$REPO" && mvn -B -q -pl bench -am package -DskipTests)
  fi
}

# The class path of the pipeline benchmarks (handlers, adapters, local servers).
pipeline_classpath() {
  echo "$TARGET/classes:$(cat "$TARGET/classpath.txt")"
}

# corpus_dir N: a generated corpus of N articles (seed $SEED), generated once and kept in bench/target.
corpus_dir() {
  local n="$1" dir="$TARGET/corpus-$1"
  if [ ! -f "$dir/.complete-seed-$SEED" ]; then
    rm -rf "$dir"
    log "generating corpus of $n articles"
    "$JAVA" -cp "$JAR" broadsheet.bench.Corpus --n "$n" --seed "$SEED" --out "$dir" >&2
    touch "$dir/.complete-seed-$SEED"
  fi
  echo "$dir"
}
