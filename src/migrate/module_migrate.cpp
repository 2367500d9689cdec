// Module anchor for sleet_migrate: keeps the static library non-empty while its first files are written.
namespace sleet::detail { int module_migrate_anchor = 0; }
