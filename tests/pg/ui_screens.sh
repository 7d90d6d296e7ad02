#!/bin/sh
# tests/ui_screens.sh again, on a PostgreSQL server of its own (LEADADMIN_TEST_DB=pg:
# the scenarios marked SQLite's alone are skipped there); skipped without one.
LEADADMIN_TEST_DB=pg exec sh "$top_srcdir/tests/ui_screens.sh"
