#include "config.h"
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const char *current = "en";

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

const char *i18n_init(const char *lang, const char *localedir)
{
	const char *msgs;

	setlocale(LC_ALL, "");
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

	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return current;
}

const char *i18n_language(void)
{
	return current;
}
