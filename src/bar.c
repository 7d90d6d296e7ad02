#include "config.h"
#include "bar.h"

#include <string.h>

int bar_units(long value, long max, int width, bool unicode)
{
	long long per = unicode ? 8 : 1, full = (long long)width * per, u;

	if (value <= 0 || max <= 0 || width <= 0)
		return 0;
	if (value >= max)
		return (int)full;
	u = ((long long)value * full + max / 2) / max;
	return (int)(u < 1 ? 1 : u);
}

int bar_render(char *buf, size_t size, long value, long max, int width, bool unicode)
{
	/* U+2588 FULL BLOCK, then U+258F (one eighth) to U+2589 (seven). */
	static const char *const part[8] = { "", "\u258f", "\u258e", "\u258d", "\u258c",
					     "\u258b", "\u258a", "\u2589" };
	int units = bar_units(value, max, width, unicode);
	int cols = unicode ? (units + 7) / 8 : units;
	size_t o = 0;

	if (size == 0)
		return 0;
	for (int i = 0; i < (unicode ? units / 8 : units); i++) {
		const char *s = unicode ? "\u2588" : "#";
		size_t n = strlen(s);

		if (o + n >= size)
			break;
		memcpy(buf + o, s, n);
		o += n;
	}
	if (unicode && units % 8 && o + strlen(part[units % 8]) < size) {
		memcpy(buf + o, part[units % 8], strlen(part[units % 8]));
		o += strlen(part[units % 8]);
	}
	buf[o] = '\0';
	return cols;
}
