#!/usr/bin/env bash
# Screenshot of the main window mid-review, on a virtual X display (needs xvfb, imagemagick).
# Usage: docs/screenshots/make_main_window.sh [OUT.png]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-docs/screenshots/main-window.png}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FACTCHECK_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config" FACTCHECK_REVIEWER="Ana Lopez"
.venv/bin/python - "$work/demo.fcdesk" <<'PY'
import sys
from pathlib import Path
from factcheck_app.domain.models import Stance, Tag
from factcheck_app.services.desk import Desk, NewSource
desk = Desk.open(Path(sys.argv[1]))
desk.importer.ensure_seeded()
ids = [r.sentence.id for r in desk.reviews.sentence_rows(1)]
desk.reviews.set_tag(ids[0], Tag.CLAIM); desk.reviews.set_verdict(ids[0], "mostly_true")
desk.reviews.set_text_field(ids[0], "claimant", "Turkish Foreign Ministry")
desk.reviews.set_tag(ids[1], Tag.FACT); desk.reviews.set_verdict(ids[1], "true")
desk.reviews.set_text_field(ids[1], "claimant", "Foreign Ministry in Ankara")
desk.reviews.set_tag(ids[2], Tag.FACT); desk.reviews.set_verdict(ids[2], "true")
desk.reviews.set_tag(ids[3], None)
desk.reviews.set_tag(ids[4], Tag.CLAIM); desk.reviews.set_verdict(ids[4], "unverifiable")
desk.reviews.set_text_field(ids[4], "claimant", "Baku")
desk.reviews.set_text_field(ids[4], "explanation",
    "Azerbaijan's prosecutor general gave the same toll; no independent count was "
    "available on October 4. Hospital figures published later agree within two.")
desk.sources.link_source(ids[4], NewSource(url="https://example.org/prosecutor-statement",
    title="Statement on the shelling of Ganja", publisher="Prosecutor General of Azerbaijan",
    stance=Stance.SUPPORTS, excerpt="one civilian was killed and 32 wounded"))
desk.sources.link_source(ids[4], NewSource(url="https://example.org/hospital-report",
    title="Ganja hospital admissions", publisher="Local health authority",
    stance=Stance.CONTEXT))
desk.reviews.set_tag(ids[5], Tag.DENIAL)
desk.reviews.set_text_field(ids[5], "claimant", "Yerevan")
desk.close()
PY
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  .venv/bin/factcheck-app --workspace '$work/demo.fcdesk' &
  app=\$!
  for _ in \$(seq 50); do sleep 0.2; xwininfo -root -tree 2>/dev/null | grep -q 'Factcheck desk' && break; done
  sleep 1.5
  import -window root '$out'
  kill \$app; wait \$app 2>/dev/null || true
"
echo "wrote $out"
