/* Fuzz target: the INI configuration (conf_read_file through iniparser).
 * The input is written to a file of our own (0600, in /dev/shm when there
 * is one) and read on top of the defaults that conf_load starts from.
 * Invariants: an error has a message; a success leaves values that are
 * valid for the program (a path, a timeout in range, a known language and
 * theme) and names the file as their source. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

static char path[256];

static void remove_file(void)
{
	if (path[0])
		unlink(path);
}

static void warned(const char *msg)
{
	FUZZ_CHECK(msg && *msg);
}

static void make_path(void)
{
	struct stat sb;
	const char *dir = "/dev/shm";

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(dir, W_OK) != 0) {
		dir = getenv("TMPDIR");
		if (!dir || !*dir)
			dir = "/tmp";
	}
	snprintf(path, sizeof(path), "%s/leadadmin-fuzz-ini-%ld.ini", dir, (long)getpid());
	atexit(remove_file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct la_conf cfg;
	struct la_err err;
	enum la_status rc;
	int fd;

	if (!path[0])
		make_path();
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(fchmod(fd, 0600) == 0);
	FUZZ_CHECK(size == 0 || write(fd, data, size) == (ssize_t)size);
	close(fd);

	memset(&cfg, 0, sizeof(cfg));
	cfg.busy_timeout_ms = 5000;
	cfg.language = strdup("");
	cfg.theme = strdup("default");
	FUZZ_CHECK(cfg.language && cfg.theme);
	la_err_clear(&err);
	rc = conf_read_file(&cfg, path, warned, &err);
	if (rc != LA_OK) {
		FUZZ_CHECK(rc == LA_USAGE && err.msg[0]);
	} else {
		FUZZ_CHECK(cfg.source && strcmp(cfg.source, path) == 0);
		FUZZ_CHECK(!cfg.db_path || *cfg.db_path);
		FUZZ_CHECK(cfg.busy_timeout_ms >= 0 && cfg.busy_timeout_ms <= 600000);
		FUZZ_CHECK(cfg.language && (!*cfg.language || strcmp(cfg.language, "en") == 0 ||
					    strcmp(cfg.language, "de") == 0));
		FUZZ_CHECK(cfg.theme && (strcmp(cfg.theme, "default") == 0 ||
					 strcmp(cfg.theme, "mono") == 0 ||
					 strcmp(cfg.theme, "colorblind") == 0 ||
					 strcmp(cfg.theme, "light") == 0));
	}
	conf_free(&cfg);
	return 0;
}
