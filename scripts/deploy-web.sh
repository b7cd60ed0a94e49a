#!/usr/bin/env bash
# Uploads the web page's build to a deployed stack (README "Deploy the web page"):
#
#   npm run build -w @tasks/web
#   scripts/deploy-web.sh <stack> [<build-dir>]      (default build: packages/web/dist)
#
# In this order, so that a browser never gets a page whose files are not there yet:
#   1. assets/ (hashed names, never changed under one): Cache-Control
#      "public, max-age=31536000, immutable", JavaScript and CSS typed by name;
#   2. the build's other files but index.html: no-cache;
#   3. config.json, the stack's WebConfig output: no-cache;
#   4. index.html: no-cache.
# No CloudFront invalidation: index.html and config.json are revalidated with the bucket on
# every request (no-cache, and the distribution's MinTTL 0), and a changed asset has a new
# name, so nothing a browser or the distribution holds is ever stale.
#
# Then it deletes the assets no page has named for RETENTION_DAYS, never one a page loaded
# before this deploy may still ask for (a tab left open loads code-split files later). The
# bucket keeps versions: every deploy's index.html is one, dated. Every deploy uploads all of
# its assets again, so an asset's date is the last deploy that had it; the first deploy more
# than GRACE after that one did not, and from then no new page named it. An asset is
# deleted once that deploy is RETENTION_DAYS old. Upload index.html only with this script:
# a hand-made upload would count as a deploy.
#
# Needs the AWS CLI with credentials allowed to describe the stack and to list, put and
# delete objects in its bucket (the deploy role of infra/github-oidc.yaml).
set -euo pipefail

readonly IMMUTABLE='public, max-age=31536000, immutable'
readonly RETENTION_DAYS=30
readonly GRACE_SECONDS=3600

usage() {
  echo "usage: $0 <stack> [<build-dir>]" >&2
  exit 2
}
fail() {
  echo "deploy-web: $*" >&2
  exit 1
}
(($# >= 1 && $# <= 2)) || usage
stack=$1
dist=${2:-$(cd "$(dirname "$0")/.." && pwd)/packages/web/dist}

[[ -f $dist/index.html && -d $dist/assets ]] ||
  fail "$dist holds no built page (index.html and assets/): run npm run build -w @tasks/web"

outputs=$(aws cloudformation describe-stacks --stack-name "$stack" --output text \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]')
output() {
  local key value
  while IFS=$'\t' read -r key value; do
    if [[ $key == "$1" ]]; then
      printf '%s\n' "$value"
      return
    fi
  done <<<"$outputs"
  fail "stack $stack has no $1 output: deploy it with the current infra/template.yaml first"
}
bucket=$(output WebBucketName)
config=$(output WebConfig)
url=$(output WebUrl)

# 1. With X-Content-Type-Options: nosniff a browser runs a script, or applies a stylesheet,
# only if its Content-Type says so: those two by name, the rest as the CLI guesses from the
# extension (image/svg+xml, font/woff2, ...).
assets() {
  aws s3 cp "$dist/assets" "s3://$bucket/assets" --recursive --no-progress \
    --cache-control "$IMMUTABLE" "$@"
}
assets --exclude '*' --include '*.js' --include '*.mjs' \
  --content-type 'text/javascript; charset=utf-8'
assets --exclude '*' --include '*.css' --content-type 'text/css; charset=utf-8'
assets --exclude '*.js' --exclude '*.mjs' --exclude '*.css'

# 2. Whatever else the build has at its root (icons, robots.txt): not hashed, so revalidated.
aws s3 cp "$dist" "s3://$bucket" --recursive --no-progress --cache-control no-cache \
  --exclude 'assets/*' --exclude index.html --exclude config.json

# 3. and 4.
printf '%s\n' "$config" | aws s3 cp - "s3://$bucket/config.json" --no-progress \
  --content-type application/json --cache-control no-cache
aws s3 cp "$dist/index.html" "s3://$bucket/index.html" --no-progress \
  --content-type 'text/html; charset=utf-8' --cache-control no-cache

# Tab-separated records for the prune: the deploys' dates, the bucket's assets with theirs,
# and this build's assets.
tagged() {
  local line
  while IFS= read -r line; do
    if [[ -n $line ]]; then printf '%s\t%s\n' "$1" "$line"; fi
  done
}
deploys=$(aws s3api list-object-versions --bucket "$bucket" --prefix index.html --output text \
  --query "Versions[?Key=='index.html'].LastModified" | tr '\t' '\n')
stored=$(aws s3api list-objects-v2 --bucket "$bucket" --prefix assets/ --output text \
  --query 'Contents[].[Key,LastModified]')
built=$(cd "$dist" && find assets -type f)

# Dates as S3 gives them (2026-12-02T06:11:20+00:00, or .000Z), to seconds since 1970 in
# awk (days from the civil date, no date(1) differences between systems).
stale=$(
  {
    tagged deploy <<<"$deploys"
    tagged stored <<<"$stored"
    tagged built <<<"$built"
  } | awk -F '\t' -v retention=$((RETENTION_DAYS * 86400)) -v grace="$GRACE_SECONDS" '
    function days(y, m, d,   era, yoe, doy) {
      y -= (m <= 2)
      era = int(y / 400)
      yoe = y - era * 400
      doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
      return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
    }
    function epoch(t,   s, zone, sign) {
      s = days(substr(t, 1, 4) + 0, substr(t, 6, 2) + 0, substr(t, 9, 2) + 0) * 86400 \
        + substr(t, 12, 2) * 3600 + substr(t, 15, 2) * 60 + substr(t, 18, 2)
      zone = substr(t, 20)
      sub(/^\.[0-9]*/, "", zone)
      if (zone ~ /^[+-][0-9][0-9]:[0-9][0-9]$/) {
        sign = substr(zone, 1, 1) == "-" ? -1 : 1
        s -= sign * (substr(zone, 2, 2) * 3600 + substr(zone, 5, 2) * 60)
      }
      return s
    }
    function dated(t) { return t ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/ }
    $1 == "deploy" && dated($2) { deploy[++deploys] = epoch($2) }
    $1 == "stored" && dated($3) { stored[$2] = epoch($3) }
    $1 == "built" { built[$2] = 1 }
    END {
      now = 0
      for (i = 1; i <= deploys; i++) if (deploy[i] > now) now = deploy[i]
      for (key in stored) {
        if (key in built) continue
        replaced = 0
        for (i = 1; i <= deploys; i++)
          if (deploy[i] > stored[key] + grace && (replaced == 0 || deploy[i] < replaced))
            replaced = deploy[i]
        if (replaced > 0 && replaced <= now - retention) print key
      }
    }'
)

pruned=0
while IFS= read -r key; do
  if [[ -n $key ]]; then
    aws s3 rm "s3://$bucket/$key"
    pruned=$((pruned + 1))
  fi
done <<<"$stale"

echo "deployed the page to $url (bucket $bucket; $pruned assets no page has named for $RETENTION_DAYS days deleted)" >&2
