/* gettext for the whole program: English source strings, a German
 * catalogue. Which language is used is chosen once, at start-up. */
#ifndef LA_I18N_H
#define LA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Picks the UI language: lang ("en", "de") when not NULL or empty, else the
 * locale. Returns the language in use ("en" or "de"). localedir overrides
 * the installed catalogue folder (NULL for the built-in one). */
const char *i18n_init(const char *lang, const char *localedir);
/* "en" or "de": what i18n_init chose. */
const char *i18n_language(void);
/* The language a locale name stands for ("de_DE.UTF-8" gives "de"). */
const char *i18n_from_locale(const char *locale);
/* True when lang is one we have ("en", "de"). */
int i18n_supported(const char *lang);

#endif
