// Composition root of the sleet command-line tool.
#include <cstdio>
int main() { std::puts("sleet"); return 0; }
