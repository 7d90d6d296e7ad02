#!/bin/sh
# tests/test_i18n again, each test on a new database of a PostgreSQL server
# of its own (tests/pgcheck.sh, tu_db); skipped without one.
exec sh "$top_srcdir/tests/pgcheck.sh" test_i18n
