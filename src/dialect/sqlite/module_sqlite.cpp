// Module anchor for sleet_sqlite: keeps the static library non-empty while its first files are written.
namespace sleet::detail { int module_sqlite_anchor = 0; }
