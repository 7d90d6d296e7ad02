#include "config.h"
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *current = "en";
/* The locale asked for UTF-8 before i18n_init made sure of it. */
static bool user_utf8 = true;

int i18n_supported(const char *lang)
{
	return lang && (strcmp(lang, "en") == 0 || strcmp(lang, "de") == 0);
}

const char *i18n_from_locale(const char *locale)
{
	if (locale && strncmp(locale, "de", 2) == 0 &&
	    (locale[2] == '\0' || locale[2] == '_' || locale[2] == '.' ||
	     locale[2] == '@' || locale[2] == ':'))
		return "de";
	return "en";
}

/* The language the environment asks for, in gettext's order. */
static const char *lang_from_env(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return i18n_from_locale(v);
	}
	return "en";
}

/* The catalogues beside the program when it runs from its build folder
 * (make puts them in locale/ there), newly allocated; else NULL. */
static char *build_localedir(void)
{
	char exe[4096], *slash, *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat sb;
	size_t len;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	len = strlen(exe) + sizeof("/locale/de/LC_MESSAGES/" PACKAGE ".mo");
	if (!(dir = malloc(len)))
		abort();
	snprintf(dir, len, "%s/locale/de/LC_MESSAGES/" PACKAGE ".mo", exe);
	if (stat(dir, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		free(dir);
		return NULL;
	}
	snprintf(dir, len, "%s/locale", exe);
	return dir;
}

bool i18n_catalogue_found(void)
{
	/* A catalogue's header is the translation of "" (asked through a
	 * variable: xgettext would take the literal for a message). */
	const char *header = "";

	return strcmp(current, "en") == 0 || *gettext(header) != '\0';
}

const char *i18n_init(const char *lang, const char *localedir)
{
	const char *msgs;
	char *built = NULL;

	setlocale(LC_ALL, "");
	user_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* The screens and the tables need a UTF-8 character set; a login
	 * without a locale (LANG unset over SSH) still gets one. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");

	current = (lang && *lang) ? (i18n_supported(lang) ? lang : "en")
				  : lang_from_env();
	/* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is not "C"
	 * to it, so the chosen language works without any locale installed. */
	msgs = setlocale(LC_MESSAGES, NULL);
	if (!msgs || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", current, 1);

	if (!localedir || !*localedir)
		localedir = (built = build_localedir()) ? built : LOCALEDIR;
	bindtextdomain(PACKAGE, localedir);
	free(built);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return current;
}

const char *i18n_language(void)
{
	return current;
}

bool i18n_user_utf8(void)
{
	return user_utf8;
}
