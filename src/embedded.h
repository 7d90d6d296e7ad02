/* The SQL files under data/, built into the program by build-aux/embed.sh. */
#ifndef LA_EMBEDDED_H
#define LA_EMBEDDED_H

extern const char embedded_schema_sql[];
extern const char embedded_indexes_sql[];
extern const char embedded_migrate_2_sql[];
extern const char embedded_migrate_3_sql[];
extern const char embedded_migrate_4_sql[];
extern const char embedded_migrate_5_sql[];
extern const char embedded_migrate_6_sql[];
extern const char embedded_migrate_7_sql[];
extern const char embedded_migrate_8_sql[];
extern const char embedded_migrate_9_sql[];
extern const char embedded_migrate_10_sql[];
extern const char embedded_migrate_11_sql[];
extern const char embedded_recount_sql[];
extern const char embedded_leadstatus_en_sql[];
extern const char embedded_leadstatus_de_sql[];
extern const char embedded_leadstatus_en_de_sql[];
extern const char embedded_categories_en_sql[];
extern const char embedded_categories_de_sql[];
extern const char embedded_categories_en_de_sql[];
extern const char embedded_pg_schema_sql[];
extern const char embedded_pg_migrate_12_sql[];
extern const char embedded_pg_migrate_13_sql[];

#endif
