#!/bin/sh
# The PostgreSQL engine's statements (tests/test_dbpg with its server
# cases) on a real PostgreSQL server that this test starts and stops
# (tests/pgcheck.sh).
exec sh "$top_srcdir/tests/pgcheck.sh" test_dbpg
