// Module anchor for sleet_snapshot: keeps the static library non-empty while its first files are written.
namespace sleet::detail { int module_snapshot_anchor = 0; }
