#!/usr/bin/env bash
# Telemetry's CPU cost per request, measured side by side (issue 18: "at most 5 % of the CPU per request").
#
#   benchmarks/run-telemetry-ab.sh [rounds] [clients-per-host] [seconds]
#
# benchmarks/run-ab.sh with side "off" (OpenTelemetry:Metrics=false: no meter provider, the extension calls skip their
# telemetry, no /metrics) and side "on" (as deployed, /metrics scraped every 5 s as Prometheus would). The ratio it
# prints is on / off. Warm-up: the host with metrics is warmed until its JIT is quiet (the generator reads /metrics);
# the one without cannot say, so its generator keeps loading it until the other is warm too (the barrier's "warm"
# phase), and both are under load for the same wall time. A first try that only gave both a fixed warm-up still found
# the host without metrics compiling during the measurement (on/off 0.86-0.93: telemetry looked like a saving).
set -euo pipefail
cd "$(dirname "$0")/.."
A_NAME=off A_ARGS="--OpenTelemetry:Metrics=false" B_NAME=on SCRAPE=B exec benchmarks/run-ab.sh "$@"
