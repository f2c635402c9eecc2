// Entry point shared by the desktop and the browser builds.
#include <cstdio>

#include "app.h"
#include "platform.h"

int main(int argc, char** argv) {
  // Static: in the browser main() returns while the page keeps using the app.
  static app::App application;
  if (!application.init()) {
    std::fprintf(stderr, "%s\n", application.lastError().c_str());
    return 1;
  }
  return app::platform::run(application, argc, argv);
}
