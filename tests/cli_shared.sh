#!/bin/sh
# One database, two admins with two Unix logins in one group, on one host.
# Runs as root only: it makes a temporary group and three temporary users
# (two in the group, one not), and runs leadadmin as each of them with
# setpriv, under umask 077.
#   - Without --shared the database is its maker's only (0600): the second
#     login, though added as List administrator, is refused with exit 3
#     and a message that names the group and the chmod or init --shared
#     that would share it; nothing changes.
#   - With --shared the file is 0660 in the group's setgid folder; the
#     second login works as its role (adds a category, may not add users);
#     the -wal and -shm that one login's session makes are 0660 and of the
#     group, and the other login writes through them. An upgrade keeps
#     the file's mode and group, and its copy of the old file is 0660 too.
#   - A database its group may read but not write, or a shared one in a
#     folder its group may not write, opens read-only for the second
#     login, and a change says which chmod its owner can run.
#   - A login outside the group is told whose the file is.
#   - init --shared refuses a folder that does not pass its group on, and
#     makes a missing one 2770.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root to make temporary users and a group"
for tool in useradd userdel groupadd groupdel setpriv stat; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done

BIN=$(cd "$(dirname "$LEADADMIN_BIN")" && pwd)/$(basename "$LEADADMIN_BIN")
G=lash$$g
A=lash$$a
B=lash$$b
C=lash$$c
cleanup() {
	for u in "$A" "$B" "$C"; do
		userdel "$u" >/dev/null 2>&1
		groupdel "$u" >/dev/null 2>&1
	done
	groupdel "$G" >/dev/null 2>&1
	rm -rf "$TEST_TMP"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
groupadd "$G" || skip "groupadd failed"
# Each login has a group of its own as its primary group: only the
# folder's setgid bit gives the files they make the shared group.
useradd -M -U -G "$G" "$A" && useradd -M -U -G "$G" "$B" && useradd -M -U "$C" ||
	skip "useradd failed"
chmod 0711 "$TEST_TMP"
for u in "$A" "$B" "$C"; do
	mkdir -p "$TEST_TMP/h-$u"
	chown "$u" "$TEST_TMP/h-$u"
done

# as USER ARGS...: leadadmin as USER (umask 077, its own HOME); stdout in
# $OUT, stderr in $ERR, exit in $RC.
as() {
	u=$1
	shift
	(umask 077
	 HOME="$TEST_TMP/h-$u" XDG_CONFIG_HOME="$TEST_TMP/h-$u/.config" \
		XDG_DATA_HOME="$TEST_TMP/h-$u/.local/share" \
		setpriv --reuid="$u" --regid="$u" --init-groups "$BIN" "$@") \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	OUT=$(cat "$TEST_TMP/out")
	ERR=$(cat "$TEST_TMP/err")
}
as "$A" --version
[ "$RC" -eq 0 ] || skip "another user cannot run $BIN ($ERR)"

# folder PATH: a folder of root for the group, setgid, as an admin makes it.
folder() {
	mkdir "$1" && chgrp "$G" "$1" && chmod 2770 "$1"
}
# perms PATH: mode and group, as "660 group".
perms() {
	stat -c '%a %G' "$1"
}

# ------------------------------------------------------------ not shared
PLAIN="$TEST_TMP/plain"
folder "$PLAIN"
as "$A" --db "$PLAIN/crm.db" init
is "$RC" 0 "the first login makes a database without --shared"
is "$(perms "$PLAIN/crm.db")" "600 $G" "it is 0600, though its folder is the group's"
as "$A" --db "$PLAIN/crm.db" user add "$B" --role list-admin
is "$RC" 0 "the first login adds the second as List administrator"
before=$(checksum "$PLAIN/crm.db")
as "$B" --db "$PLAIN/crm.db" category add Webinar
is "$RC" 3 "the second login cannot use it (exit 3)"
like "$ERR" "cannot be read (Permission denied)" "the message says why"
like "$ERR" "not shared with its group $G" "and that the group does not share it"
like "$ERR" "its owner $A can share it with: chmod 0660 $PLAIN/crm.db" "and the chmod its owner can run"
like "$ERR" "init --shared" "and init --shared for a new database"
is "$(checksum "$PLAIN/crm.db")" "$before" "nothing changed"
is "$(sql "$PLAIN/crm.db" "SELECT count(*) FROM category WHERE name = 'Webinar'")" 0 "no category was added"

# ------------------------------------------------------------ shared
SRV="$TEST_TMP/srv"
DB="$SRV/crm.db"
folder "$SRV"
as "$A" --db "$DB" init --shared
is "$RC" 0 "init --shared makes a shared database"
like "$OUT" "shared with the group $G (mode 0660)" "and says with which group"
is "$(perms "$DB")" "660 $G" "the file is 0660 and the group's, under umask 077"
as "$A" --db "$DB" user add "$B" --role list-admin
is "$RC" 0 "the first login adds the second as List administrator"
is "$(sql "SELECT role FROM associate WHERE name = '$B'")" 1 "the rights table has the second login's role"
as "$B" --db "$DB" category add Webinar
is "$RC" 0 "the second login adds a category"
is "$(sql "SELECT count(*) FROM category WHERE name = 'Webinar'")" 1 "it is in the database"
is "$(sql "SELECT login FROM audit WHERE list = 'category' AND action = 'add' ORDER BY rowid DESC LIMIT 1")" \
	"$B" "the change log names the second login"
as "$B" --db "$DB" user add "$C"
is "$RC" 1 "a List administrator still may not add users"
is "$(sql "SELECT count(*) FROM associate WHERE name = '$C'")" 0 "no user was added"

# The second login's session makes the -wal and -shm (submit waits for
# its input with the database open); the first login writes meanwhile.
mkfifo "$TEST_TMP/feed"
(umask 077
 HOME="$TEST_TMP/h-$B" XDG_CONFIG_HOME="$TEST_TMP/h-$B/.config" XDG_DATA_HOME="$TEST_TMP/h-$B/.local/share" \
	setpriv --reuid="$B" --regid="$B" --init-groups "$BIN" --db "$DB" --quiet submit - \
	<"$TEST_TMP/feed" >"$TEST_TMP/holder.out" 2>&1) &
holder=$!
exec 3>"$TEST_TMP/feed"
i=0
while [ ! -e "$DB-shm" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
is "$(perms "$DB-wal" 2>&1)" "660 $G" "the -wal the second login's session made is 0660 and the group's"
is "$(perms "$DB-shm" 2>&1)" "660 $G" "so is its -shm"
is "$(stat -c %U "$DB-shm" 2>&1)" "$B" "(made by the second login)"
as "$A" --db "$DB" category add Fair
is "$RC" 0 "the first login writes while the second login's session is open"
exec 3>&-
wait "$holder"
is "$?" 0 "the second login's session ends cleanly"
is "$(sql "SELECT count(*) FROM category WHERE name IN ('Webinar', 'Fair')")" 2 "both logins' categories are saved"
is "$(sql 'PRAGMA integrity_check')" ok "and the database is whole"

# ------------------------------------------------------------ shared in part
before=$(checksum "$DB")
chmod 2750 "$SRV"
as "$B" --db "$DB" category list
is "$RC" 0 "in a folder its group may not write, the second login still reads it"
as "$B" --db "$DB" category add Expo
is "$RC" 3 "but a change is refused (exit 3)"
like "$ERR" "read-only: its folder $SRV does not let its group make the -wal and -shm files beside it" "and says why"
like "$ERR" "its owner root can run: chmod g+rwxs $SRV" "and what its owner can do"
chmod 2770 "$SRV"
chmod 0640 "$DB"
as "$B" --db "$DB" category add Expo
is "$RC" 3 "a file its group may read but not write: a change is refused (exit 3)"
like "$ERR" "read-only: its group $G may read it but not write it; its owner $A can share it with: chmod 0660 $DB" \
	"and the message names the chmod"
chmod 0660 "$DB"
is "$(checksum "$DB")" "$before" "nothing changed"
ok "$([ ! -e "$DB-wal" ] && [ ! -e "$DB-shm" ]; echo $?)" "and no -wal or -shm was left beside it"

# ------------------------------------------------------------ the upgrade's copy
V1="$SRV/v1.db"
"$SQLITE3" -batch "$V1" <"$top_srcdir/tests/fixtures/v1-demo.sql"
chgrp "$G" "$V1" && chmod 0660 "$V1"
as "$A" --db "$V1" upgrade
is "$RC" 0 "the first login upgrades an old shared database"
is "$(perms "$V1")" "660 $G" "which stays 0660 and the group's"
is "$(perms "$V1.v1-backup")" "660 $G" "and the copy of the old file is the group's too"
as "$B" --db "$V1" category list
is "$RC" 0 "the second login opens the upgraded database"

# ------------------------------------------------------------ outside the group
as "$C" --db "$DB" category list
is "$RC" 3 "a login outside the group cannot use it (exit 3)"
like "$ERR" "belongs to root and the group $G, which you are not in" "and is told whose folder it is"

# ------------------------------------------------------------ the folder
OWN="$TEST_TMP/own"
mkdir "$OWN" && chown "$A" "$OWN" && chmod 0755 "$OWN"
as "$A" --db "$OWN/crm.db" init --shared
is "$RC" 1 "init --shared refuses a folder that does not pass its group on"
like "$ERR" "run: chmod g+rwxs $OWN" "and names the chmod"
is "$(stat -c %a "$OWN")" 755 "the folder is left as it was"
ok "$([ ! -e "$OWN/crm.db" ]; echo $?)" "and no database is made"
chown "$A:$G" "$OWN"
chmod 2770 "$OWN"
as "$A" --db "$OWN/new/crm.db" init --shared
is "$RC" 0 "a missing folder is made"
like "$OUT" "Made its folder for the group $G" "and says so"
is "$(perms "$OWN/new")" "2770 $G" "setgid, the group's (from its setgid parent)"
is "$(perms "$OWN/new/crm.db")" "660 $G" "with a shared database in it"
as "$A" --db "$OWN/new/crm.db" user add "$B" --role user
as "$B" --db "$OWN/new/crm.db" category add Webinar
is "$RC" 1 "a User in the group opens it and is refused a change as its role"
is "$(sql "$OWN/new/crm.db" "SELECT count(*) FROM category WHERE name = 'Webinar'")" 0 "nothing was added"
# ------------------------------------------------------------ a path a shell would split
SP="$TEST_TMP/my dir;x"
mkdir "$SP" && chown "$A" "$SP" && chmod 0755 "$SP"
as "$A" --db "$SP/crm.db" init --shared
is "$RC" 1 "init --shared refuses a folder with a blank and a ; in its name that does not pass its group on"
like "$ERR" "run: chmod g+rwxs '$SP'" "and the chmod it names quotes the folder"
chown "$A:$G" "$SP" && chmod 2770 "$SP"
as "$A" --db "$SP/crm.db" init --shared
is "$RC" 0 "in a folder that passes its group on, it is made"
like "$OUT" "add each admin with: leadadmin --db '$SP/crm.db' user add LOGIN" "and the command it names quotes the path"
finish
