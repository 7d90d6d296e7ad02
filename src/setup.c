#include "config.h"
#include "setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grouping.h"
#include "i18n.h"
#include "lists.h"
#include "marketing.h"

/* Appends "a, b" style names to buf, each as shown in the program's
 * language (a multi-language name by its one value). */
static void append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t used = strlen(buf);
	char shown[LISTS_SHOWN_MAX];

	if (used + 1 >= len)
		return;
	snprintf(buf + used, len - used, "%s%s", used ? sep : "", lists_shown(s, shown, sizeof shown));
}

enum la_status setup_check(struct db *db, struct setup_report *out,
			   struct la_err *err)
{
	struct la_items cats, stats;
	char names[400] = "", potential[400] = "";
	const char *def = NULL;
	char defbuf[LISTS_SHOWN_MAX];
	size_t i, active = 0;
	struct setup_step *s;

	memset(out, 0, sizeof(*out));
	if (lists_load(db, LIST_CATEGORY, false, &cats, err) != LA_OK)
		return LA_DB;
	if (lists_load(db, LIST_LEADSTATUS, false, &stats, err) != LA_OK) {
		lists_items_free(&cats);
		return LA_DB;
	}
	for (i = 0; i < cats.n; i++) {
		if (cats.v[i].lead_status)
			append(names, sizeof(names), ", ", cats.v[i].name);
		else if (cats.v[i].group == GROUP_POTENTIAL_CUSTOMER)
			append(potential, sizeof(potential), ", ", cats.v[i].name);
	}
	s = &out->steps[0];
	s->number = 1;
	snprintf(s->title, sizeof(s->title), "%s",
		 _("A category of the group Potential customer has lead status"));
	if (names[0]) {
		s->state = SETUP_READY;
		snprintf(s->detail, sizeof(s->detail), _("Lead status is on for: %s"), names);
	} else {
		s->state = SETUP_MISSING;
		if (potential[0])
			snprintf(s->detail, sizeof(s->detail),
				 _("Missing: turn lead status on for one of these Potential customer categories: %s"),
				 potential);
		else
			snprintf(s->detail, sizeof(s->detail), "%s",
				 _("Missing: add a category of the group Potential customer with lead status (or run add-defaults)"));
	}
	names[0] = '\0';
	for (i = 0; i < stats.n; i++) {
		append(names, sizeof(names), ", ", stats.v[i].name);
		if (stats.v[i].is_default)
			def = lists_shown(stats.v[i].name, defbuf, sizeof defbuf);
		active++;
	}
	s = &out->steps[1];
	s->number = 2;
	snprintf(s->title, sizeof(s->title), "%s", _("The lead status list"));
	if (active > 0 && def) {
		s->state = SETUP_READY;
		snprintf(s->detail, sizeof(s->detail), ngettext("%zu status: %s; default for new leads: %s",
				  "%zu statuses: %s; default for new leads: %s", (unsigned long)active),
			 active, names, def);
	} else {
		s->state = SETUP_MISSING;
		snprintf(s->detail, sizeof(s->detail), "%s", active > 0
			 ? _("Missing: no status is the default for new leads")
			 : _("Missing: the list has no active status"));
	}
	s = &out->steps[2];
	s->number = 3;
	s->state = SETUP_OPTIONAL;
	snprintf(s->title, sizeof(s->title), "%s", _("Marketing Premium (optional)"));
	if (!marketing_licensed(db, LICENCE_MARKETING_PREMIUM)) {
		snprintf(s->detail, sizeof(s->detail), "%s",
			 _("Optional: with the Marketing Premium licence, UTM data from web forms and distribution of new leads to sales people"));
	} else {
		struct marketing_settings ms;

		if (marketing_load(db, &ms, err) != LA_OK) {
			lists_items_free(&cats);
			lists_items_free(&stats);
			return LA_DB;
		}
		s->state = SETUP_READY;
		snprintf(s->detail, sizeof(s->detail),
			 _("Licensed. UTM data transfer: %s. Distribute to owner: %s."),
			 ms.utm_enabled ? _("on") : _("off"),
			 ms.mode == DISTRIBUTE_OFF ? _("off")
			 : ms.mode == DISTRIBUTE_GROUP ? _("evenly to a user group")
			 : _("evenly to selected associates"));
		marketing_settings_free(&ms);
	}
	out->ready = out->steps[0].state == SETUP_READY && out->steps[1].state == SETUP_READY;
	for (int l = 0; l < LIST_COUNT; l++) {
		char *twins = NULL;
		size_t used = strlen(out->twins);

		if (lists_twins(db, (enum la_list)l, &twins, err) != LA_OK) {
			lists_items_free(&cats);
			lists_items_free(&stats);
			return LA_DB;
		}
		if (twins)
			la_format(out->twins + used, sizeof(out->twins) - used, "%s%s: %s",
				  used ? "; " : "", lists_title((enum la_list)l), twins);
		free(twins);
	}
	lists_items_free(&cats);
	lists_items_free(&stats);
	{
		char *lost = NULL;

		if (grouping_unreachable(db, &lost, err) != LA_OK)
			return LA_DB;
		if (lost)
			la_format(out->unreachable, sizeof(out->unreachable),
				  _("Company – Category: no user group may see %s, so nobody can choose it; tick it for a group (leadadmin category visible-for ITEM GROUP)"),
				  lost);
		free(lost);
	}
	return LA_OK;
}
