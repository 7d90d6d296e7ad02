#!/bin/sh
# tests/cli_submit_chunks.sh again, on a PostgreSQL server of its own
# (tests/lib.sh, LEADADMIN_TEST_DB=pg); skipped without one.
LEADADMIN_TEST_DB=pg exec sh "$top_srcdir/tests/cli_submit_chunks.sh"
