/* bytescan [--tabs] [--json] FILE...: the byte scanner of the output tests
 * (tests/rel_hostile.sh). Exit 0 when every FILE is safe output: valid
 * UTF-8 with no ESC, BEL or other C0 control but the line end (and the tab
 * with --tabs), no DEL, no C1 control, no bidi control or hidden character
 * (tests/fuzz/scan.h); with --json, also one JSON document that jansson
 * reads strictly. Else exit 1 and a line per finding on stdout. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/scan.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got;

	*len = 0;
	if (!f)
		return NULL;
	do {
		if (*len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
	} while (got > 0);
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	bool tabs = false, json = false;
	int status = 0, i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--tabs") == 0)
			tabs = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
	}
	for (; i < argc; i++) {
		size_t len, at = 0;
		char *text = slurp(argv[i], &len);
		const char *why;

		if (!text && len == 0) {
			FILE *f = fopen(argv[i], "rb");

			if (!f) {
				printf("%s: cannot be read\n", argv[i]);
				status = 1;
				continue;
			}
			fclose(f);
		}
		if ((why = scan_output(text ? text : "", len, tabs, &at))) {
			size_t from = at > 20 ? at - 20 : 0;

			printf("%s: %s at byte %zu, after \"", argv[i], why, at);
			for (size_t k = from; k < at; k++)
				printf((unsigned char)text[k] >= 0x20 && (unsigned char)text[k] < 0x7F
				       ? "%c" : "\\x%02x", (unsigned char)text[k]);
			printf("\"\n");
			status = 1;
		}
		if (json) {
			json_error_t jerr;
			json_t *j = json_loadb(text ? text : "", len, JSON_REJECT_DUPLICATES, &jerr);

			if (!j) {
				printf("%s: not JSON: line %d, column %d: %s\n", argv[i], jerr.line,
				       jerr.column, jerr.text);
				status = 1;
			}
			json_decref(j);
		}
		free(text);
	}
	return status;
}
