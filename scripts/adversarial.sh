#!/usr/bin/env bash
# make adversarial: the adversarial suite of the wire server (bad input,
# cross-site requests, Host, limits, slow and oversize bodies, reset,
# shutdown under 64 connections), with the count of cases that passed.
# Only loopback is used.
set -euo pipefail
cd "$(dirname "$0")/.."

tests='TestBadInputs|TestCrossSiteRefused|TestOriginRules|TestAllowOriginCORS|TestHostCheck|TestLimits|TestOversizeBodies|TestSlowBodies|TestResetClearsEventHistory|TestShutdownUnderLoad'
race=()
if [ "$(go env CGO_ENABLED)" = 1 ] && command -v "$(go env CC)" >/dev/null 2>&1; then
	race=(-race)
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
go test "${race[@]}" -count=1 -v -run "^($tests)\$" ./wire/ >"$out" 2>&1 || status=$?
grep -E '^\s*--- (FAIL|SKIP)' "$out" || true
# A case is a leaf: a subtest, or a top-level test without subtests.
passed=$(awk '
	/^=== RUN/ { name=$3; runs[name]=1; n=split(name, p, "/"); if (n > 1) { parent=p[1]; for (i=2;i<n;i++) parent=parent "/" p[i]; hasKids[parent]=1 } }
	/--- PASS:/ { pass[$3]=1 }
	END { c=0; for (k in pass) if (!(k in hasKids)) c++; print c }' "$out")
failed=$(grep -cE '^\s*--- FAIL' "$out" || true)
grep -E 'requests read, .* answered' "$out" | sed 's/^ *//' || true
echo "adversarial cases passed: $passed, failed: $failed"
if [ "$status" -ne 0 ]; then
	tail -50 "$out"
	exit "$status"
fi
