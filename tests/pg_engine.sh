#!/bin/sh
# The PostgreSQL engine's statements (tests/test_dbpg with its server
# cases) on a real PostgreSQL server that this test starts and stops
# (tests/pglib.sh). LEADADMIN_TEST_WRAP, when set, runs the program under
# it (tests/valgrind.sh sets valgrind there).
# shellcheck source=tests/lib.sh
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"

pg_start
# Not exec: the EXIT trap stops the server.
# shellcheck disable=SC2086
LEADADMIN_TEST_PG_URL=$PG_URL CK_FORK=${LEADADMIN_TEST_WRAP:+no} \
	${LEADADMIN_TEST_WRAP:-} "$top_builddir/tests/test_dbpg"
