#!/usr/bin/env bash
# The smoke suite's two test users on a deployed stack (README "Delivery"): they exist only
# for one pipeline run, so the suite never touches a real user's tasks.
#
#   scripts/smoke-users.sh create <stack> <run-id> [<env-file>]
#       creates both users, signs them in, writes TASKS_BASE_URL (the execute-api URL),
#       TASKS_WEB_URL (the page's distribution, which routes /tasks to the same API),
#       TASKS_TOKEN and TASKS_TOKEN_2 lines to <env-file> (default: standard output) for
#       `npm run smoke`
#   scripts/smoke-users.sh delete <stack> <run-id>
#       deletes both users; a user that does not exist (never created) is not an error
#
# Needs the AWS CLI with credentials allowed to describe the stack and call the cognito-idp
# admin actions on its user pool (the deploy role of infra/github-oidc.yaml).
set -euo pipefail

usage() {
  echo "usage: $0 create <stack> <run-id> [<env-file>] | delete <stack> <run-id>" >&2
  exit 2
}
(($# >= 3)) || usage
action=$1 stack=$2 run=$3 env_file=${4:-/dev/stdout}

output() {
  aws cloudformation describe-stacks --stack-name "$stack" --output text \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue"
}

# RFC 2606's reserved domain: Cognito sends nothing (SUPPRESS), no one can own the address.
username() { echo "smoke-$run-$1@example.com"; }

# The pool's policy: 12 characters or more, upper and lower case, digits.
password() { echo "Smoke-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"; }

sign_in() {
  local user pass
  user=$(username "$1")
  pass=$(password)
  aws cognito-idp admin-create-user --user-pool-id "$pool" --username "$user" \
    --user-attributes Name=email,Value="$user" Name=email_verified,Value=true \
    --message-action SUPPRESS >/dev/null
  aws cognito-idp admin-set-user-password --user-pool-id "$pool" --username "$user" \
    --password "$pass" --permanent
  # The stack's app client allows USER_PASSWORD_AUTH (infra/template.yaml, ExplicitAuthFlows).
  aws cognito-idp initiate-auth --client-id "$client" --auth-flow USER_PASSWORD_AUTH \
    --auth-parameters "USERNAME=$user,PASSWORD=$pass" \
    --query AuthenticationResult.IdToken --output text
}

pool=$(output UserPoolId)
[[ -n $pool && $pool != None ]] || { echo "stack $stack has no UserPoolId output" >&2; exit 1; }

case $action in
create)
  client=$(output UserPoolClientId)
  base_url=$(output ApiUrl)
  # The same API through the page's distribution (its /tasks behaviours), for a second run.
  web_url=$(output WebUrl)
  token=$(sign_in a)
  token_2=$(sign_in b)
  # Keeps the tokens out of the job's log.
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then
    echo "::add-mask::$token"
    echo "::add-mask::$token_2"
  fi
  printf 'TASKS_BASE_URL=%s\nTASKS_WEB_URL=%s\nTASKS_TOKEN=%s\nTASKS_TOKEN_2=%s\n' \
    "$base_url" "$web_url" "$token" "$token_2" >>"$env_file"
  echo "created $(username a) and $(username b) in $pool" >&2
  ;;
delete)
  failed=0
  for which in a b; do
    user=$(username "$which")
    if error=$(aws cognito-idp admin-delete-user --user-pool-id "$pool" --username "$user" 2>&1); then
      echo "deleted $user" >&2
    elif [[ $error != *UserNotFoundException* ]]; then
      echo "$error" >&2
      failed=1
    fi
  done
  exit "$failed"
  ;;
*) usage ;;
esac
