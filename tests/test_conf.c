/* Configuration: which file wins (explicit file > LEADADMIN_CONFIG > the
 * user's file), LEADADMIN_DB over the file, the keys, and the errors and
 * warnings for bad files. Every test runs with its own XDG folders. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "testutil.h"

static char tmpdir[256];
static char warnings[4096];
static int nwarnings;

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A path in the temporary folder (static, two at a time). */
static const char *tmp_path(const char *name)
{
	static char buf[2][512];
	static int which;

	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", tmpdir, name);
	return buf[which];
}

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/la_test_conf.XXXXXX");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
	ck_assert_int_eq(mkdir(tmp_path("config"), 0700), 0);
	ck_assert_int_eq(mkdir(tmp_path("config/leadadmin"), 0700), 0);
	ck_assert_int_eq(mkdir(tmp_path("home"), 0700), 0);
	setenv("XDG_CONFIG_HOME", tmp_path("config"), 1);
	setenv("XDG_DATA_HOME", tmp_path("data"), 1);
	setenv("HOME", tmp_path("home"), 1);
	unsetenv("LEADADMIN_DB");
	unsetenv("LEADADMIN_CONFIG");
	warnings[0] = '\0';
	nwarnings = 0;
}

static void teardown(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("LEADADMIN_DB");
	unsetenv("LEADADMIN_CONFIG");
}

static void collect_warning(const char *msg)
{
	size_t used = strlen(warnings);

	snprintf(warnings + used, sizeof(warnings) - used, "%s\n", msg);
	nwarnings++;
}

/* Writes text to name in the temporary folder with mode; returns the path. */
static const char *write_file(const char *name, const char *text, mode_t mode)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert(fclose(f) == 0);
	ck_assert_int_eq(chmod(path, mode), 0);
	return path;
}

/* The user's file: $XDG_CONFIG_HOME/leadadmin/leadadmin.ini. */
static const char *write_user_file(const char *text)
{
	return write_file("config/leadadmin/leadadmin.ini", text, 0600);
}

static void load_ok(struct la_conf *cfg, const char *explicit_file)
{
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(conf_load(cfg, explicit_file, collect_warning, &err) == LA_OK,
		      "conf_load: %s", err.msg);
}

/* conf_load must fail; the message must name every string in want. */
static void load_refused(const char *explicit_file, const char *const *want)
{
	struct la_conf cfg;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_int_ne(conf_load(&cfg, explicit_file, collect_warning, &err), LA_OK);
	ck_assert_int_ne(err.status, LA_OK);
	for (; *want; want++)
		ck_assert_msg(strstr(err.msg, *want) != NULL, "'%s' not in: %s", *want, err.msg);
	conf_free(&cfg);
}

/* ---------------------------------------------------------------- [keys] */

START_TEST(keys_default_to_the_action_table)
{
	struct la_conf cfg;

	load_ok(&cfg, NULL);
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][0], 'a');
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][1], LK_INSERT);
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][2], 0);
	ck_assert_int_eq(cfg.keys.key[LKA_BACK][0], 27);
	ck_assert_int_eq(cfg.keys.key[LKA_HELP][0], LK_F1);
	ck_assert_int_eq(cfg.keys.key[LKA_NEXT_TAB][0], '\t');
	ck_assert_int_eq(cfg.keys.key[LKA_PREVIOUS_TAB][0], LK_BTAB);
	ck_assert_int_eq(cfg.keys.key[LKA_PREVIOUS_TAB][1], 0);
	conf_free(&cfg);
}
END_TEST

START_TEST(the_tabs_take_keys_of_ones_own)
{
	struct la_conf cfg;
	char name[32];

	load_ok(&cfg, write_file("keys.ini", "[keys]\nprevious_tab = shift-tab v\nnext_tab = Tab n\n", 0600));
	ck_assert_int_eq(cfg.keys.key[LKA_PREVIOUS_TAB][0], LK_BTAB);
	ck_assert_int_eq(cfg.keys.key[LKA_PREVIOUS_TAB][1], 'v');
	ck_assert_int_eq(cfg.keys.key[LKA_NEXT_TAB][1], 'n');
	ck_assert_str_eq(la_keys_name(LK_BTAB, name, sizeof name), "Shift-Tab");
	ck_assert_int_eq(la_keys_action("previous_tab"), LKA_PREVIOUS_TAB);
	conf_free(&cfg);
}
END_TEST

START_TEST(the_previous_tab_may_not_take_the_filter_key)
{
	const char *f = write_file("clash.ini", "[keys]\nprevious_tab = /\n", 0600);
	const char *want[] = { f, ":2:", "filter", "previous_tab", NULL };

	load_refused(f, want);
}
END_TEST

START_TEST(a_binding_replaces_the_default_keys)
{
	struct la_conf cfg;

	load_ok(&cfg, write_file("keys.ini",
				 "[keys]\nmove_up = [ K\nadd = f11 F12 insert\nback = esc\n", 0600));
	ck_assert_int_eq(cfg.keys.key[LKA_MOVE_UP][0], '[');
	ck_assert_int_eq(cfg.keys.key[LKA_MOVE_UP][1], 'K');
	ck_assert_int_eq(cfg.keys.key[LKA_MOVE_UP][2], 0);
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][0], LK_F1 + 10);
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][1], LK_F12);
	ck_assert_int_eq(cfg.keys.key[LKA_ADD][2], LK_INSERT);
	ck_assert_int_eq(cfg.keys.key[LKA_BACK][0], 27);
	ck_assert_int_eq(cfg.keys.key[LKA_BACK][1], 0);
	conf_free(&cfg);
}
END_TEST

START_TEST(a_key_bound_to_two_actions_of_one_screen_is_refused)
{
	const char *f = write_file("clash.ini", "[keys]\n; mine\nadd = a\nfilter = a\n", 0600);
	const char *want[] = { f, ":4:", "add", "filter", "a", NULL };

	load_refused(f, want);
}
END_TEST

START_TEST(a_new_key_that_a_default_holds_is_refused)
{
	const char *f = write_file("clash.ini", "[keys]\nmove_down = d\n", 0600);
	const char *want[] = { f, ":2:", "delete", "move_down", NULL };

	load_refused(f, want);
}
END_TEST

START_TEST(set_status_may_not_take_the_filter_key)
{
	const char *f = write_file("clash.ini", "[keys]\nset_status = /\n", 0600);
	const char *want[] = { f, ":2:", "filter", "set_status", NULL };

	load_refused(f, want);
}
END_TEST

START_TEST(actions_of_different_screens_may_share_a_key)
{
	struct la_conf cfg;

	load_ok(&cfg, write_file("share.ini",
				 "[keys]\nopen = x\nedit = x\nsave = x\ndelete = D\ndeactivate = D\n", 0600));
	ck_assert_int_eq(cfg.keys.key[LKA_OPEN][0], 'x');
	ck_assert_int_eq(cfg.keys.key[LKA_SAVE][0], 'x');
	ck_assert_int_eq(cfg.keys.key[LKA_DEACTIVATE][0], 'D');
	conf_free(&cfg);
}
END_TEST

START_TEST(an_unknown_action_or_key_name_is_refused)
{
	const char *want[] = { ":2:", "move_sideways", NULL };
	const char *want2[] = { ":3:", "add", "PageUp", NULL };
	const char *want3[] = { ":2:", "add", "no key", NULL };

	load_refused(write_file("bad.ini", "[keys]\nmove_sideways = x\n", 0600), want);
	load_refused(write_file("bad2.ini", "[keys]\n\nadd = a PageUp\n", 0600), want2);
	load_refused(write_file("bad3.ini", "[keys]\nadd =\n", 0600), want3);
}
END_TEST

/* ---------------------------------------------------------------- precedence */

START_TEST(explicit_file_beats_environment_and_user_file)
{
	char explicit_file[600];
	struct la_conf cfg;

	snprintf(explicit_file, sizeof(explicit_file), "%s",
		 write_file("explicit.ini", "[database]\npath = /srv/explicit.db\n", 0600));
	write_user_file("[database]\npath = /srv/user.db\n");
	setenv("LEADADMIN_CONFIG", write_file("env.ini", "[database]\npath = /srv/env.db\n", 0600), 1);
	load_ok(&cfg, explicit_file);
	ck_assert_str_eq(cfg.db_path, "/srv/explicit.db");
	ck_assert_str_eq(cfg.source, explicit_file);
	conf_free(&cfg);
}
END_TEST

START_TEST(environment_config_beats_user_file)
{
	const char *env_file = write_file("env.ini", "[database]\npath = /srv/env.db\n", 0600);
	struct la_conf cfg;

	write_user_file("[database]\npath = /srv/user.db\n");
	setenv("LEADADMIN_CONFIG", env_file, 1);
	load_ok(&cfg, NULL);
	ck_assert_str_eq(cfg.db_path, "/srv/env.db");
	ck_assert_str_eq(cfg.source, env_file);
	conf_free(&cfg);
}
END_TEST

START_TEST(user_file_is_read_from_xdg_config_home)
{
	const char *user = write_user_file("[database]\npath = /srv/user.db\n");
	struct la_conf cfg;

	load_ok(&cfg, NULL);
	ck_assert_str_eq(cfg.db_path, "/srv/user.db");
	ck_assert_str_eq(cfg.source, user);
	conf_free(&cfg);
}
END_TEST

START_TEST(leadadmin_db_beats_the_file_path)
{
	const char *explicit_file = write_file("explicit.ini", "[database]\npath = /srv/explicit.db\n", 0600);
	struct la_conf cfg;

	write_user_file("[database]\npath = /srv/user.db\n");
	setenv("LEADADMIN_DB", "/srv/env.db", 1);
	load_ok(&cfg, explicit_file);
	ck_assert_str_eq(cfg.db_path, "/srv/env.db");
	conf_free(&cfg);
	load_ok(&cfg, NULL);
	ck_assert_str_eq(cfg.db_path, "/srv/env.db");
	conf_free(&cfg);
}
END_TEST

/* ---------------------------------------------------------------- keys */

START_TEST(keys_of_database_and_ui_are_read)
{
	struct la_conf cfg;

	write_user_file("; a comment\n"
			"[database]\n"
			"path = /var/lib/crm/crm.db\n"
			"busy_timeout = 1500\n"
			"\n"
			"[ui]\n"
			"language = de\n"
			"theme = mono\n");
	load_ok(&cfg, NULL);
	ck_assert_str_eq(cfg.db_path, "/var/lib/crm/crm.db");
	ck_assert_int_eq(cfg.busy_timeout_ms, 1500);
	ck_assert_str_eq(cfg.language, "de");
	ck_assert_str_eq(cfg.theme, "mono");
	ck_assert_int_eq(nwarnings, 0);
	conf_free(&cfg);
}
END_TEST

START_TEST(mouse_is_off_unless_turned_on)
{
	struct la_conf cfg;

	load_ok(&cfg, NULL);
	ck_assert(!cfg.mouse);
	conf_free(&cfg);
	write_user_file("[ui]\nmouse = on\n");
	load_ok(&cfg, NULL);
	ck_assert(cfg.mouse);
	conf_free(&cfg);
	write_user_file("[ui]\nmouse = Off\n");
	load_ok(&cfg, NULL);
	ck_assert(!cfg.mouse);
	ck_assert_int_eq(nwarnings, 0);
	conf_free(&cfg);
}
END_TEST

START_TEST(no_file_gives_the_defaults)
{
	struct la_conf cfg;
	char want[600];

	load_ok(&cfg, NULL);
	ck_assert_int_eq(cfg.busy_timeout_ms, 5000);
	ck_assert_str_eq(cfg.language, "");
	ck_assert_str_eq(cfg.theme, "default");
	snprintf(want, sizeof(want), "%s/data/leadadmin/crm.db", tmpdir);
	ck_assert_str_eq(cfg.db_path, want);
	conf_free(&cfg);
}
END_TEST

START_TEST(home_in_path_is_expanded)
{
	struct la_conf cfg;
	char want[600];

	write_user_file("[database]\npath = ~/crm/crm.db\n");
	load_ok(&cfg, NULL);
	snprintf(want, sizeof(want), "%s/home/crm/crm.db", tmpdir);
	ck_assert_str_eq(cfg.db_path, want);
	conf_free(&cfg);
}
END_TEST

START_TEST(language_auto_leaves_it_to_the_locale)
{
	struct la_conf cfg;

	write_user_file("[ui]\nlanguage = auto\n");
	load_ok(&cfg, NULL);
	ck_assert_str_eq(cfg.language, "");
	conf_free(&cfg);
}
END_TEST

/* ---------------------------------------------------------------- errors */

START_TEST(invalid_value_names_file_key_and_value)
{
	static const char *const cases[][3] = {
		/* file text, key, value */
		{ "[database]\nbusy_timeout = soon\n", "busy_timeout", "soon" },
		{ "[database]\nbusy_timeout = -5\n", "busy_timeout", "-5" },
		{ "[database]\nbusy_timeout = 700000\n", "busy_timeout", "700000" },
		{ "[database]\nbusy_timeout = 10ms\n", "busy_timeout", "10ms" },
		{ "[ui]\nlanguage = fr\n", "language", "fr" },
		{ "[ui]\ntheme = neon\n", "theme", "neon" },
		{ "[ui]\nreader = maybe\n", "reader", "maybe" },
		{ "[ui]\nmouse = sometimes\n", "mouse", "sometimes" },
		{ "[database]\npath = \n", "path", "''" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *path = write_file("bad.ini", cases[i][0], 0600);
		const char *want[] = { path, cases[i][1], cases[i][2], NULL };

		load_refused(path, want);
	}
}
END_TEST

START_TEST(every_theme_and_reader_are_read)
{
	static const char *const themes[] = { "default", "mono", "colorblind", "light" };
	struct la_conf cfg;
	char text[128];

	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++) {
		snprintf(text, sizeof text, "[ui]\ntheme = %s\nreader = %s\n", themes[i],
			 i % 2 ? "off" : "on");
		write_user_file(text);
		load_ok(&cfg, NULL);
		ck_assert_str_eq(cfg.theme, themes[i]);
		ck_assert_int_eq(cfg.reader, i % 2 == 0);
		conf_free(&cfg);
	}
}
END_TEST

START_TEST(invalid_theme_names_the_line)
{
	const char *path = write_file("line.ini", "; look\n[ui]\n\n  Theme = neon\n", 0600);
	char want[600];
	const char *wants[] = { want, "default, mono, colorblind, light", NULL };

	snprintf(want, sizeof want, "%s:4: [ui:theme] has the invalid value 'neon'", path);
	load_refused(path, wants);
}
END_TEST

START_TEST(malformed_file_names_the_file)
{
	const char *path = write_file("broken.ini",
				      "[database]\npath = /srv/crm.db\nthis line is not a key\n[ui\n",
				      0600);
	const char *want[] = { path, NULL };

	load_refused(path, want);
}
END_TEST

START_TEST(unknown_key_is_a_warning_not_an_error)
{
	const char *path = write_file("extra.ini",
				      "[database]\npath = /srv/crm.db\ncolour = blue\n"
				      "[ui]\ntheme = mono\n"
				      "[printing]\n",
				      0600);
	struct la_conf cfg;

	load_ok(&cfg, path);
	ck_assert_int_eq(nwarnings, 2);
	ck_assert_msg(strstr(warnings, "colour") != NULL, "%s", warnings);
	ck_assert_msg(strstr(warnings, "printing") != NULL, "%s", warnings);
	ck_assert_msg(strstr(warnings, path) != NULL, "%s", warnings);
	/* the known keys still count */
	ck_assert_str_eq(cfg.db_path, "/srv/crm.db");
	ck_assert_str_eq(cfg.theme, "mono");
	conf_free(&cfg);
}
END_TEST

START_TEST(world_writable_file_is_refused)
{
	const char *path = write_file("open.ini", "[database]\npath = /srv/evil.db\n", 0666);
	const char *want[] = { path, "chmod", NULL };

	load_refused(path, want);
	/* as the user's file, too */
	ck_assert_int_eq(chmod(write_user_file("[database]\npath = /srv/evil.db\n"), 0646), 0);
	{
		const char *want_user[] = { "leadadmin.ini", NULL };

		load_refused(NULL, want_user);
	}
}
END_TEST

START_TEST(missing_explicit_file_is_an_error)
{
	const char *path = tmp_path("no-such.ini");
	const char *want[] = { path, NULL };

	load_refused(path, want);
	setenv("LEADADMIN_CONFIG", path, 1);
	load_refused(NULL, want);
}
END_TEST

/* ---------------------------------------------------------------- default db */

START_TEST(default_db_path_is_under_xdg_data_home)
{
	char *p;

	setenv("XDG_DATA_HOME", "/srv/data", 1);
	p = conf_default_db_path();
	ck_assert_str_eq(p, "/srv/data/leadadmin/crm.db");
	free(p);
}
END_TEST

START_TEST(default_db_path_without_xdg_data_home_is_in_home)
{
	char want[600];
	char *p;

	unsetenv("XDG_DATA_HOME");
	snprintf(want, sizeof(want), "%s/home/.local/share/leadadmin/crm.db", tmpdir);
	p = conf_default_db_path();
	ck_assert_str_eq(p, want);
	free(p);
	/* a relative XDG_DATA_HOME is ignored, as the XDG spec says */
	setenv("XDG_DATA_HOME", "relative/data", 1);
	p = conf_default_db_path();
	ck_assert_str_eq(p, want);
	free(p);
}
END_TEST

/* ---------------------------------------------------------- synchronous */

START_TEST(synchronous_is_full_unless_the_file_says_normal)
{
	struct la_conf cfg;

	load_ok(&cfg, NULL);
	ck_assert(cfg.sync_full);
	conf_free(&cfg);
	write_user_file("[database]\nsynchronous = normal\n");
	load_ok(&cfg, NULL);
	ck_assert(!cfg.sync_full);
	ck_assert_int_eq(nwarnings, 0);
	conf_free(&cfg);
	write_user_file("[database]\nsynchronous = FULL\n");
	load_ok(&cfg, NULL);
	ck_assert(cfg.sync_full);
	conf_free(&cfg);
}
END_TEST

START_TEST(synchronous_other_values_are_refused)
{
	static const char *const values[] = { "off", "extra", "1", "" };

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char text[64];
		const char *path;

		snprintf(text, sizeof(text), "[database]\nsynchronous = %s\n", values[i]);
		path = write_file("bad.ini", text, 0600);
		{
			const char *want[] = { path, "synchronous", "normal, full", NULL };

			load_refused(path, want);
		}
	}
}
END_TEST

START_TEST(synchronous_is_applied_to_the_connection)
{
	struct db *db = NULL;
	struct la_err err;

	la_err_clear(&err);
	ck_assert_msg(db_open(tmp_path("sync.db"), DB_OPEN_CREATE, "en", rights_os_login(), &db,
			      &err) == LA_OK,
		      "%s", err.msg);
	ck_assert_int_eq(db_synchronous(db), 2); /* FULL until told otherwise */
	ck_assert(db_set_synchronous(db, false, &err) == LA_OK);
	ck_assert_int_eq(db_synchronous(db), 1);
	ck_assert(db_set_synchronous(db, true, &err) == LA_OK);
	ck_assert_int_eq(db_synchronous(db), 2);
	db_close(db);
}
END_TEST

static Suite *conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("conf");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, explicit_file_beats_environment_and_user_file);
	tcase_add_test(tc, environment_config_beats_user_file);
	tcase_add_test(tc, user_file_is_read_from_xdg_config_home);
	tcase_add_test(tc, leadadmin_db_beats_the_file_path);
	tcase_add_test(tc, keys_of_database_and_ui_are_read);
	tcase_add_test(tc, no_file_gives_the_defaults);
	tcase_add_test(tc, mouse_is_off_unless_turned_on);
	tcase_add_test(tc, home_in_path_is_expanded);
	tcase_add_test(tc, language_auto_leaves_it_to_the_locale);
	tcase_add_test(tc, invalid_value_names_file_key_and_value);
	tcase_add_test(tc, malformed_file_names_the_file);
	tcase_add_test(tc, every_theme_and_reader_are_read);
	tcase_add_test(tc, invalid_theme_names_the_line);
	tcase_add_test(tc, unknown_key_is_a_warning_not_an_error);
	tcase_add_test(tc, world_writable_file_is_refused);
	tcase_add_test(tc, missing_explicit_file_is_an_error);
	tcase_add_test(tc, default_db_path_is_under_xdg_data_home);
	tcase_add_test(tc, default_db_path_without_xdg_data_home_is_in_home);
	tcase_add_test(tc, synchronous_is_full_unless_the_file_says_normal);
	tcase_add_test(tc, synchronous_other_values_are_refused);
	tcase_add_test(tc, synchronous_is_applied_to_the_connection);
	tcase_add_test(tc, keys_default_to_the_action_table);
	tcase_add_test(tc, a_binding_replaces_the_default_keys);
	tcase_add_test(tc, the_tabs_take_keys_of_ones_own);
	tcase_add_test(tc, the_previous_tab_may_not_take_the_filter_key);
	tcase_add_test(tc, a_key_bound_to_two_actions_of_one_screen_is_refused);
	tcase_add_test(tc, a_new_key_that_a_default_holds_is_refused);
	tcase_add_test(tc, set_status_may_not_take_the_filter_key);
	tcase_add_test(tc, actions_of_different_screens_may_share_a_key);
	tcase_add_test(tc, an_unknown_action_or_key_name_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return tu_run(conf_suite()); }
