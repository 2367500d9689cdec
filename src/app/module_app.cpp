// Module anchor for sleet_app: keeps the static library non-empty while its first files are written.
namespace sleet::detail { int module_app_anchor = 0; }
