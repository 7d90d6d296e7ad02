/* The stored values of the audit log: what an edit changed, compactly,
 * and the values as JSON, for `leadadmin log`, the Change log screen and
 * import's plan. */
#ifndef LA_AUDITVALUE_H
#define LA_AUDITVALUE_H

#include "json.h"

/* The changed fields of old -> new, compactly (caller frees): for an edit
 * "key: old → new" for each field that differs, for an add or a value
 * that is not JSON the new fields as "key: value". */
char *auditvalue_changes(const char *old_value, const char *new_value);

/* A stored value as JSON: a JSON object or array (what the program
 * stores) with every string through jbuf_string, other text as a JSON
 * string, NULL as null. */
void auditvalue_json(struct jbuf *b, const char *text);

/* auditvalue_changes appended to changes, and with old_json and new_json
 * (both or neither) the two values as auditvalue_json writes them, from
 * one reading of each value: a reader of many rows keeps the buffers and
 * empties them (len = 0) between rows, allocating nothing per row. */
void auditvalue_show(struct jbuf *changes, struct jbuf *old_json, struct jbuf *new_json,
		     const char *old_value, const char *new_value);

#endif
