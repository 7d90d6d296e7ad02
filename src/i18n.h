/* gettext for the whole program: English source strings, a German
 * catalogue. Which language is used is chosen once, at start-up. */
#ifndef LA_I18N_H
#define LA_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Picks the UI language: lang ("en", "de") when not NULL or empty, else the
 * locale. Returns the language in use ("en" or "de"). localedir overrides
 * the catalogue folder; without it the program's build folder is used
 * when it runs from there (its locale/ holds the catalogue), else the
 * installed one. */
const char *i18n_init(const char *lang, const char *localedir);
/* False when the language in use needs a catalogue that was not found
 * (the messages then stay English). */
bool i18n_catalogue_found(void);
/* "en" or "de": what i18n_init chose. */
const char *i18n_language(void);
/* The language a locale name stands for ("de_DE.UTF-8" gives "de"). */
const char *i18n_from_locale(const char *locale);
/* True when lang is one we have ("en", "de"). */
int i18n_supported(const char *lang);
/* True when the user's locale has a UTF-8 character set (before i18n_init
 * switched a "C" one to C.UTF-8): block-character bars need it. */
bool i18n_user_utf8(void);

#endif
