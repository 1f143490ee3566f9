#!/usr/bin/env bash
# Screenshot of what a reviewer sees when the workspace file is damaged (Xvfb + imagemagick).
# Usage: docs/screenshots/make_damaged_dialog.sh [OUT.png]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-docs/screenshots/damaged-workspace.png}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export FACTCHECK_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/config"
ws="$work/election-night.fcdesk"
# A real workspace with a backup, then damaged the way a failed sync damages files.
.venv/bin/factcheck-app import --workspace "$ws" seeds/*.txt >/dev/null
.venv/bin/python - "$ws" <<'PY'
import sys
from pathlib import Path
from factcheck_app.services.desk import Desk
desk = Desk.open(Path(sys.argv[1]))
desk.upkeep.backup_now("auto")
desk.close()
path = Path(sys.argv[1])
data = bytearray(path.read_bytes())
path.write_bytes(bytes(data[: len(data) // 3]))  # truncated
PY
xvfb-run -a -s "-screen 0 900x420x24" bash -c "
  .venv/bin/factcheck-app --workspace '$ws' &
  app=\$!
  for _ in \$(seq 50); do sleep 0.2; xwininfo -root -tree 2>/dev/null | grep -q 'Damaged workspace' && break; done
  sleep 1
  import -window root png:- | convert - -trim +repage '$out'
  kill \$app; wait \$app 2>/dev/null || true
"
echo "wrote $out"
