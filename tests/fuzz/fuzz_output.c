/* Fuzz target: the output path. Any text, as the database may hold it, is
 * rendered in every format the program writes: the table (cli_table_print,
 * text_visible, text_fit), a message line (cli_printf), TSV (cli_table_tsv,
 * text_tsv), JSON (jbuf_string, and the export of a database whose lists
 * hold the text). The byte scanner of scan.h must find nothing in any of
 * them; JSON must parse strictly and give the text back (a bad byte as
 * U+FFFD); TSV must give it back byte for byte and keep its fields.
 *
 * One database for the whole run; every input writes its text into the
 * lists inside a transaction that is rolled back afterwards. */
#include "config.h"

#include <string.h>

#include "cli_util.h"
#include "fuzz.h"
#include "json.h"
#include "jsonread.h"
#include "lists.h"
#include "porting.h"
#include "scan.h"
#include "text.h"

static struct db *db;
static struct la_actor admin;

static void close_db(void)
{
	db_close(db);
	db = NULL;
}

/* What a JSON reader must get back: s with each bad byte as U+FFFD. */
static char *repaired(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0;
	char *out = malloc(len * 3 + 1);

	FUZZ_CHECK(out);
	while (i < len) {
		unsigned cp;

		i += text_decode(s + i, len - i, &cp);
		o += text_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

/* The reverse of text_tsv (PostgreSQL's COPY text format). */
static char *tsv_decode(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t o = 0;

	FUZZ_CHECK(out);
	while (*s) {
		if (*s != '\\') {
			out[o++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'b': out[o++] = '\b'; s++; break;
		case 'f': out[o++] = '\f'; s++; break;
		case 'n': out[o++] = '\n'; s++; break;
		case 'r': out[o++] = '\r'; s++; break;
		case 't': out[o++] = '\t'; s++; break;
		case 'v': out[o++] = '\v'; s++; break;
		case 'x': {
			unsigned v = 0;

			for (int k = 1; k <= 2; k++) {
				char c = s[k];

				FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
				v = v * 16 + (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
			}
			out[o++] = (char)v;
			s += 3;
			break;
		}
		case '\\': out[o++] = '\\'; s++; break;
		default: FUZZ_CHECK(!"an escape COPY does not know");
		}
	}
	out[o] = '\0';
	return out;
}

static void scanned(const char *out, size_t len, bool tabs)
{
	size_t at;

	FUZZ_CHECK(strlen(out) == len);
	FUZZ_CHECK(scan_output(out, len, tabs, &at) == NULL);
}

static void check_json_string(const char *s)
{
	struct jbuf b;
	char *lit, *want = repaired(s);
	json_t *j;

	jbuf_init(&b);
	jbuf_add(&b, "[");
	jbuf_string(&b, s);
	jbuf_add(&b, "]");
	lit = jbuf_take(&b);
	scanned(lit, strlen(lit), false);
	FUZZ_CHECK(!strchr(lit, '\n'));
	j = jsonread_load(lit, strlen(lit), NULL, 0);
	FUZZ_CHECK(j && json_is_string(json_array_get(j, 0)));
	FUZZ_CHECK(strcmp(json_string_value(json_array_get(j, 0)), want) == 0);
	json_decref(j);
	free(lit);
	free(want);
}

static void check_tsv_field(const char *s)
{
	char *esc = text_tsv(s), *back = tsv_decode(esc);

	scanned(esc, strlen(esc), false);
	FUZZ_CHECK(!strchr(esc, '\t') && !strchr(esc, '\n'));
	FUZZ_CHECK(strcmp(back, s) == 0);
	free(back);
	free(esc);
}

/* The table and the TSV of a table with the text in two columns, and a
 * message line that quotes it, as a file would receive them. */
static void check_table(const char *a, const char *b)
{
	const char *heads[] = { "Name", "Description", "N" };
	const char *keys[] = { "name", "description", "n" };
	const char *row[] = { a, b, "7" };
	struct cli_table t;
	char *out = NULL;
	size_t len = 0, lines = 0;
	FILE *f;

	cli_table_init(&t, 3, heads);
	t.right[2] = true;
	cli_table_row(&t, row);
	cli_table_row(&t, row);
	f = open_memstream(&out, &len);
	FUZZ_CHECK(f);
	cli_table_print(&t, f);
	cli_printf(f, "'%s' (id %d) quoted; '%s'.\n", a, 7, b);
	fclose(f);
	scanned(out, len, false);
	for (size_t i = 0; i < len; i++)
		lines += out[i] == '\n';
	FUZZ_CHECK(lines == 4);
	free(out);

	f = open_memstream(&out, &len);
	FUZZ_CHECK(f);
	cli_table_tsv(&t, keys, f);
	fclose(f);
	scanned(out, len, true);
	/* three lines of three fields */
	lines = 0;
	for (size_t i = 0, tabs = 0; i < len; i++) {
		if (out[i] == '\t')
			tabs++;
		if (out[i] == '\n') {
			FUZZ_CHECK(tabs == 2);
			tabs = 0;
			lines++;
		}
	}
	FUZZ_CHECK(lines == 3);
	free(out);
	cli_table_free(&t);
}

/* The text in every list's names and descriptions, then the export. */
static void check_export(const char *s)
{
	static const char *const sql[] = {
		"UPDATE category SET name = ?1 || ' ' || category_id, tooltip = ?1",
		"UPDATE leadstatus SET name = ?1 || ' ' || leadstatus_id, tooltip = ?1",
		"UPDATE usergroup SET name = ?1 || ' ' || usergroup_id, tooltip = ?1",
	};
	struct la_err err;
	char *json = NULL;
	json_t *j;

	la_err_clear(&err);
	FUZZ_CHECK(db_begin(db, &err) == LA_OK);
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *st = NULL;

		FUZZ_CHECK(sqlite3_prepare_v2(db_handle(db), sql[i], -1, &st, NULL) == SQLITE_OK);
		/* as bytes: the database may hold what is not UTF-8 */
		sqlite3_bind_blob(st, 1, s, (int)strlen(s), SQLITE_STATIC);
		FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_finalize(st);
	}
	FUZZ_CHECK(porting_export(db, &json, &err) == LA_OK);
	scanned(json, strlen(json), false);
	j = jsonread_load(json, strlen(json), NULL, 0);
	FUZZ_CHECK(j && json_array_size(json_object_get(j, "categories")) > 0);
	json_decref(j);
	free(json);
	db_rollback(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	char *a = fuzz_str(data, size / 2);
	char *b = fuzz_str(data + size / 2, size - size / 2);
	static const int widths[] = { 0, 1, 5, 9, 20, 80 };

	if (!db) {
		db = fuzz_db(&admin);
		atexit(close_db);
	}
	check_json_string(s);
	check_tsv_field(s);
	check_table(a, b);
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		char *fit = text_fit(s, widths[i], true);

		scanned(fit, strlen(fit), false);
		FUZZ_CHECK(text_width(fit) == widths[i]);
		free(fit);
	}
	if (size <= 4096)
		check_export(s);
	free(s);
	free(a);
	free(b);
	return 0;
}
