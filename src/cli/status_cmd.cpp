// `sleet status`: every journal entry as applied / pending / out-of-order, and tracking rows matching no entry.
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "app/migrate_command.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/json_out.hpp"

namespace sleet::cli {

namespace {
struct StatusFlags {
  ConfigFlags config;
  bool json = false;
};

const char* label(migrate::EntryState state) {
  switch (state) {
    case migrate::EntryState::Applied: return "applied";
    case migrate::EntryState::Pending: return "pending";
    case migrate::EntryState::OutOfOrder: return "out-of-order";
  }
  return "?";
}

int run(const StatusFlags& flags) {
  int code = 0;
  auto config = load_config_or_report(flags.config, flags.json, code);
  if (!config) return code;
  auto report = app::run_status(*config);
  if (!report) return report_error(report.error(), flags.json);
  const auto& status = report->status;
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& e : status.entries) ++counts[static_cast<int>(e.state)];

  if (flags.json) {
    JsonOut out;
    out.begin_object().key("ok").value(true).key("database").value(report->database);
    out.key("folder").value(display_path(report->folder)).key("tracking_table_exists").value(status.tracking_table_exists);
    out.key("entries").begin_array();
    for (const auto& e : status.entries) {
      out.begin_object().key("idx").value(e.idx).key("tag").value(e.tag).key("when").value(e.when);
      out.key("state").value(label(e.state)).key("hash").value(e.hash);
      if (e.state == migrate::EntryState::Applied) out.key("hash_changed").value(e.hash_changed);
      out.end_object();
    }
    out.end_array().key("unknown").begin_array();
    for (const auto& row : status.unknown_rows) {
      out.begin_object().key("id");
      row.id ? out.value(*row.id) : out.null();
      out.key("hash").value(row.hash).key("created_at");
      row.created_at ? out.value(*row.created_at) : out.null();
      out.end_object();
    }
    out.end_array();
    out.key("applied").value(counts[0]).key("pending").value(counts[1]).key("out_of_order").value(counts[2]);
    out.end_object();
    std::cout << out.str() << "\n";
    return 0;
  }

  std::cout << fmt::format("database: {}\nfolder:   {}\n", report->database, display_path(report->folder));
  std::size_t width = 0;
  for (const auto& e : status.entries) width = std::max(width, e.tag.size());
  for (const auto& e : status.entries) {
    std::cout << fmt::format("  {:<12} {:<{}}  {}", label(e.state), e.tag, width, format_when(e.when));
    if (e.hash_changed) std::cout << "  (file changed since it was applied)";
    std::cout << "\n";
  }
  for (const auto& row : status.unknown_rows) {
    std::cout << fmt::format("  {:<12} tracking row {} created_at {} hash {} (no journal entry)\n", "unknown",
                             row.id ? std::to_string(*row.id) : "-",
                             row.created_at ? std::to_string(*row.created_at) : "-", row.hash.substr(0, 12));
  }
  std::cout << fmt::format("{} applied, {} pending", counts[0], counts[1]);
  if (counts[2]) std::cout << fmt::format(", {} out of order (sleet migrate --allow-out-of-order)", counts[2]);
  if (!status.unknown_rows.empty()) std::cout << fmt::format(", {} unknown", status.unknown_rows.size());
  std::cout << "\n";
  return 0;
}
}  // namespace

Runner add_status_command(CLI::App& root) {
  auto flags = std::make_shared<StatusFlags>();
  CLI::App* command = root.add_subcommand("status", "show which migrations are applied, pending or out of order");
  flags->config.add_to(*command, false, false);
  command->add_flag("--json", flags->json, "machine-readable output on stdout");
  return [flags] { return run(*flags); };
}

}  // namespace sleet::cli
