/* Results and errors shared by every module of the domain and the store. */
#ifndef LA_STATUS_H
#define LA_STATUS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum la_status {
	LA_OK = 0,
	LA_REFUSED,      /* a rule of the domain says no */
	LA_NOT_FOUND,    /* no such item */
	LA_CONFIRM,      /* allowed, but only after the caution is confirmed */
	LA_STALE,        /* someone else changed the item since it was read */
	LA_DENIED,       /* the acting user may not change lists */
	LA_READONLY,     /* the database is open read-only */
	LA_USAGE,        /* the caller asked for something malformed */
	LA_DB,           /* the database cannot be used */
};

/* Which input a refusal is about, so a dialog can show it beside the field. */
enum la_field {
	LA_FIELD_NONE = 0,
	LA_FIELD_NAME,
	LA_FIELD_GROUP,
	LA_FIELD_DESCRIPTION,
	LA_FIELD_LEAD_STATUS,
	LA_FIELD_DEFAULT,
	LA_FIELD_ROLE,
	LA_FIELD_ACTIVE,
};

struct la_err {
	enum la_status status;
	enum la_field field;
	char msg[512];
	/* Filled with LA_CONFIRM: how many records the change touches. */
	long companies;
	long contacts;
};

/* Sets err (when not NULL) and returns status; printf-style message,
 * formatted with la_vformat, so a message that would not fit msg keeps its
 * reason. An argument may be err->msg itself. */
enum la_status la_fail(struct la_err *err, enum la_status status,
		       enum la_field field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* vsnprintf into buf[size] that never cuts inside a UTF-8 character and
 * keeps the format's own text whole: when the result would not fit, the
 * %s arguments give up their ends, the longest first, each cut at a
 * character boundary and marked with "…". Positional arguments ("%1$s")
 * work as in printf. Only a format whose own text does not fit is cut at
 * its end (at a character boundary). Returns the length written. */
size_t la_vformat(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* la_vformat with its arguments given directly. */
size_t la_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void la_err_clear(struct la_err *err);

/* The process exit code of the command-line contract for a status. */
int la_exit_code(enum la_status status);

#endif
