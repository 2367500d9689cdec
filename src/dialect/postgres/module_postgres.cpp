// Module anchor for sleet_postgres: keeps the static library non-empty while its first files are written.
namespace sleet::detail { int module_postgres_anchor = 0; }
