/* Replays inputs through a fuzz target without libFuzzer, so that the
 * seed corpus and every crash once found run under `make check` with the
 * normal compiler (and under the sanitizer build and valgrind).
 * Usage: replay FILE|DIR...; exits non-zero when an input cannot be read
 * (a crash ends the process, as it should). */
#include "config.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "%s: cannot be read\n", path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* An exact-size copy, so that reading past the end is caught. */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (!exact)
			abort();
		if (len)
			memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const char *path)
{
	struct stat sb;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int failed = 0;
	DIR *d;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return replay_file(path);
	if (!(d = opendir(path))) {
		fprintf(stderr, "%s: cannot be read\n", path);
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (!names || !(names[n] = malloc(strlen(path) + strlen(e->d_name) + 2)))
			abort();
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		failed |= replay_path(names[i]);
		free(names[i]);
	}
	free(names);
	return failed;
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc; i++)
		failed |= replay_path(argv[i]);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
