#!/bin/sh
# An --on-finding hook for pincer watch: the JSON report is on stdin and in
# $PINCER_REPORT; counts are in PINCER_CRITICAL, PINCER_WARN, PINCER_INFO
# and PINCER_DRIFT; PINCER_EXIT is the audit's exit code (2 and
# PINCER_ERROR when the run itself failed). This one logs a line to the
# journal and, when ALERT_MAIL names an address and msmtp is installed,
# mails the report (a mailer without setuid or setgid helpers, which the
# service's NoNewPrivileges=yes would stop); replace it with your pager.
# Its exit status matters: pincer watch records a run in the history only
# when an alert was delivered (this hook exited 0, or the webhook took
# it), so a failing pager means the next run alerts again.
set -eu
summary="pincer: exit $PINCER_EXIT, $PINCER_CRITICAL critical, $PINCER_WARN warn, $PINCER_DRIFT drift ${PINCER_ERROR:+($PINCER_ERROR)}"
logger -t pincer "$summary" || printf '%s\n' "$summary" >&2
if [ -n "${ALERT_MAIL:-}" ] && command -v msmtp >/dev/null 2>&1; then
  { printf 'Subject: %s\nTo: %s\n\n' "$summary" "$ALERT_MAIL"; cat "$PINCER_REPORT"; } |
    msmtp "$ALERT_MAIL" || logger -t pincer "mailing the report to $ALERT_MAIL failed"
fi
