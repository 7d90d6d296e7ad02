#include "config.h"
#include "session.h"

#include "i18n.h"

int64_t session_mark(struct db *db)
{
	return db_data_version(db);
}

bool session_changed(struct db *db, int64_t *mark)
{
	int64_t now = db_data_version(db);

	if (now == *mark)
		return false;
	*mark = now;
	return true;
}

enum la_status session_writable(struct db *db, struct la_err *err)
{
	if (db_damaged(db))
		return db_damage(db, err);
	if (!db_readonly(db))
		return LA_OK;
	if (db_readonly_why(db))
		return la_fail(err, LA_READONLY, LA_FIELD_NONE,
			       _("The database %s is open read-only: %s."), db_path(db),
			       db_readonly_why(db));
	return la_fail(err, LA_READONLY, LA_FIELD_NONE,
		       _("The database %s is open read-only: whoever owns the file can give you write access."),
		       db_path(db));
}
