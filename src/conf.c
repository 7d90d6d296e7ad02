#include "config.h"
#include "conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "mem.h"
#include "ini.h"

#define CONF_MAX_BYTES (1024 * 1024)
/* A leadadmin configuration has 5 keys in 2 sections. */
#define CONF_MAX_ENTRIES 1000
#define CONF_MAX_WARNINGS 10

/* iniparser reports syntax errors through a callback without a context
 * pointer; the last one is kept here to put into our own message. */
static char ini_error[256];

static int capture_ini_error(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *nl;

	va_start(ap, fmt);
	n = vsnprintf(ini_error, sizeof(ini_error), fmt, ap);
	va_end(ap);
	while ((nl = strchr(ini_error, '\n')))
		*nl = ' ';
	return n;
}

static void set_str(char **dst, const char *value)
{
	free(*dst);
	*dst = value ? la_strdup(value) : NULL;
}

struct key_spec {
	const char *key; /* "section:name" as iniparser spells it */
	enum la_status (*apply)(struct la_conf *cfg, const char *path,
				const char *key, const char *value,
				struct la_err *err);
};

/* Lower-cases s[0..n) trimmed of blanks into out (at most len bytes). */
static void trimmed_lower(const char *s, size_t n, char *out, size_t len)
{
	size_t k = 0;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	for (; k < n && k + 1 < len; k++)
		out[k] = (char)tolower((unsigned char)s[k]);
	out[k] = '\0';
}

/* The line of path where key ("section:name", as iniparser spells it)
 * is set, the last one as iniparser takes it; 0 when it is not found.
 * Only for messages: the file was checked and read already. */
static int key_line(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[1024], sec[256] = "", name[512];
	int at = 0, found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		char *p = line, *eq;

		at++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[') {
			char *end = strchr(p, ']');
			if (end)
				trimmed_lower(p + 1, (size_t)(end - p - 1), sec, sizeof sec);
		} else if (*p != ';' && *p != '#' && (eq = strchr(p, '='))) {
			size_t sl = strlen(sec);
			if (sl + 2 >= sizeof name)
				continue;
			memcpy(name, sec, sl);
			name[sl] = ':';
			trimmed_lower(p, (size_t)(eq - p), name + sl + 1, sizeof name - sl - 1);
			if (strcmp(name, key) == 0)
				found = at;
		}
	}
	fclose(f);
	return found;
}

static enum la_status bad_value(const char *path, const char *key, const char *value,
				const char *expected, struct la_err *err)
{
	int line = key_line(path, key);

	if (line > 0)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s:%d: [%s] has the invalid value '%s' (expected %s)"),
			       path, line, key, value, expected);
	return la_fail(err, LA_USAGE, LA_FIELD_NONE,
		       _("%s: [%s] has the invalid value '%s' (expected %s)"),
		       path, key, value, expected);
}

/* "~/x" means a file in the home folder. */
static char *expand_home(const char *value)
{
	const char *home = getenv("HOME");
	char *out;

	if (strncmp(value, "~/", 2) != 0 || !home || !*home)
		return la_strdup(value);
	size_t n = strlen(home) + strlen(value);

	out = malloc(n);
	if (!out)
		abort();
	snprintf(out, n, "%s%s", home, value + 1);
	return out;
}

static enum la_status apply_db_path(struct la_conf *cfg, const char *path,
				    const char *key, const char *value,
				    struct la_err *err)
{
	if (!*value)
		return bad_value(path, key, value, _("a file name"), err);
	free(cfg->db_path);
	cfg->db_path = expand_home(value);
	return LA_OK;
}

/* [database] url: a PostgreSQL database, used instead of path. */
static enum la_status apply_db_url(struct la_conf *cfg, const char *path,
				   const char *key, const char *value,
				   struct la_err *err)
{
	if (!db_is_server_url(value))
		return bad_value(path, key, value,
				 _("a PostgreSQL connection URI (postgresql://… or postgres://…)"), err);
	free(cfg->db_path);
	if (!(cfg->db_path = strdup(value)))
		abort();
	return LA_OK;
}

static enum la_status apply_busy(struct la_conf *cfg, const char *path,
				 const char *key, const char *value,
				 struct la_err *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < 0 || v > 600000)
		return bad_value(path, key, value, _("milliseconds from 0 to 600000"), err);
	cfg->busy_timeout_ms = (int)v;
	return LA_OK;
}

static enum la_status apply_synchronous(struct la_conf *cfg, const char *path,
					const char *key, const char *value,
					struct la_err *err)
{
	if (strcasecmp(value, "full") == 0)
		cfg->sync_full = true;
	else if (strcasecmp(value, "normal") == 0)
		cfg->sync_full = false;
	else
		return bad_value(path, key, value, "normal, full", err);
	return LA_OK;
}

static enum la_status apply_language(struct la_conf *cfg, const char *path,
				     const char *key, const char *value,
				     struct la_err *err)
{
	if (strcmp(value, "auto") == 0 || !*value) {
		set_str(&cfg->language, "");
		return LA_OK;
	}
	if (!i18n_supported(value))
		return bad_value(path, key, value, "en, de, auto", err);
	set_str(&cfg->language, value);
	return LA_OK;
}

static enum la_status apply_theme(struct la_conf *cfg, const char *path,
				  const char *key, const char *value,
				  struct la_err *err)
{
	static const char *const themes[] = { "default", "mono", "colorblind", "light" };

	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
		if (strcmp(value, themes[i]) == 0) {
			set_str(&cfg->theme, value);
			return LA_OK;
		}
	return bad_value(path, key, value, "default, mono, colorblind, light", err);
}

/* An on/off value ("on", "yes", "true", "1" or their opposites, in any
 * case) into *flag. */
static enum la_status apply_switch(bool *flag, const char *path, const char *key,
				   const char *value, struct la_err *err)
{
	static const char *const on[] = { "on", "yes", "true", "1" };
	static const char *const off[] = { "off", "no", "false", "0" };

	for (size_t i = 0; i < sizeof on / sizeof on[0]; i++) {
		if (strcasecmp(value, on[i]) == 0) {
			*flag = true;
			return LA_OK;
		}
		if (strcasecmp(value, off[i]) == 0) {
			*flag = false;
			return LA_OK;
		}
	}
	return bad_value(path, key, value, "on, off", err);
}

static enum la_status apply_reader(struct la_conf *cfg, const char *path,
				   const char *key, const char *value,
				   struct la_err *err)
{
	return apply_switch(&cfg->reader, path, key, value, err);
}

static enum la_status apply_mouse(struct la_conf *cfg, const char *path,
				  const char *key, const char *value,
				  struct la_err *err)
{
	return apply_switch(&cfg->mouse, path, key, value, err);
}

static const struct key_spec keys[] = {
	{ "database:path", apply_db_path },
	/* After path: a url given with it is the one used. */
	{ "database:url", apply_db_url },
	{ "database:busy_timeout", apply_busy },
	{ "database:synchronous", apply_synchronous },
	{ "ui:language", apply_language },
	{ "ui:theme", apply_theme },
	{ "ui:reader", apply_reader },
	{ "ui:mouse", apply_mouse },
};

static const struct key_spec *find_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

static void warn(void (*warn_cb)(const char *), const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(void (*warn_cb)(const char *), const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!warn_cb)
		return;
	va_start(ap, fmt);
	la_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_cb(msg);
}

/* The login of uid for a chown to run, or its number. */
static void owner_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%lu", (unsigned long)uid);
}

enum la_status conf_check_private(const char *path, const struct stat *sb, bool root_ok,
				  struct la_err *err)
{
	uid_t me = geteuid();
	char who[64];

	if (S_ISLNK(sb->st_mode))
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s: is a symbolic link and is not followed; remove it (or give --db PATH)"),
			       path);
	if (sb->st_uid != me && !(root_ok && sb->st_uid == 0)) {
		owner_name(me, who, sizeof(who));
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s: belongs to another user and is not used; run: chown %s %s"),
			       path, who, path);
	}
	/* Others may not replace what is in a sticky folder such as /tmp. */
	if ((sb->st_mode & (S_IWGRP | S_IWOTH)) &&
	    !(S_ISDIR(sb->st_mode) && (sb->st_mode & S_ISVTX)))
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s: others may write to it, so it is not used; run: chmod go-w %s"),
			       path, path);
	return LA_OK;
}

/* The folder a file is in ("." for a bare name), newly allocated. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash)
		return la_strdup(".");
	if (slash == path)
		return la_strdup("/");
	dir = la_strdup(path);
	dir[slash - path] = '\0';
	return dir;
}

/* A linear look at the text before iniparser, whose dictionary searches
 * every key it holds for each key it adds: the sections and keys it
 * would hold. */
static long count_entries(const char *text, size_t len)
{
	long n = 0;
	size_t i = 0;

	while (i < len) {
		const char *line = text + i, *end = memchr(line, '\n', len - i);
		size_t llen = end ? (size_t)(end - line) : len - i;
		size_t k = 0;

		while (k < llen && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k < llen && (line[k] == '[' || (line[k] != ';' && line[k] != '#' &&
						    memchr(line + k, '=', llen - k))))
			n++;
		i += llen + 1;
	}
	return n;
}

/* Opens path once and checks it through its descriptor: a regular file of
 * the user's (or root's) that others may not write, in a folder that
 * others may not write, at most CONF_MAX_BYTES with at most
 * CONF_MAX_ENTRIES sections and keys. Returns the descriptor, or -1. */
static int open_checked(const char *path, char **textp, struct la_err *err)
{
	struct stat sb, dsb;
	char *dir, *text;
	ssize_t got;
	size_t len = 0, cap;
	long entries;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	*textp = NULL;
	if (fd < 0) {
		la_fail(err, LA_USAGE, LA_FIELD_NONE,
			_("%s: the configuration file cannot be read (%s)"), path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		la_fail(err, LA_USAGE, LA_FIELD_NONE,
			_("%s: the configuration file is not a regular file"), path);
		goto fail;
	}
	if (conf_check_private(path, &sb, true, err) != LA_OK)
		goto fail;
	if (sb.st_size > CONF_MAX_BYTES) {
		la_fail(err, LA_USAGE, LA_FIELD_NONE,
			_("%s: the configuration file is %lld bytes; one over 1 MB is not read"),
			path, (long long)sb.st_size);
		goto fail;
	}
	dir = folder_of(path);
	if (stat(dir, &dsb) == 0 && conf_check_private(dir, &dsb, true, err) != LA_OK) {
		free(dir);
		goto fail;
	}
	free(dir);
	/* A file that grows meanwhile is its owner's doing: the count is of
	 * what fstat said. */
	cap = (size_t)sb.st_size + 1;
	text = malloc(cap + 1);
	if (!text)
		abort();
	while (len < cap && (got = read(fd, text + len, cap - len)) > 0)
		len += (size_t)got;
	entries = count_entries(text, len);
	text[len] = '\0';
	*textp = text;
	if (entries > CONF_MAX_ENTRIES) {
		la_fail(err, LA_USAGE, LA_FIELD_NONE,
			_("%s: the configuration file has %ld sections and keys; it is not read (leadadmin knows 7 keys and reads at most %d)"),
			path, entries, CONF_MAX_ENTRIES);
		goto fail;
	}
	return fd;
fail:
	free(*textp);
	*textp = NULL;
	close(fd);
	return -1;
}

/* iniparser reads a file by its name: the name of the descriptor that was
 * checked, so that the file read is the one checked. Without /dev/fd (a
 * chroot without /proc) it reads path, and the file there must still be
 * the one checked; *changed says when it was not. */
static dictionary *load_fd(int fd, const char *path, bool *changed)
{
	struct stat a, b;
	char name[32];
	dictionary *d;

	*changed = false;
	snprintf(name, sizeof(name), "/dev/fd/%d", fd);
	if (access(name, R_OK) == 0)
		return iniparser_load(name);
	d = iniparser_load(path);
	if (d && (fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_dev != b.st_dev ||
		  a.st_ino != b.st_ino)) {
		iniparser_freedict(d);
		*changed = true;
		d = NULL;
	}
	return d;
}

/* The line (from 1) of the last "name =" in section sec of text, or 0:
 * iniparser does not say where a key was. */
static int line_of(const char *text, const char *sec, const char *name)
{
	int line = 0, found = 0;
	bool in = false;

	for (const char *p = text; *p; ) {
		size_t len = strcspn(p, "\n");
		const char *s = p, *end = p + len;

		line++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s < end && *s == '[') {
			const char *close = memchr(s, ']', (size_t)(end - s));
			size_t n = strlen(sec);
			in = close && (size_t)(close - s - 1) == n &&
			     strncasecmp(s + 1, sec, n) == 0;
		} else if (in) {
			const char *eq = memchr(s, '=', (size_t)(end - s));
			const char *k = eq;
			while (k && k > s && (k[-1] == ' ' || k[-1] == '\t'))
				k--;
			if (eq && (size_t)(k - s) == strlen(name) &&
			    strncasecmp(s, name, strlen(name)) == 0)
				found = line;
		}
		p = *end ? end + 1 : end;
	}
	return found;
}

/* A [keys] entry: "keys:move_up" = "[ K". */
static enum la_status apply_binding(struct la_conf *cfg, const char *path,
				    const char *text, const char *key,
				    const char *value, struct la_err *err)
{
	const char *name = key + strlen("keys:");
	int line = line_of(text, "keys", name);
	int a = la_keys_action(name);

	if (a < 0)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s:%d: [keys] has no action '%s' (the actions: help, up, down, page_up, page_down, home, end, open, edit, add, delete, restore, move_up, move_down, show_deleted, filter, back, deactivate, reactivate, show_inactive, save, change)"),
			       path, line, name);
	return la_keys_bind(&cfg->keys, (enum la_key_action)a, value, path, line, err);
}

enum la_status conf_read_file(struct la_conf *cfg, const char *path,
			      void (*warn_cb)(const char *msg), struct la_err *err)
{
	dictionary *d;
	char *text;
	int s, nsec, fd, unknown = 0;
	bool changed;
	enum la_status rc = LA_OK;

	if ((fd = open_checked(path, &text, err)) < 0)
		return LA_USAGE;
	for (int a = 0; a < LKA_COUNT; a++)
		cfg->keys.line[a] = 0;
	ini_error[0] = '\0';
	iniparser_set_error_callback(capture_ini_error);
	d = load_fd(fd, path, &changed);
	iniparser_set_error_callback(NULL);
	close(fd);
	if (changed || !d)
		free(text);
	if (changed)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s: the configuration file was replaced while it was read; it is not used"),
			       path);
	if (!d)
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s: the configuration file is malformed: %s"), path,
			       ini_error[0] ? ini_error : _("it cannot be parsed"));
	nsec = iniparser_getnsec(d);
	for (s = 0; s < nsec && rc == LA_OK; s++) {
		const char *sec = iniparser_getsecname(d, s);
		int nkeys = iniparser_getsecnkeys(d, sec), k;
		const char **names;

		if (nkeys <= 0) {
			if (strcmp(sec, "database") != 0 && strcmp(sec, "ui") != 0 &&
			    strcmp(sec, "keys") != 0 &&
			    unknown++ < CONF_MAX_WARNINGS)
				warn(warn_cb, _("%s: unknown section [%s] is ignored"), path, sec);
			continue;
		}
		names = calloc((size_t)nkeys, sizeof(*names));
		if (!names)
			abort();
		iniparser_getseckeys(d, sec, names);
		for (k = 0; k < nkeys && rc == LA_OK; k++) {
			const struct key_spec *spec = find_key(names[k]);
			const char *value = iniparser_getstring(d, names[k], "");

			if (strcmp(sec, "keys") == 0) {
				rc = apply_binding(cfg, path, text, names[k],
						   value ? value : "", err);
				continue;
			}
			if (!spec) {
				if (unknown++ < CONF_MAX_WARNINGS)
					warn(warn_cb, _("%s: unknown key [%s] is ignored"), path,
					     names[k]);
				continue;
			}
			/* A section header such as [ui:theme] is listed as a key
			 * of [ui] whose value is NULL. */
			if (!value)
				value = "";
			rc = spec->apply(cfg, path, names[k], value, err);
		}
		free(names);
	}
	if (unknown > CONF_MAX_WARNINGS)
		warn(warn_cb, _("%s: %d more unknown sections or keys are ignored"), path,
		     unknown - CONF_MAX_WARNINGS);
	if (rc == LA_OK)
		rc = la_keys_check(&cfg->keys, path, err);
	iniparser_freedict(d);
	free(text);
	if (rc == LA_OK)
		set_str(&cfg->source, path);
	return rc;
}

char *conf_default_db_path(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *out;
	size_t n;

	if (data && *data == '/') {
		n = strlen(data) + sizeof("/leadadmin/crm.db");
		out = malloc(n);
		if (!out)
			abort();
		snprintf(out, n, "%s/leadadmin/crm.db", data);
	} else {
		if (!home || !*home)
			home = ".";
		n = strlen(home) + sizeof("/.local/share/leadadmin/crm.db");
		out = malloc(n);
		if (!out)
			abort();
		snprintf(out, n, "%s/.local/share/leadadmin/crm.db", home);
	}
	return out;
}

static char *user_conf_path(void)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *out;
	size_t n;

	if (cfg && *cfg == '/') {
		n = strlen(cfg) + sizeof("/leadadmin/leadadmin.ini");
		out = malloc(n);
		if (!out)
			abort();
		snprintf(out, n, "%s/leadadmin/leadadmin.ini", cfg);
		return out;
	}
	if (!home || !*home)
		return NULL;
	n = strlen(home) + sizeof("/.config/leadadmin/leadadmin.ini");
	out = malloc(n);
	if (!out)
		abort();
	snprintf(out, n, "%s/.config/leadadmin/leadadmin.ini", home);
	return out;
}

enum la_status conf_load(struct la_conf *cfg, const char *config_file,
			 void (*warn_cb)(const char *msg), struct la_err *err)
{
	const char *env_db = getenv("LEADADMIN_DB");
	const char *env_cfg = getenv("LEADADMIN_CONFIG");
	enum la_status rc = LA_OK;

	memset(cfg, 0, sizeof(*cfg));
	cfg->busy_timeout_ms = 5000;
	cfg->sync_full = true;
	cfg->language = la_strdup("");
	cfg->theme = la_strdup("default");
	la_keys_defaults(&cfg->keys);
	if (access(SYSCONFDIR "/leadadmin.ini", F_OK) == 0)
		rc = conf_read_file(cfg, SYSCONFDIR "/leadadmin.ini", warn_cb, err);
	if (rc == LA_OK) {
		if (config_file && *config_file) {
			rc = conf_read_file(cfg, config_file, warn_cb, err);
		} else if (env_cfg && *env_cfg) {
			rc = conf_read_file(cfg, env_cfg, warn_cb, err);
		} else {
			char *user = user_conf_path();

			if (user && access(user, F_OK) == 0)
				rc = conf_read_file(cfg, user, warn_cb, err);
			free(user);
		}
	}
	if (rc == LA_OK && env_db && *env_db)
		set_str(&cfg->db_path, env_db);
	if (rc == LA_OK && !cfg->db_path)
		cfg->db_path = conf_default_db_path();
	if (rc != LA_OK)
		conf_free(cfg);
	return rc;
}

void conf_free(struct la_conf *cfg)
{
	free(cfg->db_path);
	free(cfg->language);
	free(cfg->theme);
	free(cfg->source);
	memset(cfg, 0, sizeof(*cfg));
}
