#!/bin/sh
# An --on-finding hook for pincer watch: the JSON report is on stdin and in
# $PINCER_REPORT; counts are in PINCER_CRITICAL, PINCER_WARN, PINCER_INFO
# and PINCER_DRIFT; PINCER_EXIT is the audit's exit code (2 and
# PINCER_ERROR when the run itself failed). This one logs a line to the
# journal and mails the report; replace the mail command with your pager.
set -eu
summary="pincer: exit $PINCER_EXIT, $PINCER_CRITICAL critical, $PINCER_WARN warn, $PINCER_DRIFT drift ${PINCER_ERROR:+($PINCER_ERROR)}"
logger -t pincer "$summary"
if command -v mail >/dev/null 2>&1; then
  mail -s "$summary" ops@example.org < "$PINCER_REPORT"
fi
