/* Configuration: an INI file read with iniparser. Precedence: option >
 * environment (LEADADMIN_DB, LEADADMIN_CONFIG) > user file
 * ($XDG_CONFIG_HOME/leadadmin/leadadmin.ini) > system file > default. */
#ifndef LA_CONF_H
#define LA_CONF_H

#include <stdbool.h>
#include <sys/stat.h>

#include "keys.h"
#include "status.h"

struct la_conf {
	char *db_path;        /* [database] path */
	int busy_timeout_ms;  /* [database] busy_timeout */
	bool sync_full;       /* [database] synchronous: full (true) or normal */
	char *language;       /* [ui] language: "", "en" or "de" */
	char *theme;          /* [ui] theme: default, mono, colorblind, light */
	bool reader;          /* [ui] reader: for screen readers and braille */
	bool mouse;           /* [ui] mouse: on (true) or off, the default */
	char *source;         /* the file the values came from, or NULL */
	struct la_keys keys;  /* [keys]: the screens' key bindings */
};

/* Reads the configuration. config_file is the --config option (or NULL).
 * Warnings (unknown keys) go to warn_cb when not NULL. Errors name the file,
 * the key and the value. */
enum la_status conf_load(struct la_conf *cfg, const char *config_file,
			   void (*warn_cb)(const char *msg),
			   struct la_err *err);
void conf_free(struct la_conf *cfg);

/* Reads one INI file into cfg on top of what is there. */
enum la_status conf_read_file(struct la_conf *cfg, const char *path,
				void (*warn_cb)(const char *msg),
				struct la_err *err);

/* Whether a file or folder the program is to trust is private enough
 * (sb as lstat or fstat gives it): not a symbolic link, owned by the
 * effective user (or by root when root_ok), not writable by group or
 * others (a sticky folder such as /tmp may be). Otherwise LA_USAGE with a
 * message that names the chown or chmod to run. */
enum la_status conf_check_private(const char *path, const struct stat *sb, bool root_ok,
				  struct la_err *err);

/* The embedded default database path: $XDG_DATA_HOME/leadadmin/crm.db
 * (newly allocated). */
char *conf_default_db_path(void);

#endif
