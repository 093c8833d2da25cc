#!/usr/bin/env bash
# The fn-misp benchmark, all scenarios, one command (see doc/performance.md).
#   bench/run.sh [--quick] [--n N] [--c C] [--workers W] [--warmup W] [--only a,b] [--jfr] [--no-build]
# --no-build skips `mvn -Pbench package` (used by `mvn -Pbench verify`, which has just built everything).
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for arg in "$@"; do
  if [[ $arg == --no-build ]]; then build=0; else args+=("$arg"); fi
done
if (( build )); then
  mvn -B -q ${MVN_OFFLINE--o} -Pbench -Dmaven.test.skip=true package
fi
deps=$(cat target/bench/classpath.txt)
rm -rf target/bench-classes
mkdir -p target/bench-classes
javac --release 17 -nowarn -d target/bench-classes -cp "target/classes:$deps" $(find src/bench/java -name '*.java')
cp -r src/bench/resources/. target/bench-classes/
exec java ${BENCH_JAVA_OPTS-} -cp "target/bench-classes:target/classes:$deps" org.fnmisp.bench.BenchMain ${args[@]+"${args[@]}"}
