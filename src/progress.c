#include "config.h"
#include "progress.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"

/* At most ten lines a second. */
#define PROGRESS_EVERY_NS 100000000LL

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void progress_init(struct progress *p, FILE *out, bool enabled)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->on = enabled && out && isatty(fileno(out));
}

void progress_start(struct progress *p, const char *label, enum progress_unit unit,
		    uint64_t total)
{
	struct winsize ws;

	p->label = label;
	p->unit = unit;
	p->total = total;
	p->done = 0;
	p->shown = false;
	if (!p->on)
		return;
	p->cols = ioctl(fileno(p->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
	p->start_ns = p->last_ns = now_ns();
}

/* n in the unit: "5.1 MB", "1200 pages". */
static void quantity(enum progress_unit unit, double n, char *buf, size_t size)
{
	unsigned long whole = (unsigned long)(n + 0.5);

	switch (unit) {
	case PROGRESS_BYTES:
		if (n < 1e6)
			snprintf(buf, size, _("%.0f kB"), n / 1e3);
		else if (n < 1e9)
			snprintf(buf, size, _("%.1f MB"), n / 1e6);
		else
			snprintf(buf, size, _("%.2f GB"), n / 1e9);
		break;
	case PROGRESS_PAGES:
		snprintf(buf, size, ngettext("%lu page", "%lu pages", whole), whole);
		break;
	case PROGRESS_ITEMS:
		snprintf(buf, size, ngettext("%lu item", "%lu items", whole), whole);
		break;
	case PROGRESS_STEPS:
		snprintf(buf, size, ngettext("%lu step", "%lu steps", whole), whole);
		break;
	}
}

static void duration(double s, char *buf, size_t size)
{
	unsigned long t = (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, size, "%lu:%02lu", t / 60, t % 60);
}

void progress_format(const struct progress *p, int64_t elapsed_ns, char *buf, size_t size)
{
	char done[48], total[48], rate[48], left[32];
	double secs = (double)elapsed_ns / 1e9;
	double per_s = secs > 0 ? (double)p->done / secs : 0;

	quantity(p->unit, (double)p->done, done, sizeof(done));
	quantity(p->unit, per_s, rate, sizeof(rate));
	if (p->total > 0 && p->done <= p->total) {
		int pct = (int)((double)p->done * 100.0 / (double)p->total);

		quantity(p->unit, (double)p->total, total, sizeof(total));
		if (per_s > 0) {
			duration((double)(p->total - p->done) / per_s, left, sizeof(left));
			/* TRANSLATORS: e.g. "Submitting: 5.1 MB of 12.0 MB (42 %), 2.3 MB per second, 0:03 left" */
			snprintf(buf, size, _("%s: %s of %s (%d %%), %s/s, %s left"),
				 p->label, done, total, pct, rate, left);
		} else {
			/* TRANSLATORS: e.g. "Backing up: 0 pages of 1200 pages (0 %)" */
			snprintf(buf, size, _("%s: %s of %s (%d %%)"), p->label, done, total, pct);
		}
	} else {
		/* TRANSLATORS: e.g. "Submitting: 5.1 MB, 2.3 MB per second" (no total known) */
		snprintf(buf, size, _("%s: %s, %s/s"), p->label, done, rate);
	}
}

void progress_step(struct progress *p, uint64_t done)
{
	char line[256], *cut;
	int64_t now;

	p->done = done;
	if (!p->on)
		return;
	now = now_ns();
	if (now - p->last_ns < PROGRESS_EVERY_NS)
		return;
	p->last_ns = now;
	progress_format(p, now - p->start_ns, line, sizeof(line));
	/* A line that wrapped could not be erased by going back to its start. */
	cut = text_fit(line, p->cols > 1 ? p->cols - 1 : 1, false);
	fprintf(p->out, "\r\033[K%s", cut);
	fflush(p->out);
	free(cut);
	p->shown = true;
}

void progress_clear(struct progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->shown = false;
}

void progress_end(struct progress *p)
{
	progress_clear(p);
	p->label = NULL;
}

void progress_cb(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;

	if (total)
		p->total = total;
	progress_step(p, done);
}

void progress_stage_cb(void *ctx, const char *label, enum progress_unit unit, uint64_t total)
{
	struct progress *p = ctx;

	progress_clear(p);
	progress_start(p, label, unit, total);
}
