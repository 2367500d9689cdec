// Word lists for random migration tags.
#include "migrate/tag_words.hpp"

#include <random>

namespace sleet::migrate {

const std::vector<std::string_view>& tag_adjectives() {
  static const std::vector<std::string_view> kWords = {
      "amber",   "arctic",   "ashen",    "biting",   "bitter",   "bleak",    "blue",     "blustery", "boreal",
      "brisk",   "bright",   "chilly",   "clear",    "cloudy",   "cold",     "crisp",    "crystal",  "damp",
      "dark",    "dawning",  "deep",     "dim",      "drifting", "dry",      "dusky",    "early",    "fading",
      "faint",   "falling",  "feathery", "fierce",   "fleeting", "foggy",    "fresh",    "frigid",   "frosted",
      "frosty",  "frozen",   "gentle",   "gleaming", "glassy",   "glazed",   "glittering", "gray",   "gusty",
      "hazy",    "heavy",    "hidden",   "hoary",    "howling",  "icy",      "idle",     "late",     "light",
      "lingering", "lone",   "long",     "low",      "lunar",    "melting",  "midnight", "milky",    "misty",
      "muffled", "murky",    "narrow",   "nimble",   "nordic",   "numb",     "opal",     "pale",     "patient",
      "pearly",  "polar",    "powdery",  "pristine", "quiet",    "rapid",    "raw",      "restless", "rimy",
      "roaring", "rugged",   "rustling", "sharp",    "sheer",    "shining",  "silent",   "silver",   "sleepy",
      "slick",   "slow",     "slushy",   "snowy",    "soft",     "solemn",   "sparkling", "spare",   "starlit",
      "steady",  "steep",    "still",    "stormy",   "subtle",   "sudden",   "swift",    "tall",     "tender",
      "thawing", "thin",     "tidy",     "tranquil", "twilight", "vast",     "velvet",   "wandering", "wary",
      "wet",     "whirling", "white",    "wild",     "windy",    "winter",   "wintry",   "wispy",    "young",
  };
  return kWords;
}

const std::vector<std::string_view>& tag_nouns() {
  static const std::vector<std::string_view> kWords = {
      "aurora",     "avalanche",  "basin",      "birch",      "blizzard",   "bluff",       "boulder",
      "breeze",     "brook",      "cairn",      "canyon",     "cedar",      "cirrus",      "cliff",
      "cloud",      "cornice",    "crag",       "crevasse",   "crystal",    "cumulus",     "dew",
      "drift",      "drizzle",    "dune",       "eddy",       "ermine",     "fir",         "fjord",
      "flake",      "floe",       "flurry",     "fog",        "frost",      "gale",        "glacier",
      "glade",      "graupel",    "gust",       "hail",       "harbor",     "hare",        "hoarfrost",
      "hollow",     "icefall",    "icicle",     "iceberg",    "lantern",    "larch",       "ledge",
      "lynx",       "meadow",     "mist",       "moraine",    "moose",      "nimbus",      "owl",
      "pass",       "peak",       "pine",       "plover",     "polar_bear", "pond",        "ptarmigan",
      "puffin",     "rain",       "raven",      "ridge",      "rime",       "river",       "sastrugi",
      "seal",       "shelf",      "shore",      "sleet",      "slope",      "snow_bunting", "snowdrift",
      "snowfield",  "snowshoe",   "solstice",   "spruce",     "squall",     "stag",        "storm",
      "stratus",    "summit",     "tarn",       "thaw",       "thunder",    "tundra",      "valley",
      "vortex",     "walrus",     "whirlwind",  "wind",       "wolf",       "wolverine",   "yeti",
  };
  return kWords;
}

std::string random_tag_suffix() {
  static thread_local std::mt19937 generator(std::random_device{}());
  const auto& adjectives = tag_adjectives();
  const auto& nouns = tag_nouns();
  std::uniform_int_distribution<std::size_t> pick_adjective(0, adjectives.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_noun(0, nouns.size() - 1);
  return std::string(adjectives[pick_adjective(generator)]) + "_" + std::string(nouns[pick_noun(generator)]);
}

}  // namespace sleet::migrate
