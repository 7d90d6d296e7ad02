#include "config.h"
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum la_status la_fail(struct la_err *err, enum la_status status,
		       enum la_field field, const char *fmt, ...)
{
	if (err) {
		va_list ap;

		err->status = status;
		err->field = field;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return status;
}

void la_err_clear(struct la_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int la_exit_code(enum la_status status)
{
	switch (status) {
	case LA_OK:
		return 0;
	case LA_USAGE:
		return 2;
	case LA_DB:
	case LA_READONLY:
		return 3;
	default:
		return 1;
	}
}
