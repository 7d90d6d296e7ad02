#!/bin/sh
# Runs the Check suite tests/$1 (a test_*.c program) against a real
# PostgreSQL server that it starts and stops (tests/pglib.sh); skipped
# without one. LEADADMIN_TEST_PG is the URL of the server's database
# (tu_db makes a new database there for each test; test_dbpg uses it
# itself). LEADADMIN_TEST_WRAP, when set, runs the program under it
# (tests/valgrind.sh sets valgrind there).
# Use, in tests/pg/test_X.sh: exec sh "$top_srcdir/tests/pgcheck.sh" test_X
# shellcheck source=tests/lib.sh
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"

pg_start
# Not exec: the EXIT trap stops the server.
# shellcheck disable=SC2086
LEADADMIN_TEST_PG=$PG_URL CK_FORK=${LEADADMIN_TEST_WRAP:+no} \
	${LEADADMIN_TEST_WRAP:-} "$top_builddir/tests/$1"
