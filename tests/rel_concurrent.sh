#!/bin/sh
# Reliability 1: several administrators at once. REL_PROCS processes (4)
# each make REL_EDITS (500) pseudo-random list edits - add, rename, move,
# delete, restore, toggle lead status, make default - on one database, all
# started in the background at once and waited for. Afterwards:
#   - no command failed with "database is locked" (stderr is kept);
#   - every accepted change (exit 0) has exactly one audit row: the list of
#     (list, item id, action) of the accepted commands equals the audit
#     rows written during the run, row for row;
#   - nothing was lost: item counts and deleted counts add up;
#   - names are unique case-insensitively, ranks of each list distinct;
#   - the usage_count table equals the real counts, and every kept count
#     equals a count (setup-check --deep); integrity_check ok.
# And a stale save from the screens (opened, changed meanwhile by another
# admin, then saved) is refused and the other admin's change kept.
# The edits are deterministic per process (a shell LCG); only the
# interleaving is left to the scheduler.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

PROCS=${REL_PROCS:-4}
EDITS=${REL_EDITS:-500}
# A copy of the binary: a rebuild during the run must not change it.
BIN=$TEST_TMP/leadadmin
cp "$LEADADMIN_BIN" "$BIN"

"$BIN" --db "$DB" init --demo >/dev/null 2>&1
is "$?" 0 "a demo database to work on"
# A few more items in both lists, so that moves and deletes have room.
for i in 1 2 3 4 5 6; do
	"$BIN" --db "$DB" category add "Start $i" >/dev/null 2>&1
	"$BIN" --db "$DB" lead-status add "Start status $i" >/dev/null 2>&1
done
start_audit=$(sql "SELECT coalesce(max(audit_id), 0) FROM audit")
cats0=$(sql "SELECT count(*) FROM category")
stats0=$(sql "SELECT count(*) FROM leadstatus")
catdel0=$(sql "SELECT count(*) FROM category WHERE deleted = 1")
statdel0=$(sql "SELECT count(*) FROM leadstatus WHERE deleted = 1")
is "$(sql "SELECT count(*) > 50 FROM person WHERE leadstatus_id IS NOT NULL")" 1 \
	"the demo has contacts with a lead status (so counts are at stake)"

# worker P: EDITS edits; writes "list action id rc" lines to log.P and
# every stderr line to err.P.
worker() {
	p=$1
	log=$TEST_TMP/log.$p
	err=$TEST_TMP/err.$p
	out=$TEST_TMP/out.$p
	e1=$TEST_TMP/e1.$p
	: >"$log"
	: >"$err"
	r=$((p * 7919 + 17))
	k=0
	while [ "$k" -lt "$EDITS" ]; do
		k=$((k + 1))
		r=$(((r * 1103515245 + 12345) % 2147483648))
		op=$((r / 65536 % 16))
		r=$(((r * 1103515245 + 12345) % 2147483648))
		pick=$((r / 65536))
		if [ $((pick % 3)) -eq 0 ]; then
			list=leadstatus cmd=lead-status id=$((pick / 3 % 24 + 1))
		else
			list=category cmd=category id=$((pick / 3 % 40 + 1))
		fi
		# Half the new names come from a small shared pool in varying
		# case, so that processes race for the same name.
		if [ $((pick / 7 % 2)) -eq 0 ]; then
			case $((pick / 14 % 3)) in
			0) name="Pool $((pick / 42 % 12))" ;;
			1) name="POOL $((pick / 42 % 12))" ;;
			*) name="pool $((pick / 42 % 12))" ;;
			esac
		else
			name="P$p item $k"
		fi
		case $op in
		0 | 1 | 2)
			action=add
			if [ "$list" = category ] && [ $((pick % 5)) -eq 1 ]; then
				"$BIN" --db "$DB" category add "$name" --group partner >"$out" 2>"$e1"
			else
				"$BIN" --db "$DB" "$cmd" add "$name" >"$out" 2>"$e1"
			fi
			rc=$?
			id=0
			if [ "$rc" -eq 0 ]; then
				read -r line <"$out"
				id=${line##*(id }
				id=${id%%)*}
			fi
			;;
		3 | 4 | 5)
			action=edit
			"$BIN" --db "$DB" "$cmd" edit "$id" --name "$name" --yes >"$out" 2>"$e1"
			rc=$?
			;;
		6 | 7)
			[ $((pick % 2)) -eq 0 ] && dir=up || dir=down
			action=move-$dir
			"$BIN" --db "$DB" "$cmd" move "$id" "$dir" >"$out" 2>"$e1"
			rc=$?
			;;
		8 | 9)
			action=delete
			"$BIN" --db "$DB" "$cmd" delete "$id" --yes >"$out" 2>"$e1"
			rc=$?
			;;
		10 | 11)
			action=restore
			"$BIN" --db "$DB" "$cmd" restore "$id" >"$out" 2>"$e1"
			rc=$?
			;;
		*)
			if [ "$list" = leadstatus ]; then
				action=default
				"$BIN" --db "$DB" lead-status default "$id" >"$out" 2>"$e1"
			else
				action=edit
				[ $((pick % 2)) -eq 0 ] && flag=--lead-status || flag=--no-lead-status
				"$BIN" --db "$DB" category edit "$id" "$flag" --yes >"$out" 2>"$e1"
			fi
			rc=$?
			;;
		esac
		cat "$e1" >>"$err"
		# An edit that changes nothing saves nothing (exit 0, no audit
		# row): logged as "u", so that it is not counted as a change.
		[ "$rc" -eq 0 ] && grep -q '^No changes to ' "$out" && rc=u
		[ "$rc" != u ] && [ "$rc" -gt 1 ] && { echo "$list $action $id: exit $rc:"; cat "$e1"; } >>"$TEST_TMP/odd.$p"
		echo "$list $action $id $rc" >>"$log"
	done
}

t0=$(date +%s)
p=1
pids=
while [ "$p" -le "$PROCS" ]; do
	worker "$p" &
	pids="$pids $!"
	p=$((p + 1))
done
# shellcheck disable=SC2086 # a list of pids
wait $pids
t1=$(date +%s)
echo "# $PROCS processes x $EDITS edits took $((t1 - t0)) s"

cat "$TEST_TMP"/log.* >"$TEST_TMP/all.log"
cat "$TEST_TMP"/err.* >"$TEST_TMP/all.err"
is "$(wc -l <"$TEST_TMP/all.log" | tr -d ' ')" "$((PROCS * EDITS))" "every edit ran and was logged"
accepted=$(awk '$4 == 0' "$TEST_TMP/all.log" | wc -l | tr -d ' ')
refused=$(awk '$4 == 1' "$TEST_TMP/all.log" | wc -l | tr -d ' ')
unchanged=$(awk '$4 == "u"' "$TEST_TMP/all.log" | wc -l | tr -d ' ')
other=$(awk '$4 != 0 && $4 != 1 && $4 != "u"' "$TEST_TMP/all.log" | wc -l | tr -d ' ')
echo "# accepted $accepted, unchanged $unchanged, refused by a rule $refused, other exits $other"
for a in add edit move-up move-down delete restore default; do
	echo "#   $a: $(awk -v a="$a" '$2 == a && $4 == 0' "$TEST_TMP/all.log" | wc -l | tr -d ' ') accepted"
done
ok "$([ "$accepted" -gt $((PROCS * EDITS / 5)) ]; echo $?)" "a good share of the edits was accepted ($accepted)"
is "$other" 0 "every edit exited 0 or 1 (no database error, no usage error)"
is "$(grep -ci 'locked' "$TEST_TMP/all.err")" 0 "no edit failed with 'database is locked'"
grep -i 'locked\|busy' "$TEST_TMP/all.err" | head -5 | sed 's/^/#   /'
is "$(grep -c 'changed by someone else' "$TEST_TMP/all.err")" 0 \
	"no command-line edit was refused as stale (the command line applies its options to the current item)"
cat "$TEST_TMP"/odd.* 2>/dev/null | head -10 | sed 's/^/#   /'

# The audit rows of the run, against the accepted commands, row for row.
awk '$4 == 0 { print $1, $3, $2 }' "$TEST_TMP/all.log" | sort >"$TEST_TMP/want.audit"
sql "SELECT list, item_id, action FROM audit WHERE audit_id > $start_audit" | tr '|' ' ' | sort \
	>"$TEST_TMP/got.audit"
is "$(wc -l <"$TEST_TMP/got.audit" | tr -d ' ')" "$accepted" "as many audit rows as accepted changes"
diff "$TEST_TMP/want.audit" "$TEST_TMP/got.audit" >"$TEST_TMP/audit.diff"
ok $? "every accepted change has exactly one audit row, for its item and action"
head -10 "$TEST_TMP/audit.diff" | sed 's/^/#   /'

# Nothing lost: the counts add up.
n() { awk -v l="$1" -v a="$2" '$1 == l && $2 == a && $4 == 0' "$TEST_TMP/all.log" | wc -l | tr -d ' '; }
is "$(sql "SELECT count(*) FROM category")" "$((cats0 + $(n category add)))" \
	"categories: the ones before plus every accepted add"
is "$(sql "SELECT count(*) FROM leadstatus")" "$((stats0 + $(n leadstatus add)))" \
	"lead statuses: the ones before plus every accepted add"
is "$(sql "SELECT count(*) FROM category WHERE deleted = 1")" \
	"$((catdel0 + $(n category delete) - $(n category restore)))" \
	"deleted categories: before + deletes - restores"
is "$(sql "SELECT count(*) FROM leadstatus WHERE deleted = 1")" \
	"$((statdel0 + $(n leadstatus delete) - $(n leadstatus restore)))" \
	"deleted lead statuses: before + deletes - restores"

# The rules still hold. (One more open first: a rename that changes only
# the case of a name empties its name key - the schema's trigger cannot
# tell it from another program's rename - and leadadmin fills such keys
# when it opens the database.)
"$BIN" --db "$DB" category list >/dev/null 2>&1
for l in category leadstatus; do
	is "$(sql "SELECT count(*) FROM (SELECT lower(name) FROM $l GROUP BY lower(name) HAVING count(*) > 1)")" 0 \
		"$l: names are unique, case-insensitively (deleted items included)"
	is "$(sql "SELECT count(*) FROM (SELECT la_name_key FROM $l GROUP BY la_name_key HAVING count(*) > 1)")" 0 \
		"$l: the folded name keys are unique too"
	is "$(sql "SELECT count(*) FROM $l WHERE la_name_key IS NULL")" 0 "$l: every name key is filled"
	is "$(sql "SELECT count(*) FROM (SELECT rank FROM $l GROUP BY rank HAVING count(*) > 1)")" 0 \
		"$l: the ranks are distinct (a clean order)"
done
is "$(sql "SELECT count(*) FROM (SELECT lower(name) FROM category WHERE lower(name) LIKE 'pool %' GROUP BY lower(name))")" \
	"$(sql "SELECT count(*) FROM category WHERE lower(name) LIKE 'pool %'")" \
	"the names the processes raced for exist at most once each"
is "$(sql "SELECT count(*) FROM leadstatus WHERE is_default = 1 AND deleted = 0")" 1 \
	"exactly one active default lead status"
is "$(sql "SELECT count(*) FROM category WHERE enable_lead_status = 1 AND category_group <> 2")" 0 \
	"lead status only on Potential customer categories"

# The usage counters equal the real counts.
is "$(sql "SELECT count(*) FROM category c LEFT JOIN usage_count u ON u.list = 'category' AND u.item_id = c.category_id
	WHERE coalesce(u.companies, 0) <> (SELECT count(*) FROM contact k WHERE k.category_idx = c.category_id)
	OR coalesce(u.contacts, 0) <> (SELECT count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id
		WHERE k.category_idx = c.category_id)")" 0 "usage_count of every category equals the real counts"
is "$(sql "SELECT count(*) FROM leadstatus l LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = l.leadstatus_id
	WHERE coalesce(u.contacts, 0) <> (SELECT count(*) FROM person p WHERE p.leadstatus_id = l.leadstatus_id)")" 0 \
	"usage_count of every lead status equals the real counts"
is "$(sql "SELECT sum(contacts) FROM usage_count WHERE list = 'leadstatus'")" \
	"$(sql "SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL")" "the lead status counters add up to the contacts with a status"
like "$("$BIN" --db "$DB" setup-check --deep 2>&1)" "the kept counts (in use, lead overview) equal a count of the rows" \
	"the kept counts (in use, lead overview) equal a count (setup-check --deep)"
is "$(sql 'PRAGMA integrity_check')" ok "PRAGMA integrity_check: ok"
is "$(sql 'PRAGMA foreign_key_check' | wc -l | tr -d ' ')" 0 "PRAGMA foreign_key_check: no dangling reference"

# A stale save: the screens open Lead's dialog, another admin changes
# Lead meanwhile (a :run step of the key script), then the dialog saves.
"$BIN" --db "$DB" category edit 1 --name "Stale target" --description "first" --yes >/dev/null 2>&1 ||
	"$BIN" --db "$DB" category restore 1 >/dev/null 2>&1
"$BIN" --db "$DB" category restore 1 >/dev/null 2>&1
"$BIN" --db "$DB" category edit 1 --name "Stale target" --description "first" --yes >/dev/null 2>&1
is "$(sql "SELECT name || '|' || tooltip || '|' || deleted FROM category WHERE category_id = 1")" "Stale target|first|0" \
	"the stale-save target is set up"
cat >"$TEST_TMP/stale.keys" <<'EOF'
<Enter><Enter>
/Stale target
<Enter>
<Enter>
<Tab><Tab>
<End> (mine)
:run "$LEADADMIN" --db "$DB" category edit "Stale target" --description "theirs"
<Enter>
:dump
EOF
before=$(sql "SELECT updatedCount FROM category WHERE category_id = 1")
LEADADMIN=$BIN DB=$DB COLUMNS=100 LINES=30 TERM=xterm \
	"$BIN" --db "$DB" --script "$TEST_TMP/stale.keys" --dump "$TEST_TMP/stale.out" >/dev/null 2>&1
like "$(cat "$TEST_TMP/stale.out")" "changed by someone else" "the screens refuse the stale save and say why"
is "$(sql "SELECT tooltip FROM category WHERE category_id = 1")" "theirs" \
	"the other admin's change is kept, not overwritten by the stale save"
is "$(sql "SELECT updatedCount FROM category WHERE category_id = 1")" "$((before + 1))" \
	"exactly one save went through (the other admin's)"
is "$(sql "SELECT count(*) FROM audit WHERE item_id = 1 AND list = 'category' AND new_value LIKE '%(mine)%'")" 0 \
	"no audit row for the refused save"

finish
