#include "config.h"
#include "status.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* A message that does not fit keeps its format whole and gives up the ends
 * of its %s arguments (a name of 239 four-byte characters is 956 bytes).
 * To format with shortened arguments, the format is parsed, its arguments
 * are taken out of the va_list, and each conversion is printed alone. */

#define FMT_MAX_ARGS 16
#define FMT_MAX_CONVS 32
#define ELLIPSIS "\xe2\x80\xa6" /* … */
#define ELLIPSIS_LEN 3

enum arg_type {
	ARG_NONE, ARG_INT, ARG_UINT, ARG_LONG, ARG_ULONG, ARG_LLONG, ARG_ULLONG,
	ARG_SIZE, ARG_SSIZE, ARG_INTMAX, ARG_UINTMAX, ARG_PTRDIFF, ARG_DOUBLE,
	ARG_LDOUBLE, ARG_STR, ARG_PTR,
};

union arg_value {
	int i;
	unsigned u;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	size_t z;
	ssize_t sz;
	intmax_t im;
	uintmax_t um;
	ptrdiff_t t;
	double d;
	long double ld;
	const char *s;
	void *p;
};

/* One conversion of the format: "%2$-10.3ld". */
struct conv {
	const char *start;  /* the literal text before it, from start to at */
	const char *at;     /* its '%' */
	const char *flags, *width, *prec; /* prec NULL: none given */
	int flags_len, width_len, prec_len;
	char len[3];        /* "", "l", "ll", "z", ... */
	char conv;          /* 'd', 's', ... */
	int arg;            /* index of the value */
	int width_arg;      /* index of a '*' width, or -1 */
	int prec_arg;       /* index of a '*' precision, or -1 */
};

struct parsed {
	struct conv conv[FMT_MAX_CONVS];
	int nconv;
	const char *tail;   /* the literal text after the last conversion */
	enum arg_type type[FMT_MAX_ARGS];
	union arg_value val[FMT_MAX_ARGS];
	int nargs;
};

/* The longest prefix of s[0..len) that does not end inside a UTF-8
 * sequence. */
static size_t utf8_prefix(const char *s, size_t len)
{
	size_t i = len, cont = 0, need;
	unsigned char lead;

	while (i > 0 && cont < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
		cont++;
	}
	if (i == 0 || cont == 4)
		return len;
	lead = (unsigned char)s[i - 1];
	if (lead < 0x80)
		return len;
	need = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
	return cont + 1 >= need ? len : i - 1;
}

static bool set_type(struct parsed *p, int arg, enum arg_type t)
{
	if (arg < 0 || arg >= FMT_MAX_ARGS)
		return false;
	if (p->type[arg] != ARG_NONE && p->type[arg] != t)
		return false;
	p->type[arg] = t;
	if (arg + 1 > p->nargs)
		p->nargs = arg + 1;
	return true;
}

/* "N$" at *s: the 0-based index, or -1 when there is none. */
static int position(const char **s)
{
	const char *q = *s;
	int n = 0;

	if (*q < '1' || *q > '9')
		return -1;
	while (*q >= '0' && *q <= '9' && n < 1000)
		n = n * 10 + (*q++ - '0');
	if (*q != '$')
		return -1;
	*s = q + 1;
	return n - 1;
}

static enum arg_type type_of(const char *len, char c)
{
	bool sgn = c == 'd' || c == 'i';

	if (strchr("diouxXc", c) && c) {
		if (c == 'c')
			return len[0] ? ARG_NONE : ARG_INT;
		if (!len[0] || strcmp(len, "h") == 0 || strcmp(len, "hh") == 0)
			return sgn ? ARG_INT : ARG_UINT;
		if (strcmp(len, "l") == 0)
			return sgn ? ARG_LONG : ARG_ULONG;
		if (strcmp(len, "ll") == 0)
			return sgn ? ARG_LLONG : ARG_ULLONG;
		if (strcmp(len, "z") == 0)
			return sgn ? ARG_SSIZE : ARG_SIZE;
		if (strcmp(len, "j") == 0)
			return sgn ? ARG_INTMAX : ARG_UINTMAX;
		if (strcmp(len, "t") == 0)
			return ARG_PTRDIFF;
		return ARG_NONE;
	}
	if (strchr("fFeEgGaA", c) && c)
		return !len[0] ? ARG_DOUBLE : strcmp(len, "L") == 0 ? ARG_LDOUBLE : ARG_NONE;
	if (c == 's')
		return len[0] ? ARG_NONE : ARG_STR;
	if (c == 'p')
		return len[0] ? ARG_NONE : ARG_PTR;
	return ARG_NONE;
}

/* Parses fmt; false for what this does not support (the caller falls
 * back to a plain cut): %n, wide characters, mixed or missing positions. */
static bool parse(struct parsed *p, const char *fmt)
{
	const char *s = fmt, *lit = fmt;
	int next = 0, positional = -1, i;

	memset(p, 0, sizeof(*p));
	while ((s = strchr(s, '%'))) {
		struct conv *c;
		const char *q = s + 1, *flags, *width, *len;
		int pos;
		enum arg_type t;

		if (*q == '%') {
			s = q + 1;
			continue;
		}
		if (p->nconv == FMT_MAX_CONVS)
			return false;
		c = &p->conv[p->nconv++];
		c->start = lit;
		c->at = s;
		c->width_arg = c->prec_arg = -1;
		pos = position(&q);
		if (positional < 0)
			positional = pos >= 0;
		else if (positional != (pos >= 0))
			return false;
		flags = q;
		while (*q && strchr("-+ #0", *q))
			q++;
		c->flags_len = (int)(q - flags);
		c->flags = flags;
		if (*q == '*') {
			q++;
			c->width_arg = positional ? position(&q) : next++;
			if (!set_type(p, c->width_arg, ARG_INT))
				return false;
		}
		width = q;
		while (*q >= '0' && *q <= '9')
			q++;
		c->width = width;
		c->width_len = (int)(q - width);
		c->prec = NULL;
		if (*q == '.') {
			const char *prec = ++q;

			if (*q == '*') {
				q++;
				c->prec_arg = positional ? position(&q) : next++;
				if (!set_type(p, c->prec_arg, ARG_INT))
					return false;
			} else {
				while (*q >= '0' && *q <= '9')
					q++;
				c->prec = prec;
				c->prec_len = (int)(q - prec);
			}
		}
		len = q;
		while (*q && strchr("hljztL", *q))
			q++;
		if (q - len > 2 || !*q)
			return false;
		memcpy(c->len, len, (size_t)(q - len));
		c->len[q - len] = '\0';
		c->conv = *q;
		t = type_of(c->len, *q);
		c->arg = positional ? pos : next++;
		if (t == ARG_NONE || !set_type(p, c->arg, t))
			return false;
		if (c->flags_len > 8 || c->width_len > 9 || c->prec_len > 9)
			return false;
		lit = s = q + 1;
	}
	p->tail = lit;
	for (i = 0; i < p->nargs; i++)
		if (p->type[i] == ARG_NONE)
			return false;
	return true;
}

static void take_args(struct parsed *p, va_list ap)
{
	int i;

	for (i = 0; i < p->nargs; i++) {
		union arg_value *v = &p->val[i];

		switch (p->type[i]) {
		case ARG_INT: v->i = va_arg(ap, int); break;
		case ARG_UINT: v->u = va_arg(ap, unsigned); break;
		case ARG_LONG: v->l = va_arg(ap, long); break;
		case ARG_ULONG: v->ul = va_arg(ap, unsigned long); break;
		case ARG_LLONG: v->ll = va_arg(ap, long long); break;
		case ARG_ULLONG: v->ull = va_arg(ap, unsigned long long); break;
		case ARG_SIZE: v->z = va_arg(ap, size_t); break;
		case ARG_SSIZE: v->sz = va_arg(ap, ssize_t); break;
		case ARG_INTMAX: v->im = va_arg(ap, intmax_t); break;
		case ARG_UINTMAX: v->um = va_arg(ap, uintmax_t); break;
		case ARG_PTRDIFF: v->t = va_arg(ap, ptrdiff_t); break;
		case ARG_DOUBLE: v->d = va_arg(ap, double); break;
		case ARG_LDOUBLE: v->ld = va_arg(ap, long double); break;
		case ARG_STR: v->s = va_arg(ap, const char *); break;
		case ARG_PTR: v->p = va_arg(ap, void *); break;
		case ARG_NONE: break;
		}
	}
}

/* What render() has written into out[0..size) and how much it needed. */
struct sink {
	char *out;
	size_t size, used;
};

static void put(struct sink *k, const char *s, size_t n)
{
	if (k->used + 1 < k->size) {
		size_t room = k->size - 1 - k->used;

		memcpy(k->out + k->used, s, n < room ? n : room);
	}
	k->used += n;
}

/* Literal text, with "%%" as '%'. */
static void put_literal(struct sink *k, const char *s, const char *end)
{
	while (s < end) {
		const char *pct = memchr(s, '%', (size_t)(end - s));

		if (!pct) {
			put(k, s, (size_t)(end - s));
			return;
		}
		put(k, s, (size_t)(pct - s) + 1);
		s = pct + 2;
	}
}

/* s, or when it is longer than cap bytes (and than the marker), its
 * beginning up to a character boundary and "…" in at most cap bytes. */
static char *cut(const char *s, size_t cap)
{
	size_t n = strlen(s), keep;
	char *c;

	if (n <= cap || n <= ELLIPSIS_LEN)
		keep = n;
	else
		keep = utf8_prefix(s, cap > ELLIPSIS_LEN ? cap - ELLIPSIS_LEN : 0);
	c = malloc(keep + ELLIPSIS_LEN + 1);
	if (!c)
		abort();
	memcpy(c, s, keep);
	if (keep < n)
		memcpy(c + keep, ELLIPSIS, ELLIPSIS_LEN), keep += ELLIPSIS_LEN;
	c[keep] = '\0';
	return c;
}

/* The conversion's spec without its position, with the values of '*'
 * written in. */
static void build_spec(char *spec, size_t size, const struct parsed *p, const struct conv *c)
{
	struct sink k = { spec, size, 0 };
	char num[16];

	put(&k, "%", 1);
	put(&k, c->flags, (size_t)c->flags_len);
	if (c->width_arg >= 0) {
		long w = p->val[c->width_arg].i;

		/* A negative width from '*' means left-justified. */
		snprintf(num, sizeof(num), "%s%ld", w < 0 ? "-" : "", w < 0 ? -w : w);
		put(&k, num, strlen(num));
	} else {
		put(&k, c->width, (size_t)c->width_len);
	}
	if (c->prec_arg >= 0) {
		int pr = p->val[c->prec_arg].i;

		/* A negative precision from '*' is as if there were none. */
		if (pr >= 0) {
			snprintf(num, sizeof(num), ".%d", pr);
			put(&k, num, strlen(num));
		}
	} else if (c->prec) {
		put(&k, ".", 1);
		put(&k, c->prec, (size_t)c->prec_len);
	}
	put(&k, c->len, strlen(c->len));
	put(&k, &c->conv, 1);
	spec[k.used < size ? k.used : size - 1] = '\0';
}

/* snprintf of one value; the spec was built from a parsed format whose
 * types chose the argument, hence the format that is not a literal. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int print_value(char *out, size_t size, const char *spec, enum arg_type type,
		       const union arg_value *v, const char *str)
{
	switch (type) {
	case ARG_INT: return snprintf(out, size, spec, v->i);
	case ARG_UINT: return snprintf(out, size, spec, v->u);
	case ARG_LONG: return snprintf(out, size, spec, v->l);
	case ARG_ULONG: return snprintf(out, size, spec, v->ul);
	case ARG_LLONG: return snprintf(out, size, spec, v->ll);
	case ARG_ULLONG: return snprintf(out, size, spec, v->ull);
	case ARG_SIZE: return snprintf(out, size, spec, v->z);
	case ARG_SSIZE: return snprintf(out, size, spec, v->sz);
	case ARG_INTMAX: return snprintf(out, size, spec, v->im);
	case ARG_UINTMAX: return snprintf(out, size, spec, v->um);
	case ARG_PTRDIFF: return snprintf(out, size, spec, v->t);
	case ARG_DOUBLE: return snprintf(out, size, spec, v->d);
	case ARG_LDOUBLE: return snprintf(out, size, spec, v->ld);
	case ARG_PTR: return snprintf(out, size, spec, v->p);
	case ARG_STR: return snprintf(out, size, spec, str);
	case ARG_NONE: break;
	}
	return 0;
}
#pragma GCC diagnostic pop

static void put_conv(struct sink *k, const struct parsed *p, const struct conv *c, size_t cap)
{
	enum arg_type type = p->type[c->arg];
	const union arg_value *v = &p->val[c->arg];
	char spec[48], *str = NULL, *text;
	int n;

	build_spec(spec, sizeof(spec), p, c);
	if (type == ARG_STR)
		str = cut(v->s ? v->s : "(null)", cap);
	n = print_value(NULL, 0, spec, type, v, str);
	if (n > 0) {
		text = malloc((size_t)n + 1);
		if (!text)
			abort();
		print_value(text, (size_t)n + 1, spec, type, v, str);
		put(k, text, (size_t)n);
		free(text);
	}
	free(str);
}

/* The length of p printed with every %s argument cut to cap bytes; what
 * fits goes to out. */
static size_t render(const struct parsed *p, size_t cap, char *out, size_t size)
{
	struct sink k = { out, size, 0 };
	int i;

	for (i = 0; i < p->nconv; i++) {
		put_literal(&k, p->conv[i].start, p->conv[i].at);
		put_conv(&k, p, &p->conv[i], cap);
	}
	put_literal(&k, p->tail, p->tail + strlen(p->tail));
	out[k.used < size ? k.used : size - 1] = '\0';
	return k.used;
}

size_t la_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct parsed p;
	va_list aq;
	size_t lo, hi, len;
	int n, i;

	if (size == 0)
		return 0;
	va_copy(aq, ap);
	n = vsnprintf(buf, size, fmt, aq);
	va_end(aq);
	if (n >= 0 && (size_t)n < size)
		return (size_t)n;
	if (n >= 0 && parse(&p, fmt)) {
		va_copy(aq, ap);
		take_args(&p, aq);
		va_end(aq);
		/* The longest arguments give up first: find the largest cap
		 * on every %s argument with which the whole fits. */
		hi = 0;
		for (i = 0; i < p.nargs; i++)
			if (p.type[i] == ARG_STR && p.val[i].s && strlen(p.val[i].s) > hi)
				hi = strlen(p.val[i].s);
		if (render(&p, 0, buf, size) < size) {
			lo = 0;
			while (hi - lo > 1) {
				size_t mid = lo + (hi - lo) / 2;

				if (render(&p, mid, buf, size) < size)
					lo = mid;
				else
					hi = mid;
			}
			return render(&p, lo, buf, size);
		}
	}
	/* Even the format alone does not fit: a cut at a character. */
	va_copy(aq, ap);
	n = vsnprintf(buf, size, fmt, aq);
	va_end(aq);
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	len = utf8_prefix(buf, (size_t)n < size ? (size_t)n : size - 1);
	buf[len] = '\0';
	return len;
}

enum la_status la_fail(struct la_err *err, enum la_status status,
		       enum la_field field, const char *fmt, ...)
{
	if (err) {
		/* Formatted aside: an argument may be err->msg itself. */
		char msg[sizeof(err->msg)];
		va_list ap;

		va_start(ap, fmt);
		la_vformat(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		err->status = status;
		err->field = field;
		memcpy(err->msg, msg, sizeof(msg));
	}
	return status;
}

size_t la_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = la_vformat(buf, size, fmt, ap);
	va_end(ap);
	return n;
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
