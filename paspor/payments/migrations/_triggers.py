"""SQL of the triggers that make bills and their items insert-only.

PostgreSQL refuses UPDATE and DELETE (a wipe with TRUNCATE, as `flush` does, is not a row
change). SQLite refuses UPDATE; DELETE stays possible there so `flush` can wipe a development
database.
"""

TABLES = ("payments_bill", "payments_billitem")

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION payments_bill_insert_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'bills are issued once and never changed';
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION payments_bill_insert_only();\n"
    for table in TABLES
)
POSTGRES_DOWN = "".join(
    f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table};\n" for table in TABLES
) + "DROP FUNCTION IF EXISTS payments_bill_insert_only();"

SQLITE_UP = [
    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
    "BEGIN SELECT RAISE(ABORT, 'bills are issued once and never changed'); END;"
    for table in TABLES
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {table}_no_update;" for table in TABLES]
