#!/usr/bin/env bash
# Refreshes the third-party scripts the catalog page serves (capability-catalog/ui/), from the versions pinned in
# package-lock.json here: the page's CSP allows scripts from the host only, so they are vendored, never loaded from a
# CDN. Run after changing package.json (npm install updates the lock), then commit the copied files with the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund
cp node_modules/mermaid/dist/mermaid.min.js ../ui/mermaid.min.js
cp node_modules/mermaid/LICENSE ../ui/mermaid.LICENSE.txt
echo "mermaid $(node -p "require('./node_modules/mermaid/package.json').version") copied to capability-catalog/ui/"
